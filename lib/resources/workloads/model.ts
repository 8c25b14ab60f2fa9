import type {
  V1DaemonSet,
  V1Deployment,
  V1Job,
  V1LabelSelector,
  V1ObjectMeta,
  V1Pod,
  V1ReplicaSet,
  V1StatefulSet,
} from '@kubernetes/client-node';
import { type RolloutKind, WORKLOADS, type WorkloadKind, type WorkloadKindName } from '../../links';
import { rollupWorkload, type WorkloadHealth, type WorkloadRef } from '../pods/health';
import type { PodRow } from '../pods/views';

/**
 * The one workload model (PURE): the five kinds with a workload page, keyed by the API's plural
 * resource name, and their rows rolled up from their pods. The kinds table is lib/links.ts's.
 */

export type { WorkloadKindName } from '../../links';

export interface WorkloadRow {
  uid: string;
  kind: WorkloadKindName;
  namespace: string;
  name: string;
  health: WorkloadHealth;
  summary: string;
  ready: number;
  desired: number | null;
  podCount: number;
  /** Problem pods first; the overview sends only the problem ones. */
  pods: PodRow[];
}

/** The API object of each workload kind. */
export interface WorkloadObjects {
  deployments: V1Deployment;
  statefulsets: V1StatefulSet;
  daemonsets: V1DaemonSet;
  replicasets: V1ReplicaSet;
  jobs: V1Job;
}

/** A workload object tagged with its plural resource name. */
export type AnyWorkload = { [K in WorkloadKind]: { kind: K; obj: WorkloadObjects[K] } }[WorkloadKind];

/** The object of a workload with rollout history (Deployment, StatefulSet, DaemonSet). */
export type RolloutObject = WorkloadObjects[RolloutKind];

export function kindName(w: AnyWorkload): WorkloadKindName {
  return WORKLOADS[w.kind].kind;
}

export function workloadRef(w: AnyWorkload): WorkloadRef {
  const kind = kindName(w);
  switch (w.kind) {
    case 'daemonsets':
      return { kind, desired: w.obj.status?.desiredNumberScheduled ?? 0 };
    case 'jobs': {
      const failed = w.obj.status?.conditions?.find((c) => c.type === 'Failed' && c.status === 'True');
      return {
        kind,
        desired: null,
        failedMessage: failed ? (failed.message ?? failed.reason ?? 'failed') : undefined,
      };
    }
    default:
      return { kind, desired: w.obj.spec?.replicas ?? 1 };
  }
}

/** A label selector as the API's `labelSelector` query string. */
export function selectorString(sel: V1LabelSelector | undefined): string {
  const parts = Object.entries(sel?.matchLabels ?? {}).map(([k, v]) => `${k}=${v}`);
  for (const e of sel?.matchExpressions ?? []) {
    const values = (e.values ?? []).join(',');
    if (e.operator === 'In') parts.push(`${e.key} in (${values})`);
    else if (e.operator === 'NotIn') parts.push(`${e.key} notin (${values})`);
    else if (e.operator === 'Exists') parts.push(e.key);
    else if (e.operator === 'DoesNotExist') parts.push(`!${e.key}`);
  }
  return parts.join(',');
}

function controllerUid(meta: V1ObjectMeta | undefined): string | undefined {
  return meta?.ownerReferences?.find((r) => r.controller)?.uid;
}

/**
 * The workload uid each pod belongs to, through its ReplicaSet for Deployments. Ownership, not
 * selectors: two Deployments with overlapping selectors must not share pods.
 */
export function podsByWorkload(pods: V1Pod[], replicaSets: V1ReplicaSet[]): Map<string, V1Pod[]> {
  const rsOwner = new Map(replicaSets.map((rs) => [rs.metadata?.uid ?? '', controllerUid(rs.metadata)]));
  const out = new Map<string, V1Pod[]>();
  for (const pod of pods) {
    const direct = controllerUid(pod.metadata);
    if (!direct) continue;
    for (const uid of [direct, rsOwner.get(direct)]) {
      if (!uid) continue;
      const list = out.get(uid) ?? [];
      list.push(pod);
      out.set(uid, list);
    }
  }
  return out;
}

export function toWorkloadRow(w: AnyWorkload, pods: PodRow[]): WorkloadRow {
  const r = rollupWorkload(pods, workloadRef(w));
  return {
    uid: w.obj.metadata?.uid ?? '',
    kind: kindName(w),
    namespace: w.obj.metadata?.namespace ?? '',
    name: w.obj.metadata?.name ?? '',
    health: r.health,
    summary: r.summary,
    ready: r.ready,
    desired: r.desired,
    podCount: pods.length,
    pods: r.pods,
  };
}

const HEALTH_RANK: Record<WorkloadHealth, number> = { failing: 0, degraded: 1, healthy: 2 };

export function byWorkloadHealth(a: WorkloadRow, b: WorkloadRow): number {
  return (
    HEALTH_RANK[a.health] - HEALTH_RANK[b.health] ||
    a.namespace.localeCompare(b.namespace) ||
    a.kind.localeCompare(b.kind) ||
    a.name.localeCompare(b.name)
  );
}
