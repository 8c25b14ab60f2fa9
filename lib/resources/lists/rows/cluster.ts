import type { CoreV1Event, V1Namespace, V1Node } from '@kubernetes/client-node';
import { quantity, toIso } from './common';
import type { Column, RowSpec } from './types';

const age: Column = { key: 'age', label: 'Age', type: 'age' };

export const events: RowSpec<CoreV1Event> = {
  columns: [
    { key: 'lastSeen', label: 'Last seen', type: 'age' },
    { key: 'type', label: 'Type', type: 'status' },
    { key: 'reason', label: 'Reason', type: 'text' },
    { key: 'object', label: 'Object', type: 'text' },
    { key: 'message', label: 'Message', type: 'text' },
    { key: 'count', label: 'Count', type: 'number' },
  ],
  view: (e) => ({
    tone: e.type === 'Warning' ? 'warn' : 'neutral',
    cells: {
      lastSeen:
        toIso(e.lastTimestamp) ??
        toIso(e.series?.lastObservedTime) ??
        toIso(e.eventTime) ??
        toIso(e.metadata?.creationTimestamp),
      type: e.type ?? 'Normal',
      reason: e.reason ?? null,
      object: `${e.involvedObject?.kind ?? ''}/${e.involvedObject?.name ?? ''}`,
      message: e.message?.trim() ?? null,
      count: e.series?.count ?? e.count ?? 1,
    },
  }),
};

export const nodes: RowSpec<V1Node> = {
  columns: [
    { key: 'status', label: 'Status', type: 'status' },
    { key: 'roles', label: 'Roles', type: 'list' },
    { key: 'version', label: 'Version', type: 'text' },
    { key: 'internalIP', label: 'Internal IP', type: 'mono' },
    { key: 'cpu', label: 'CPU', type: 'text' },
    { key: 'memory', label: 'Memory', type: 'text' },
    { key: 'pods', label: 'Pods', type: 'text' },
    age,
  ],
  view: (n) => {
    const ready = n.status?.conditions?.find((c) => c.type === 'Ready');
    const base = ready?.status === 'True' ? 'Ready' : ready?.status === 'False' ? 'NotReady' : 'Unknown';
    const status = n.spec?.unschedulable ? `${base},SchedulingDisabled` : base;
    const roles = Object.keys(n.metadata?.labels ?? {})
      .filter((k) => k.startsWith('node-role.kubernetes.io/'))
      .map((k) => k.slice('node-role.kubernetes.io/'.length) || 'node');
    const alloc = n.status?.allocatable ?? {};
    return {
      tone: base !== 'Ready' ? 'bad' : n.spec?.unschedulable ? 'warn' : 'good',
      cells: {
        status,
        roles,
        version: n.status?.nodeInfo?.kubeletVersion ?? null,
        internalIP: n.status?.addresses?.find((a) => a.type === 'InternalIP')?.address ?? null,
        cpu: quantity(alloc.cpu),
        memory: quantity(alloc.memory),
        pods: quantity(alloc.pods),
        age: toIso(n.metadata?.creationTimestamp),
      },
    };
  },
};

export const namespaces: RowSpec<V1Namespace> = {
  columns: [{ key: 'status', label: 'Status', type: 'status' }, age],
  view: (n) => ({
    tone: n.status?.phase === 'Terminating' ? 'warn' : 'good',
    cells: { status: n.status?.phase ?? 'Active', age: toIso(n.metadata?.creationTimestamp) },
  }),
};
