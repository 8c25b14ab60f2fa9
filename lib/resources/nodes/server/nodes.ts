import 'server-only';
import type { V1Node, V1Pod } from '@kubernetes/client-node';
import { parseQuantity, podRequests, type Resources } from '../quantities';
import { type NodeReady, nodeReadyOf } from '../ready';

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

export function toNodeRow(n: V1Node): NodeRow {
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

/**
 * Nodes with what their pods request against what they can allocate. PURE: the live view feeds it
 * from the cache; `pods` undefined (may not list them) leaves the requests out, with `podsNote`.
 */
export function computeNodeRows(
  nodes: V1Node[],
  pods: V1Pod[] | undefined,
  podsNote: string | undefined,
  now: number,
): NodeList {
  const rows = nodes.map(toNodeRow).sort((a, b) => a.name.localeCompare(b.name));
  const notes: string[] = [];
  if (!pods && podsNote) notes.push(`Requested resources are not shown: ${podsNote}`);
  const byName = new Map(rows.map((r) => [r.name, r]));
  if (pods) {
    for (const r of rows) {
      r.requested = { cpu: 0, memory: 0 };
      r.pods = 0;
    }
    for (const p of pods) {
      // Finished pods hold no resources (kubectl describe node counts the same way).
      if (p.status?.phase === 'Succeeded' || p.status?.phase === 'Failed') continue;
      const r = byName.get(p.spec?.nodeName ?? '');
      if (!r?.requested || r.pods === null) continue;
      const q = podRequests(p);
      r.requested.cpu += q.cpu;
      r.requested.memory += q.memory;
      r.pods++;
    }
  }
  return { items: rows, notes, metrics: false, now };
}
