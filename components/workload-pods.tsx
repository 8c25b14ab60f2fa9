import { ErrorState } from '@/components/error-state';
import { type WorkloadData, WorkloadView } from '@/components/workload-view';
import { getWorkloadDetail } from '@/lib/k8s/workload-health';
import type { WorkloadKind } from '@/lib/links';

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
  kind: WorkloadKind;
  name: string;
}) {
  let initial: WorkloadData | undefined;
  let error: unknown;
  try {
    initial = { detail: await getWorkloadDetail(context, namespace, kind, name), now: Date.now() };
  } catch (e) {
    error = e;
  }
  const url = `/api/c/${encodeURIComponent(context)}/${encodeURIComponent(namespace)}/workloads/${kind}/${encodeURIComponent(name)}/health`;
  return (
    <section aria-labelledby="pods-title" className="space-y-2">
      <h2 id="pods-title" className="text-lg font-semibold">
        Pods
      </h2>
      {initial ? (
        <WorkloadView url={url} initial={initial} context={context} />
      ) : (
        <ErrorState error={error} context={context} />
      )}
    </section>
  );
}
