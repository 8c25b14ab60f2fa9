import 'server-only';
import { AppsV1Api, BatchV1Api, CoreV1Api, type V1Node } from '@kubernetes/client-node';
import { isAppError } from '../errors';
import { apiClient } from './client';
import { toAppError } from './errors';
import { byHealth, isProblem } from './health';
import { byLastSeen, type EventView, type PodRow, toEventView, toPodRow } from './pod-views';
import { listPods, type NodeReady, nodeReadyOf } from './pods';
import {
  type AnyWorkload,
  byWorkloadHealth,
  podsByWorkload,
  toWorkloadRow,
  type WorkloadRow,
} from './workload-views';

export interface NodeBrief {
  name: string;
  ready: NodeReady;
  unschedulable: boolean;
  reason: string | null;
  message: string | null;
}

export interface OverviewData {
  workloads: WorkloadRow[];
  problemPods: PodRow[];
  podCount: number;
  warnings: EventView[];
  nodes: { total: number; attention: NodeBrief[] } | null;
  /** Parts we could not load (usually RBAC), each as a sentence; the rest of the overview still shows. */
  gaps: string[];
  now: number;
}

const WARNING_WINDOW_MS = 60 * 60_000;
const MAX_WARNINGS = 25;
const MAX_PODS_PER_WORKLOAD = 5;

export function toNodeBrief(n: V1Node): NodeBrief {
  const ready = n.status?.conditions?.find((c) => c.type === 'Ready');
  return {
    name: n.metadata?.name ?? '',
    ready: nodeReadyOf(n),
    unschedulable: n.spec?.unschedulable === true,
    reason: ready?.reason ?? null,
    message: ready?.message ?? null,
  };
}

/** Runs a list call; a failure becomes a gap sentence instead of failing the whole overview. */
async function optional<T>(
  gaps: string[],
  what: () => Promise<T>,
  attempt: Parameters<typeof toAppError>[1],
) {
  try {
    return await what();
  } catch (e) {
    const err = toAppError(e, attempt);
    gaps.push(isAppError(err) ? err.message : `Could not list ${attempt.resource}.`);
    return undefined;
  }
}

export async function getOverview(context: string, namespace: string | undefined): Promise<OverviewData> {
  const apps = apiClient(context, AppsV1Api);
  const batch = apiClient(context, BatchV1Api);
  const core = apiClient(context, CoreV1Api);
  const gaps: string[] = [];
  const a = (resource: string) => ({ context, verb: 'list' as const, resource, namespace });
  const ns = namespace;
  const [pods, rss, deps, sts, dss, jobs, events, nodes] = await Promise.all([
    listPods(context, ns),
    optional(
      gaps,
      () => (ns ? apps.listNamespacedReplicaSet({ namespace: ns }) : apps.listReplicaSetForAllNamespaces()),
      a('replicasets'),
    ),
    optional(
      gaps,
      () => (ns ? apps.listNamespacedDeployment({ namespace: ns }) : apps.listDeploymentForAllNamespaces()),
      a('deployments'),
    ),
    optional(
      gaps,
      () => (ns ? apps.listNamespacedStatefulSet({ namespace: ns }) : apps.listStatefulSetForAllNamespaces()),
      a('statefulsets'),
    ),
    optional(
      gaps,
      () => (ns ? apps.listNamespacedDaemonSet({ namespace: ns }) : apps.listDaemonSetForAllNamespaces()),
      a('daemonsets'),
    ),
    optional(
      gaps,
      () => (ns ? batch.listNamespacedJob({ namespace: ns }) : batch.listJobForAllNamespaces()),
      a('jobs'),
    ),
    optional(
      gaps,
      () =>
        ns
          ? core.listNamespacedEvent({ namespace: ns, fieldSelector: 'type=Warning' })
          : core.listEventForAllNamespaces({ fieldSelector: 'type=Warning' }),
      a('events'),
    ),
    optional(gaps, () => core.listNode(), { context, verb: 'list', resource: 'nodes' }),
  ]);
  const now = Date.now();
  const nodeReady = new Map((nodes?.items ?? []).map((n) => [n.metadata?.name ?? '', nodeReadyOf(n)]));
  const rows = new Map(
    pods.map((p) => [p.metadata?.uid ?? '', toPodRow(p, now, nodeReady.get(p.spec?.nodeName ?? ''))]),
  );
  const owned = podsByWorkload(pods, rss?.items ?? []);
  const workloads: AnyWorkload[] = [
    ...(deps?.items ?? []).map((obj) => ({ kind: 'Deployment' as const, obj })),
    ...(sts?.items ?? []).map((obj) => ({ kind: 'StatefulSet' as const, obj })),
    ...(dss?.items ?? []).map((obj) => ({ kind: 'DaemonSet' as const, obj })),
    ...(jobs?.items ?? []).map((obj) => ({ kind: 'Job' as const, obj })),
  ];
  const workloadRows = workloads
    .map((w) => {
      const mine = (owned.get(w.obj.metadata?.uid ?? '') ?? []).flatMap(
        (p) => rows.get(p.metadata?.uid ?? '') ?? [],
      );
      const row = toWorkloadRow(w, mine);
      return { ...row, pods: row.pods.filter((p) => isProblem(p.health)).slice(0, MAX_PODS_PER_WORKLOAD) };
    })
    .sort(byWorkloadHealth);
  const warnings = (events?.items ?? [])
    .map(toEventView)
    .filter((e) => e.lastSeen === null || now - Date.parse(e.lastSeen) < WARNING_WINDOW_MS)
    .sort(byLastSeen)
    .slice(0, MAX_WARNINGS);
  return {
    workloads: workloadRows,
    problemPods: [...rows.values()].filter((p) => isProblem(p.health)).sort(byHealth),
    podCount: pods.length,
    warnings,
    nodes: nodes
      ? {
          total: nodes.items.length,
          attention: nodes.items.map(toNodeBrief).filter((n) => n.ready !== 'True' || n.unschedulable),
        }
      : null,
    gaps,
    now,
  };
}
