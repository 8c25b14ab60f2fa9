import { ErrorState } from '@/components/error-state';
import { type WorkloadData, WorkloadView } from '@/components/workload-view';
import { requestPrincipal } from '@/lib/k8s/watch-cache';
import { loadView } from '@/lib/live/views';
import type { WorkloadResource } from '@/lib/live/views/workload-pods';
import type { ViewSpec } from '@/lib/stream-protocol';

/**
 * A workload's pods with their diagnosis, problem pods first, for pages built around something else
 * (the rollout pages), so one page per workload answers both "how is the rollout" and "why is it sick".
 */
export async function WorkloadPods({
  context,
  namespace,
  kind,
  name,
}: {
  context: string;
  namespace: string;
  kind: WorkloadResource;
  name: string;
}) {
  const spec: ViewSpec = { context, view: 'workload-pods', namespace, kind, name };
  let initial: WorkloadData | undefined;
  let error: unknown;
  try {
    initial = await loadView<WorkloadData>(spec, await requestPrincipal());
  } catch (e) {
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
