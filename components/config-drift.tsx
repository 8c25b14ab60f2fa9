import { RestartToPickUp } from '@/components/restart-to-pick-up';
import { Callout } from '@/components/ui/callout';
import { describeDrift } from '@/lib/k8s/drift';
import { type DriftReport, podDriftReport, workloadDriftReport } from '@/lib/k8s/drift-read';

/**
 * "Config changed after these pods started": for a pod or a workload, the ConfigMaps and Secrets
 * whose new values the running containers do not have, with a restart to pick them up.
 */
export async function ConfigDrift({
  context,
  namespace,
  pod,
  workload,
  restartApi,
}: {
  context: string;
  namespace: string;
  pod?: string;
  workload?: { kind: 'deployments' | 'statefulsets' | 'daemonsets'; name: string };
  /** The workload's restart route; without it the notice only explains. */
  restartApi?: string;
}) {
  let r: DriftReport;
  try {
    if (pod) r = await podDriftReport(context, namespace, pod);
    else if (workload) r = await workloadDriftReport(context, namespace, workload.kind, workload.name);
    else return null;
  } catch {
    // The page shows the object's own errors; drift is an extra.
    return null;
  }
  if (r.items.length === 0 && r.gaps.length === 0) return null;
  const stale = r.items.some((d) => d.staleUntilRestart.length > 0);
  return (
    <Callout
      tone={stale ? 'warning' : 'info'}
      title={stale ? 'Running with old configuration' : 'Configuration changed'}
    >
      <ul className="list-disc space-y-1 pl-5">
        {r.items.map((d) => (
          <li key={`${d.kind}/${d.name}`}>
            {describeDrift(d)} {workload && <span className="text-xs">(pods: {d.pods.join(', ')})</span>}
          </li>
        ))}
        {r.gaps.map((g) => (
          <li key={g}>{g}</li>
        ))}
      </ul>
      {stale && restartApi && r.generation !== undefined && (
        <div className="mt-2">
          <RestartToPickUp
            api={restartApi}
            generation={r.generation}
            names={r.items.map((d) => `${d.kind} ${d.name}`)}
          />
        </div>
      )}
    </Callout>
  );
}
