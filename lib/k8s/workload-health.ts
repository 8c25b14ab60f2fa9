import 'server-only';
import { AppsV1Api, BatchV1Api, type V1LabelSelector, type V1PodTemplateSpec } from '@kubernetes/client-node';
import { AppError } from '../errors';
import type { WorkloadKind } from '../links';
import { apiClient } from './client';
import { toAppError } from './errors';
import { type AnyWorkload, selectorString } from './workload-views';

export async function readWorkload(
  context: string,
  namespace: string,
  kind: WorkloadKind,
  name: string,
): Promise<AnyWorkload> {
  const apps = apiClient(context, AppsV1Api);
  try {
    switch (kind) {
      case 'deployments':
        return { kind: 'Deployment', obj: await apps.readNamespacedDeployment({ namespace, name }) };
      case 'statefulsets':
        return { kind: 'StatefulSet', obj: await apps.readNamespacedStatefulSet({ namespace, name }) };
      case 'daemonsets':
        return { kind: 'DaemonSet', obj: await apps.readNamespacedDaemonSet({ namespace, name }) };
      case 'replicasets':
        return { kind: 'ReplicaSet', obj: await apps.readNamespacedReplicaSet({ namespace, name }) };
      case 'jobs':
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
