import { notFound } from 'next/navigation';
import { ErrorState } from '@/components/shell/error-state';
import { type WorkloadData, WorkloadView } from '@/components/workloads/workload-view';
import { isAppError } from '@/lib/errors';
import type { WorkloadKind } from '@/lib/links';
import type { ViewSpec } from '@/lib/live/protocol';
import { loadView } from '@/lib/live/views';
import { requestPrincipal } from '@/lib/live/watch-cache';

/**
 * A workload's pods with their diagnosis, problem pods first, so one page per workload answers both
 * "how is the rollout" and "why is it sick". Without a rollout panel above it, it is what decides a 404.
 */
export async function WorkloadPods({
  context,
  namespace,
  kind,
  name,
  notFoundIfMissing = false,
}: {
  context: string;
  namespace: string;
  kind: WorkloadKind;
  name: string;
  notFoundIfMissing?: boolean;
}) {
  const spec: ViewSpec = { context, view: 'workload-pods', namespace, kind, name };
  let initial: WorkloadData | undefined;
  let error: unknown;
  try {
    initial = await loadView<WorkloadData>(spec, await requestPrincipal());
  } catch (e) {
    if (notFoundIfMissing && isAppError(e) && e.code === 'not_found') notFound();
    error = e;
  }
  return (
    <section aria-labelledby="pods-title" className="space-y-2">
      <h2 id="pods-title" className="text-lg font-semibold">
        Pods
      </h2>
      {initial ? (
        <WorkloadView spec={spec} initial={initial} context={context} />
      ) : (
        <ErrorState error={error} context={context} />
      )}
    </section>
  );
}
