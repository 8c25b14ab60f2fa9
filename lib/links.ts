import { scopePath } from './paths';

/** Workload kinds with a health page (workloads/<kind>/<name>), lower-case as in the URL. */
export const WORKLOAD_KINDS = ['deployment', 'statefulset', 'daemonset', 'job', 'replicaset'] as const;
export type WorkloadKind = (typeof WORKLOAD_KINDS)[number];

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
  return scopePath(context, namespace, `workloads/${k}/${encodeURIComponent(name)}${rest ? `/${rest}` : ''}`);
}
