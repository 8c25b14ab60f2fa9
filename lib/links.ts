import { scopePath } from './paths';

/** Workload kinds with a health page (workloads/<kind>/<name>), lower-case as in the URL. */
export const WORKLOAD_KINDS = ['deployment', 'statefulset', 'daemonset', 'job', 'replicaset'] as const;
export type WorkloadKind = (typeof WORKLOAD_KINDS)[number];
/** The kinds with rollout history; their page is `<kind>s/<name>`. */
export const ROLLOUT_KINDS = ['deployment', 'statefulset', 'daemonset'] as const;

export function podPath(context: string, namespace: string, name: string, rest = ''): string {
  return scopePath(context, namespace, `pods/${encodeURIComponent(name)}${rest ? `/${rest}` : ''}`);
}

/** A link for an owner reference, or null when Wheelhouse has no page for that kind. */
export function workloadPath(
  context: string,
  namespace: string,
  kind: string,
  name: string,
  rest = '',
): string | null {
  const k = kind.toLowerCase();
  if (!(WORKLOAD_KINDS as readonly string[]).includes(k)) return null;
  // Deployments, StatefulSets and DaemonSets have one page with rollouts and pod health together.
  if (!rest && (ROLLOUT_KINDS as readonly string[]).includes(k))
    return scopePath(context, namespace, `${k}s/${encodeURIComponent(name)}`);
  return scopePath(context, namespace, `workloads/${k}/${encodeURIComponent(name)}${rest ? `/${rest}` : ''}`);
}
