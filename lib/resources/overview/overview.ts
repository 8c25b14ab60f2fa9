import type {
  CoreV1Event,
  V1DaemonSet,
  V1Deployment,
  V1Job,
  V1Node,
  V1Pod,
  V1ReplicaSet,
  V1StatefulSet,
} from '@kubernetes/client-node';
import { type NodeReady, nodeReadyOf } from '../nodes/ready';
import { byHealth, isProblem } from '../pods/health';
import { byLastSeen, type EventView, type PodRow, toEventView, toPodRow } from '../pods/views';
import {
  type AnyWorkload,
  byWorkloadHealth,
  podsByWorkload,
  toWorkloadRow,
  type WorkloadRow,
} from '../workloads/model';

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

/** The lists the overview is made of; undefined where a list could not be read (a gap). */
export interface OverviewInput {
  pods: V1Pod[];
  replicaSets: V1ReplicaSet[] | undefined;
  deployments: V1Deployment[] | undefined;
  statefulSets: V1StatefulSet[] | undefined;
  daemonSets: V1DaemonSet[] | undefined;
  jobs: V1Job[] | undefined;
  /** Warning events (others are ignored). */
  events: CoreV1Event[] | undefined;
  nodes: V1Node[] | undefined;
  gaps: string[];
}

/** The overview from its lists. PURE: the live view (lib/live/views/overview.ts) feeds it from the cache. */
export function computeOverview(input: OverviewInput, now: number): OverviewData {
  const { pods, gaps } = input;
  const rss = input.replicaSets ? { items: input.replicaSets } : undefined;
  const deps = input.deployments ? { items: input.deployments } : undefined;
  const sts = input.statefulSets ? { items: input.statefulSets } : undefined;
  const dss = input.daemonSets ? { items: input.daemonSets } : undefined;
  const jobs = input.jobs ? { items: input.jobs } : undefined;
  const events = input.events ? { items: input.events.filter((e) => e.type === 'Warning') } : undefined;
  const nodes = input.nodes ? { items: input.nodes } : undefined;
  const nodeReady = new Map((nodes?.items ?? []).map((n) => [n.metadata?.name ?? '', nodeReadyOf(n)]));
  const rows = new Map(
    pods.map((p) => [p.metadata?.uid ?? '', toPodRow(p, now, nodeReady.get(p.spec?.nodeName ?? ''))]),
  );
  const owned = podsByWorkload(pods, rss?.items ?? []);
  const workloads: AnyWorkload[] = [
    ...(deps?.items ?? []).map((obj) => ({ kind: 'deployments' as const, obj })),
    ...(sts?.items ?? []).map((obj) => ({ kind: 'statefulsets' as const, obj })),
    ...(dss?.items ?? []).map((obj) => ({ kind: 'daemonsets' as const, obj })),
    ...(jobs?.items ?? []).map((obj) => ({ kind: 'jobs' as const, obj })),
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
