import type { Metadata } from 'next';
import { notFound, redirect } from 'next/navigation';
import { ErrorState } from '@/components/error-state';
import { type WorkloadData, WorkloadView } from '@/components/workload-view';
import { isAppError } from '@/lib/errors';
import { requestPrincipal } from '@/lib/k8s/watch-cache';
import { ROLLOUT_KINDS, workloadPath } from '@/lib/links';
import { loadView } from '@/lib/live/views';
import { legacyWorkloadKind, legacyWorkloadRedirect, parseWorkloadScope } from '@/lib/named-scope';
import type { ViewSpec } from '@/lib/stream-protocol';

type Params = Promise<{ context: string; namespace: string; kind: string; name: string }>;

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const { name } = await params;
  return { title: decodeURIComponent(name) };
}

export default async function WorkloadPage({ params }: { params: Params }) {
  const raw = await params;
  // Old addresses named the kind in the singular (workloads/deployment/web): keep them working.
  const plural = legacyWorkloadKind(raw.kind);
  if (plural) redirect(legacyWorkloadRedirect(raw, plural) ?? notFound());
  let s: ReturnType<typeof parseWorkloadScope>;
  try {
    s = parseWorkloadScope(raw);
  } catch {
    notFound();
  }
  // Workloads with rollouts have their one page elsewhere; this address stays valid for old links.
  if ((ROLLOUT_KINDS as readonly string[]).includes(s.kind))
    redirect(workloadPath(s.context, s.namespace, s.kind, s.name) ?? '/');
  const spec: ViewSpec = {
    context: s.context,
    view: 'workload-pods',
    namespace: s.namespace,
    kind: s.kind,
    name: s.name,
  };
  let initial: WorkloadData | undefined;
  let error: unknown;
  try {
    initial = await loadView<WorkloadData>(spec, await requestPrincipal());
  } catch (e) {
    if (isAppError(e) && e.code === 'not_found') notFound();
    error = e;
  }
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
        <WorkloadView spec={spec} initial={initial} context={s.context} />
      ) : (
        <ErrorState error={error} context={s.context} />
      )}
    </section>
  );
}
