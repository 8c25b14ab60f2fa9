import type { Metadata } from 'next';
import { notFound, redirect } from 'next/navigation';
import { ErrorState } from '@/components/error-state';
import { type WorkloadData, WorkloadView } from '@/components/workload-view';
import { isAppError } from '@/lib/errors';
import { getWorkloadDetail } from '@/lib/k8s/workload-health';
import { ROLLOUT_KINDS, workloadPath } from '@/lib/links';
import { parseWorkloadScope } from '@/lib/named-scope';

type Params = Promise<{ context: string; namespace: string; kind: string; name: string }>;

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const { name } = await params;
  return { title: decodeURIComponent(name) };
}

export default async function WorkloadPage({ params }: { params: Params }) {
  let s: ReturnType<typeof parseWorkloadScope>;
  try {
    s = parseWorkloadScope(await params);
  } catch {
    notFound();
  }
  // Workloads with rollouts have their one page elsewhere; this address stays valid for old links.
  if ((ROLLOUT_KINDS as readonly string[]).includes(s.kind))
    redirect(workloadPath(s.context, s.namespace, s.kind, s.name) ?? '/');
  let initial: WorkloadData | undefined;
  let error: unknown;
  try {
    initial = { detail: await getWorkloadDetail(s.context, s.namespace, s.kind, s.name), now: Date.now() };
  } catch (e) {
    if (isAppError(e) && e.code === 'not_found') notFound();
    error = e;
  }
  const url = `/api/c/${encodeURIComponent(s.context)}/${encodeURIComponent(s.namespace)}/workloads/${s.kind}/${encodeURIComponent(s.name)}/health`;
  return (
    <section aria-labelledby="page-title" className="space-y-4">
      <header>
        <p className="text-sm text-muted">
          {initial?.detail.row.kind ?? s.kind} in namespace {s.namespace}
        </p>
        <h1 id="page-title" className="text-xl font-semibold break-all">
          {s.name}
        </h1>
      </header>
      {initial ? (
        <WorkloadView url={url} initial={initial} context={s.context} />
      ) : (
        <ErrorState error={error} context={s.context} />
      )}
    </section>
  );
}
