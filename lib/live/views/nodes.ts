import type { V1Node, V1Pod } from '@kubernetes/client-node';
import { AppError } from '../../errors';
import { nodeMetricsInput, nodeUsages } from '../../resources/metrics/server/metrics-views';
import { computeNodeRows, type NodeList } from '../../resources/nodes/server/nodes';
import type { ViewDef } from '../view-cache';

/** Nodes, requested vs allocatable, from the cached nodes and pods of all namespaces. */
export type NodesParams = Record<string, never>;

export const nodesView: ViewDef<NodesParams, NodeList> = {
  inputs: () => [{ slug: 'nodes' }, { slug: 'pods' }, nodeMetricsInput()],
  compute: (inputs, _p, now): NodeList => {
    const nodes = inputs.list<V1Node>('nodes');
    if (!nodes) {
      const e = inputs.error('nodes');
      throw new AppError(e?.status ?? 500, e?.message ?? 'Could not list nodes.', e?.code);
    }
    const list = computeNodeRows(nodes, inputs.list<V1Pod>('pods'), inputs.error('pods')?.message, now);
    // Usage from the shared Metrics API poll; without metrics-server the columns are simply absent.
    const usage = nodeUsages(inputs);
    if (!usage) return list;
    return {
      ...list,
      metrics: true,
      items: list.items.map((n) => ({ ...n, usage: usage.get(n.name) ?? null })),
    };
  },
};
