import type { Metadata } from 'next';
import { WorkloadDetailPage } from '@/components/workload-detail-page';

type Params = { context: string; namespace: string; name: string };

export async function generateMetadata({ params }: { params: Promise<Params> }): Promise<Metadata> {
  return { title: `${decodeURIComponent((await params).name)} · DaemonSet` };
}

export default async function Page({ params }: { params: Promise<Params> }) {
  return <WorkloadDetailPage kind="daemonsets" params={await params} />;
}
