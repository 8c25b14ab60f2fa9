import { scopePath } from './paths';

/**
 * The one URL builder for pages and API addresses of objects (browser and server): every segment
 * encoded, workload kinds by the API's plural resource name. lib/paths.ts holds the scope prefix;
 * lib/resources/objects/links.ts maps any object kind to its page through these.
 */

/** Workload kinds with a workload page, by plural resource name as in every URL. */
export const WORKLOAD_KINDS = ['deployments', 'statefulsets', 'daemonsets', 'replicasets', 'jobs'] as const;
export type WorkloadKind = (typeof WORKLOAD_KINDS)[number];
/** The kinds with rollout history (rollback, restart, pause): their page adds the rollout panel. */
export const ROLLOUT_KINDS = ['deployments', 'statefulsets', 'daemonsets'] as const;
export type RolloutKind = (typeof ROLLOUT_KINDS)[number];
export type WorkloadKindName = 'Deployment' | 'StatefulSet' | 'DaemonSet' | 'ReplicaSet' | 'Job';

/** The one table of workload kinds: the API's Kind, its plural for people, and its apiVersion. */
export const WORKLOADS: Record<WorkloadKind, { kind: WorkloadKindName; plural: string; apiVersion: string }> =
  {
    deployments: { kind: 'Deployment', plural: 'Deployments', apiVersion: 'apps/v1' },
    statefulsets: { kind: 'StatefulSet', plural: 'StatefulSets', apiVersion: 'apps/v1' },
    daemonsets: { kind: 'DaemonSet', plural: 'DaemonSets', apiVersion: 'apps/v1' },
    replicasets: { kind: 'ReplicaSet', plural: 'ReplicaSets', apiVersion: 'apps/v1' },
    jobs: { kind: 'Job', plural: 'Jobs', apiVersion: 'batch/v1' },
  };

export function isRolloutKind(kind: string): kind is RolloutKind {
  return (ROLLOUT_KINDS as readonly string[]).includes(kind);
}

const BY_KIND = Object.fromEntries(WORKLOAD_KINDS.map((k) => [WORKLOADS[k].kind, k])) as Record<
  string,
  WorkloadKind
>;

/**
 * The plural resource name of a workload kind given as the API's Kind ("Deployment"), its plural,
 * or the singular the old URLs used ("deployment"); undefined for anything else.
 */
export function workloadKindOf(kind: string): WorkloadKind | undefined {
  const byKind = BY_KIND[kind];
  if (byKind) return byKind;
  const lower = kind.toLowerCase();
  if ((WORKLOAD_KINDS as readonly string[]).includes(lower)) return lower as WorkloadKind;
  const plural = `${lower}s`;
  return (WORKLOAD_KINDS as readonly string[]).includes(plural) ? (plural as WorkloadKind) : undefined;
}

export function podPath(context: string, namespace: string, name: string, rest = ''): string {
  return scopePath(context, namespace, `pods/${encodeURIComponent(name)}${rest ? `/${rest}` : ''}`);
}

/** A link for an owner reference or workload row, or null when Wheelhouse has no page for that kind. */
export function workloadPath(
  context: string,
  namespace: string,
  kind: string,
  name: string,
  rest = '',
): string | null {
  const k = workloadKindOf(kind);
  if (!k) return null;
  // Each workload has one page, `<plural>/<name>`; its sub-pages (logs) live under `workloads/`.
  if (!rest) return scopePath(context, namespace, `${k}/${encodeURIComponent(name)}`);
  return scopePath(context, namespace, `workloads/${k}/${encodeURIComponent(name)}/${rest}`);
}

/** The API address of a workload (`rest` such as "history" or "log"), every segment encoded. */
export function workloadApiPath(
  context: string,
  namespace: string,
  kind: WorkloadKind,
  name: string,
  rest = '',
): string {
  const base = `/api${scopePath(context, namespace, `workloads/${kind}/${encodeURIComponent(name)}`)}`;
  return rest ? `${base}/${rest}` : base;
}

/** A node's page (nodes are cluster-scoped: the namespace segment is the one the user is in). */
export function nodePath(context: string, namespaceSegment: string, name: string): string {
  return scopePath(context, namespaceSegment, `nodes/${encodeURIComponent(name)}`);
}

/** The API address of a node action (`action`: cordon, uncordon, drain). */
export function nodeApiPath(context: string, namespaceSegment: string, name: string, action: string): string {
  return `/api${nodePath(context, namespaceSegment, name)}/${action}`;
}

/** A CronJob's page. */
export function cronJobPath(context: string, namespace: string, name: string): string {
  return scopePath(context, namespace, `cronjobs/${encodeURIComponent(name)}`);
}

/** The API address of a CronJob action (`action`: run, suspend, resume). */
export function cronJobApiPath(context: string, namespace: string, name: string, action: string): string {
  return `/api${cronJobPath(context, namespace, name)}/${action}`;
}

/** The API address of a pod (`rest` such as "log"). */
export function podApiPath(context: string, namespace: string, name: string, rest = ''): string {
  return `/api${podPath(context, namespace, name, rest)}`;
}

/** The API address of a Secret's reveal action. */
export function secretRevealApiPath(context: string, namespace: string, name: string): string {
  return `/api${scopePath(context, namespace, `secrets/${encodeURIComponent(name)}/reveal`)}`;
}

// Edit, create and delete: pages and routes of any object kind.

export function editPath(context: string, namespaceSegment: string, slug: string, name: string): string {
  return scopePath(context, namespaceSegment, `${slug}/${encodeURIComponent(name)}/edit`);
}

export function createPath(context: string, namespaceSegment: string): string {
  return scopePath(context, namespaceSegment, 'create');
}

export function listPath(context: string, namespaceSegment: string, slug: string): string {
  return scopePath(context, namespaceSegment, slug);
}

/** An object's page: `<plural>/<name>` is served by its specialised page or the generic one. */
export function objectPage(context: string, namespaceSegment: string, slug: string, name: string): string {
  return scopePath(context, namespaceSegment, `${slug}/${encodeURIComponent(name)}`);
}

export function objectApi(
  context: string,
  namespaceSegment: string,
  slug: string,
  name: string,
  rest = '',
): string {
  return `/api${scopePath(context, namespaceSegment, `objects/${slug}/${encodeURIComponent(name)}${rest ? `/${rest}` : ''}`)}`;
}

export function createApi(context: string, namespaceSegment: string): string {
  return `/api${scopePath(context, namespaceSegment, 'objects')}`;
}
