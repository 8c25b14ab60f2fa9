import { WorkloadDetailPage, workloadMetadata } from '@/components/workloads/workload-detail-page';

// Each workload kind keeps its own route, so the generic object page does not ship this page's client code.
type Params = Promise<{ context: string; namespace: string; name: string }>;
export const generateMetadata = ({ params }: { params: Params }) => workloadMetadata('jobs', params);

export default async function Page({ params }: { params: Params }) {
  return <WorkloadDetailPage kind="jobs" params={await params} />;
}
