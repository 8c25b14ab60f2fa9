import type { V1Node, V1Pod, V1ReplicaSet } from '@kubernetes/client-node';
import { AppError } from '../../errors';
import { WORKLOADS, type WorkloadKind } from '../../links';
import { type JobSummary, jobSummary } from '../../resources/jobs/job-summary';
import { nodeReadyOf } from '../../resources/nodes/ready';
import { toPodRow } from '../../resources/pods/views';
import {
  type AnyWorkload,
  podsByWorkload,
  selectorString,
  toWorkloadRow,
} from '../../resources/workloads/model';
import type { ViewDef } from '../view-cache';
import { required } from './required';

export interface WorkloadPodsParams {
  kind: WorkloadKind;
  namespace: string;
  name: string;
}

/** What the workload's pod panel shows: its pods with their diagnosis, rolled up. */
export interface WorkloadPodsModel {
  detail: {
    row: ReturnType<typeof toWorkloadRow>;
    selector: string;
    /** Container names of the pod template, for the log viewer's container choice. */
    containers: string[];
    /** Jobs only: completions, failures and retries against backoffLimit, and its CronJob. */
    job?: JobSummary & { cronJob: string | null };
  };
  now: number;
}

export const workloadPodsView: ViewDef<WorkloadPodsParams, WorkloadPodsModel> = {
  inputs: (p) => [
    { slug: p.kind, namespace: p.namespace },
    { slug: 'pods', namespace: p.namespace },
    ...(p.kind === 'deployments' ? [{ slug: 'replicasets', namespace: p.namespace }] : []),
    { slug: 'nodes' },
  ],
  compute: (inputs, p, now): WorkloadPodsModel => {
    required(inputs, p.kind, p.namespace);
    const obj = inputs.get(p.kind, p.namespace, `${p.namespace}/${p.name}`);
    const kind = WORKLOADS[p.kind].kind;
    if (!obj)
      throw new AppError(
        404,
        `${kind} "${p.name}" was not found in namespace "${p.namespace}".`,
        'not_found',
      );
    const w = { kind: p.kind, obj } as AnyWorkload;
    const selector = selectorString(w.obj.spec?.selector);
    // An empty selector would select every pod in the namespace; never follow that.
    if (!selector) throw new AppError(422, `${kind} "${p.name}" has no pod selector.`, 'invalid');
    const pods = required<V1Pod>(inputs, 'pods', p.namespace);
    const rss = p.kind === 'deployments' ? required<V1ReplicaSet>(inputs, 'replicasets', p.namespace) : [];
    const mine = podsByWorkload(pods, rss).get(w.obj.metadata?.uid ?? '') ?? [];
    // Namespaced users often may not list nodes: the classifier then trusts the pod's own status.
    const nodes = new Map(
      (inputs.list<V1Node>('nodes') ?? []).map((n) => [n.metadata?.name ?? '', nodeReadyOf(n)]),
    );
    const rows = mine.map((pod) => toPodRow(pod, now, nodes.get(pod.spec?.nodeName ?? '')));
    return {
      detail: {
        row: toWorkloadRow(w, rows),
        selector,
        containers: (w.obj.spec?.template?.spec?.containers ?? []).map((c) => c.name),
        ...(w.kind === 'jobs'
          ? {
              job: {
                ...jobSummary(w.obj),
                cronJob:
                  w.obj.metadata?.ownerReferences?.find((o) => o.controller && o.kind === 'CronJob')?.name ??
                  null,
              },
            }
          : {}),
      },
      now,
    };
  },
};
