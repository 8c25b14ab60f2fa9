'use client';

import { useLive } from '@/components/live/use-live';
import { Callout } from '@/components/ui/callout';
import { RestartToPickUp } from '@/components/workloads/restart-to-pick-up';
import type { ViewSpec } from '@/lib/live/protocol';
import { type DriftReport, describeDrift } from '@/lib/resources/drift/drift';

/**
 * "Running with old configuration", live: the server derives it from the watch cache (lib/live/views/
 * drift.ts) and pushes a new report when a ConfigMap, Secret or pod changes, so the notice appears
 * after an edit and goes once a restart has replaced the pods, without a reload.
 */
export function ConfigDriftNotice({
  spec,
  initial,
  restartApi,
}: {
  spec: ViewSpec;
  initial: DriftReport;
  /** The workload's restart route; without it the notice only explains. */
  restartApi?: string;
}) {
  const { data: r } = useLive<DriftReport>(spec, initial);
  if (r.items.length === 0 && r.gaps.length === 0) return null;
  const stale = r.items.some((d) => d.staleUntilRestart.length > 0);
  const workload = spec.kind !== 'pods';
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
