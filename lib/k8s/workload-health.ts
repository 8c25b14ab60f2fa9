import 'server-only';
import {
  AppsV1Api,
  BatchV1Api,
  type V1LabelSelector,
  type V1Pod,
  type V1PodTemplateSpec,
  type V1ReplicaSet,
} from '@kubernetes/client-node';
import { AppError } from '../errors';
import type { WorkloadKind } from '../links';
import { apiClient } from './client';
import { toAppError } from './errors';
import { toPodRow } from './pod-views';
import { listPods, nodeReadiness } from './pods';
import {
  type AnyWorkload,
  podsByWorkload,
  selectorString,
  toWorkloadRow,
  type WorkloadRow,
} from './workload-views';

export interface WorkloadDetail {
  row: WorkloadRow;
  selector: string;
  /** Container names of the pod template, for the log viewer's container choice. */
  containers: string[];
}

export async function readWorkload(
  context: string,
  namespace: string,
  kind: WorkloadKind,
  name: string,
): Promise<AnyWorkload> {
  const apps = apiClient(context, AppsV1Api);
  try {
    switch (kind) {
      case 'deployment':
        return { kind: 'Deployment', obj: await apps.readNamespacedDeployment({ namespace, name }) };
      case 'statefulset':
        return { kind: 'StatefulSet', obj: await apps.readNamespacedStatefulSet({ namespace, name }) };
      case 'daemonset':
        return { kind: 'DaemonSet', obj: await apps.readNamespacedDaemonSet({ namespace, name }) };
      case 'replicaset':
        return { kind: 'ReplicaSet', obj: await apps.readNamespacedReplicaSet({ namespace, name }) };
      case 'job':
        return {
          kind: 'Job',
          obj: await apiClient(context, BatchV1Api).readNamespacedJob({ namespace, name }),
        };
    }
  } catch (e) {
    throw toAppError(e, { context, verb: 'get', resource: kind, namespace, name });
  }
}

function specOf(w: AnyWorkload): {
  selector: V1LabelSelector | undefined;
  template: V1PodTemplateSpec | undefined;
} {
  return { selector: w.obj.spec?.selector, template: w.obj.spec?.template };
}

export function workloadSelector(w: AnyWorkload): string {
  const sel = selectorString(specOf(w).selector);
  // An empty selector would select every pod in the namespace; never follow that.
  if (!sel) throw new AppError(422, `${w.kind} "${w.obj.metadata?.name}" has no pod selector.`, 'invalid');
  return sel;
}

/** The pods a workload owns (through its ReplicaSets for a Deployment), by ownership, not selector alone. */
export async function workloadPods(context: string, namespace: string, w: AnyWorkload): Promise<V1Pod[]> {
  const selector = workloadSelector(w);
  const pods = await listPods(context, namespace, selector);
  let rss: V1ReplicaSet[] = [];
  if (w.kind === 'Deployment') {
    try {
      rss = (
        await apiClient(context, AppsV1Api).listNamespacedReplicaSet({ namespace, labelSelector: selector })
      ).items;
    } catch (e) {
      throw toAppError(e, { context, verb: 'list', resource: 'replicasets', namespace });
    }
  }
  return podsByWorkload(pods, rss).get(w.obj.metadata?.uid ?? '') ?? [];
}

export async function getWorkloadDetail(
  context: string,
  namespace: string,
  kind: WorkloadKind,
  name: string,
): Promise<WorkloadDetail> {
  const w = await readWorkload(context, namespace, kind, name);
  const [pods, nodes] = await Promise.all([workloadPods(context, namespace, w), nodeReadiness(context)]);
  const now = Date.now();
  const rows = pods.map((p) => toPodRow(p, now, nodes.get(p.spec?.nodeName ?? '')));
  return {
    row: toWorkloadRow(w, rows),
    selector: workloadSelector(w),
    containers: (specOf(w).template?.spec?.containers ?? []).map((c) => c.name),
  };
}
