import { ConfigDriftNotice } from '@/components/drift/config-drift-notice';
import type { ViewSpec } from '@/lib/live/protocol';
import { loadView } from '@/lib/live/views';
import { requestPrincipal } from '@/lib/live/watch-cache';
import type { DriftReport } from '@/lib/resources/drift/drift';

/**
 * "Config changed after these pods started": for a pod or a workload, the ConfigMaps and Secrets
 * whose new values the running containers do not have, with a restart to pick them up. Rendered
 * from the server's live drift view, then kept current over the tab's stream.
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
  const name = pod ?? workload?.name;
  if (!name) return null;
  const spec: ViewSpec = { context, view: 'drift', namespace, kind: pod ? 'pods' : workload?.kind, name };
  let initial: DriftReport;
  try {
    initial = await loadView<DriftReport>(spec, await requestPrincipal());
  } catch {
    // The page shows the object's own errors; drift is an extra (and the stream may still bring it).
    initial = { items: [], gaps: [] };
  }
  return <ConfigDriftNotice spec={spec} initial={initial} restartApi={restartApi} />;
}
