import { WorkloadDetailPage, workloadMetadata } from '@/components/workloads/workload-detail-page';

// Each workload kind keeps its own route, so the generic object page does not ship this page's client code.
type Params = Promise<{ context: string; namespace: string; name: string }>;
export const generateMetadata = ({ params }: { params: Params }) => workloadMetadata('replicasets', params);

export default async function Page({ params }: { params: Params }) {
  return <WorkloadDetailPage kind="replicasets" params={await params} />;
}
