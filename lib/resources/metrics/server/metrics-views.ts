import 'server-only';
import type { V1Node, V1Pod } from '@kubernetes/client-node';
import { AppError } from '../../../errors';
import type { InputSpec, ViewDef, ViewInputs } from '../../../live/view-cache';
import { parseQuantity } from '../../nodes/quantities';
import { limitPressure, type PodUsage, type Sample, topPods, type Usage } from '../history';
import { type MetricsScope, type MetricsSnapshot, watchMetrics } from './metrics-cache';

/**
 * CPU and memory views: the shared Metrics API poll joined with the cached pods and nodes (requests,
 * limits, allocatable). Without metrics-server they carry one sentence saying so, and nothing else.
 */

const POD_METRICS = 'metrics.k8s.io/pods';
const NODE_METRICS = 'metrics.k8s.io/nodes';

function metricsInput(scope: MetricsScope): InputSpec {
  return {
    slug: scope.kind === 'nodes' ? NODE_METRICS : POD_METRICS,
    namespace: scope.kind === 'pods' ? scope.namespace : undefined,
    open: (context, onChange, principal) => watchMetrics(context, scope, onChange, principal),
  };
}

function snapshot(
  inputs: ViewInputs,
  slug: string,
  namespace?: string,
): { snap: MetricsSnapshot | undefined; note: string | null } {
  const snap = inputs.list<MetricsSnapshot>(slug, namespace)?.[0];
  return { snap, note: snap ? null : (inputs.error(slug, namespace)?.message ?? 'Usage is not known yet.') };
}

type Amount = { cpu: number | null; memory: number | null };

function amounts(r: Record<string, string> | undefined): Amount {
  return {
    cpu: r?.cpu !== undefined ? parseQuantity(r.cpu) : null,
    memory: r?.memory !== undefined ? parseQuantity(r.memory) : null,
  };
}

export interface ContainerUsage {
  name: string;
  usage: Usage | null;
  requests: Amount;
  limits: Amount;
  /** Memory use against the memory limit: near from 80%, critical from 90%. */
  memoryPressure: 'ok' | 'near' | 'critical';
}

export interface PodUsageModel {
  /** Set when usage is not shown: the sentence to say once. */
  note: string | null;
  containers: ContainerUsage[];
  total: Usage | null;
  /** When metrics-server measured it (ms), and the last ~15 minutes of totals. */
  t: number | null;
  history: Sample[];
  now: number;
}

export const podUsageView: ViewDef<{ namespace: string; name: string }, PodUsageModel> = {
  inputs: (p) => [
    { slug: 'pods', namespace: p.namespace },
    metricsInput({ kind: 'pods', namespace: p.namespace }),
  ],
  compute: (inputs, p, now) => {
    const pod = inputs.get<V1Pod>('pods', p.namespace, `${p.namespace}/${p.name}`);
    if (!pod && inputs.list('pods', p.namespace))
      throw new AppError(404, `Pod "${p.name}" was not found in namespace "${p.namespace}".`, 'not_found');
    const { snap, note } = snapshot(inputs, POD_METRICS, p.namespace);
    const key = `${p.namespace}/${p.name}`;
    const u = snap?.pods.get(key);
    const containers = (pod?.spec?.containers ?? []).map((c): ContainerUsage => {
      const usage = u?.containers[c.name] ?? null;
      const limits = amounts(c.resources?.limits);
      return {
        name: c.name,
        usage,
        requests: amounts(c.resources?.requests),
        limits,
        memoryPressure: usage ? limitPressure(usage.memory, limits.memory) : 'ok',
      };
    });
    return {
      note:
        note ?? (u ? null : 'metrics-server has not reported this pod yet (it measures every 15 seconds).'),
      containers,
      total: u?.total ?? null,
      t: u?.t ?? null,
      history: snap?.history.get(key) ?? [],
      now,
    };
  },
};

export function nodeMetricsInput(): InputSpec {
  return metricsInput({ kind: 'nodes' });
}

/** Usage by node name from the shared poll, or undefined when the Metrics API is not served. */
export function nodeUsages(inputs: ViewInputs): Map<string, Usage> | undefined {
  return snapshot(inputs, NODE_METRICS).snap?.nodes;
}

export interface NodeUsageModel {
  note: string | null;
  usage: Usage | null;
  allocatable: Usage;
  t: number | null;
  history: Sample[];
  now: number;
}

export const nodeUsageView: ViewDef<{ name: string }, NodeUsageModel> = {
  inputs: () => [{ slug: 'nodes' }, metricsInput({ kind: 'nodes' })],
  compute: (inputs, p, now) => {
    const node = inputs.list<V1Node>('nodes')?.find((n) => n.metadata?.name === p.name);
    const { snap, note } = snapshot(inputs, NODE_METRICS);
    const u = snap?.nodes.get(p.name);
    const a = node?.status?.allocatable;
    return {
      note: note ?? (u ? null : 'metrics-server has not reported this node yet.'),
      usage: u ? { cpu: u.cpu, memory: u.memory } : null,
      allocatable: { cpu: parseQuantity(a?.cpu) || 0, memory: parseQuantity(a?.memory) || 0 },
      t: u?.t ?? null,
      history: snap?.history.get(p.name) ?? [],
      now,
    };
  },
};

export interface TopUsageModel {
  note: string | null;
  byCpu: PodUsage[];
  byMemory: PodUsage[];
  now: number;
}

export const TOP_N = 5;

export const topUsageView: ViewDef<{ namespace?: string }, TopUsageModel> = {
  inputs: (p) => [metricsInput({ kind: 'pods', namespace: p.namespace })],
  compute: (inputs, p, now) => {
    const { snap, note } = snapshot(inputs, POD_METRICS, p.namespace);
    const pods = [...(snap?.pods.values() ?? [])];
    return { note, byCpu: topPods(pods, 'cpu', TOP_N), byMemory: topPods(pods, 'memory', TOP_N), now };
  },
};
