import 'server-only';
import type { V1DaemonSet, V1Node, V1Pod, V1PodDisruptionBudget } from '@kubernetes/client-node';
import { AppError } from '../../../errors';
import type { ViewDef } from '../../../live/view-cache';
import { printPod } from '../../pods/status';
import { type BudgetFacts, budgetFacts, type DrainPodFacts, daemonSetKeys, podFacts } from '../drain-plan';
import { computeNodeRows, type NodeRow } from './nodes';

/**
 * One node with the pods on it and what a drain would do with each, from the cached nodes, pods,
 * DaemonSets and PodDisruptionBudgets of the cluster: pods leaving during a drain, and a budget's
 * disruptionsAllowed moving, reach every tab from the one watch of each.
 */
export interface NodeParams {
  name: string;
}

export interface NodePod extends DrainPodFacts {
  /** kubectl's STATUS and READY cells. */
  status: string;
  ready: string;
}

export interface NodeModel {
  node: NodeRow;
  pods: NodePod[];
  /** The budgets that match pods on this node. */
  budgets: BudgetFacts[];
  /** Why pods or budgets are not shown (may not be listed cluster-wide). */
  notes: string[];
  now: number;
}

export const nodeView: ViewDef<NodeParams, NodeModel> = {
  inputs: () => [
    { slug: 'nodes' },
    { slug: 'pods' },
    { slug: 'poddisruptionbudgets' },
    { slug: 'daemonsets' },
  ],
  compute: (inputs, p, now): NodeModel => {
    const nodes = inputs.list<V1Node>('nodes');
    if (!nodes) {
      const e = inputs.error('nodes');
      throw new AppError(e?.status ?? 500, e?.message ?? 'Could not list nodes.', e?.code);
    }
    const node = nodes.find((n) => n.metadata?.name === p.name);
    if (!node) throw new AppError(404, `Node "${p.name}" does not exist.`, 'not_found');
    const all = inputs.list<V1Pod>('pods');
    const onNode = all?.filter((x) => x.spec?.nodeName === p.name);
    const row = computeNodeRows([node], onNode, inputs.error('pods')?.message, now).items[0] as NodeRow;
    const notes: string[] = [];
    if (!all)
      notes.push(`Pods are not shown: ${inputs.error('pods')?.message ?? 'they could not be listed.'}`);
    const pdbs = inputs.list<V1PodDisruptionBudget>('poddisruptionbudgets');
    if (!pdbs)
      notes.push(
        `Disruption budgets are not shown: ${inputs.error('poddisruptionbudgets')?.message ?? 'they could not be listed.'}`,
      );
    const ds = daemonSetKeys(inputs.list<V1DaemonSet>('daemonsets') ?? []);
    const pods = (onNode ?? []).map((pod): NodePod => {
      const c = printPod(pod);
      return { ...podFacts(pod, ds, pdbs ?? []), status: c.status, ready: c.ready };
    });
    const used = new Set(pods.flatMap((x) => x.budgets.map((b) => `${x.namespace}/${b}`)));
    const budgets = (pdbs ?? [])
      .map(budgetFacts)
      .filter((b) => used.has(`${b.namespace}/${b.name}`))
      .sort((a, b) => a.namespace.localeCompare(b.namespace) || a.name.localeCompare(b.name));
    return { node: row, pods, budgets, notes, now };
  },
};
