import 'server-only';
import { CoreV1Api, Metrics, type V1Node } from '@kubernetes/client-node';
import { apiClient, kubeConfig } from './client';
import { toAppError } from './errors';
import { type NodeReady, nodeReadyOf } from './pods';
import { parseQuantity, podRequests, type Resources } from './resources';

export interface NodeRow {
  name: string;
  ready: NodeReady;
  unschedulable: boolean;
  conditions: { type: string; status: string; reason: string | null; message: string | null }[];
  /** Conditions other than Ready that are True (MemoryPressure…) or Ready when not True. */
  problems: string[];
  taints: string[];
  kubelet: string;
  capacity: Resources & { pods: number };
  allocatable: Resources & { pods: number };
  /** Sum of requests of the node's running pods; null when pods may not be listed cluster-wide. */
  requested: Resources | null;
  pods: number | null;
  /** From metrics.k8s.io; null when it is not served. */
  usage: Resources | null;
}

export interface NodeList {
  items: NodeRow[];
  /** Why requests or usage are missing, as sentences. */
  notes: string[];
  metrics: boolean;
  now: number;
}

function res(r: Record<string, string> | undefined): Resources & { pods: number } {
  return { cpu: parseQuantity(r?.cpu), memory: parseQuantity(r?.memory), pods: parseQuantity(r?.pods) };
}

function toNodeRow(n: V1Node): NodeRow {
  const conditions = (n.status?.conditions ?? []).map((c) => ({
    type: c.type,
    status: c.status,
    reason: c.reason ?? null,
    message: c.message ?? null,
  }));
  const ready = nodeReadyOf(n);
  const problems = conditions.filter((c) => c.type !== 'Ready' && c.status === 'True').map((c) => c.type);
  if (ready !== 'True') problems.unshift(`Ready=${ready}`);
  return {
    name: n.metadata?.name ?? '',
    ready,
    unschedulable: n.spec?.unschedulable === true,
    conditions,
    problems,
    taints: (n.spec?.taints ?? []).map((t) => `${t.key}${t.value ? `=${t.value}` : ''}:${t.effect}`),
    kubelet: n.status?.nodeInfo?.kubeletVersion ?? '',
    capacity: res(n.status?.capacity),
    allocatable: res(n.status?.allocatable),
    requested: null,
    pods: null,
    usage: null,
  };
}

export async function listNodeRows(context: string): Promise<NodeList> {
  const core = apiClient(context, CoreV1Api);
  let nodes: V1Node[];
  try {
    nodes = (await core.listNode()).items;
  } catch (e) {
    throw toAppError(e, { context, verb: 'list', resource: 'nodes' });
  }
  const rows = nodes.map(toNodeRow).sort((a, b) => a.name.localeCompare(b.name));
  const notes: string[] = [];
  const [pods, metrics] = await Promise.all([
    core
      .listPodForAllNamespaces({ fieldSelector: 'status.phase!=Succeeded,status.phase!=Failed' })
      .catch((e: unknown) => {
        notes.push(
          `Requested resources are not shown: ${toAppError(e, { context, verb: 'list', resource: 'pods' }).message}`,
        );
        return undefined;
      }),
    // metrics.k8s.io is an optional add-on: absent (404/503) simply means no usage column.
    new Metrics(kubeConfig(context)).getNodeMetrics().catch(() => undefined),
  ]);
  const byName = new Map(rows.map((r) => [r.name, r]));
  if (pods) {
    for (const r of rows) {
      r.requested = { cpu: 0, memory: 0 };
      r.pods = 0;
    }
    for (const p of pods.items) {
      const r = byName.get(p.spec?.nodeName ?? '');
      if (!r?.requested || r.pods === null) continue;
      const q = podRequests(p);
      r.requested.cpu += q.cpu;
      r.requested.memory += q.memory;
      r.pods++;
    }
  }
  for (const m of metrics?.items ?? []) {
    const r = byName.get(m.metadata.name);
    if (r) r.usage = { cpu: parseQuantity(m.usage.cpu), memory: parseQuantity(m.usage.memory) };
  }
  return { items: rows, notes, metrics: Boolean(metrics), now: Date.now() };
}
