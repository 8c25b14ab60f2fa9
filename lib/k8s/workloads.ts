import 'server-only';
import {
  AppsV1Api,
  AutoscalingV2Api,
  CoreV1Api,
  PatchStrategy,
  setHeaderOptions,
  type V1ControllerRevision,
  type V1DaemonSet,
  type V1Deployment,
  type V1Pod,
  type V1ReplicaSet,
  type V1StatefulSet,
} from '@kubernetes/client-node';
import { apiClient } from './client';
import { toAppError } from './errors';
import {
  controllerRevisions,
  deploymentRevisions,
  type JsonPatchOp,
  planControllerRevisionRollback,
  planDeploymentRollback,
  type Revision,
  type RollbackPlan,
  type WorkloadKind,
} from './rollback-plan';
import {
  type AnyWorkload,
  currentRevisionLabel,
  type HpaInfo,
  hpaFor,
  selectorString,
} from './rollout-views';

/** Reads and writes of Deployments, StatefulSets and DaemonSets and the objects that hold their history. */

export async function readWorkload(
  context: string,
  kind: WorkloadKind,
  namespace: string,
  name: string,
): Promise<AnyWorkload> {
  const apps = apiClient(context, AppsV1Api);
  try {
    if (kind === 'deployments') return await apps.readNamespacedDeployment({ name, namespace });
    if (kind === 'statefulsets') return await apps.readNamespacedStatefulSet({ name, namespace });
    return await apps.readNamespacedDaemonSet({ name, namespace });
  } catch (e) {
    throw toAppError(e, { context, verb: 'get', resource: kind, namespace, name });
  }
}

/** The raw objects that hold a workload's history: its ReplicaSets, or its ControllerRevisions. */
export type HistorySources =
  | { kind: 'deployments'; replicaSets: V1ReplicaSet[] }
  | { kind: 'statefulsets' | 'daemonsets'; controllerRevisions: V1ControllerRevision[] };

export async function readHistory(
  context: string,
  kind: WorkloadKind,
  obj: AnyWorkload,
): Promise<HistorySources> {
  const apps = apiClient(context, AppsV1Api);
  const namespace = obj.metadata?.namespace ?? '';
  const labelSelector = selectorString(obj.spec?.selector);
  if (kind === 'deployments') {
    try {
      const list = await apps.listNamespacedReplicaSet({ namespace, labelSelector });
      return { kind, replicaSets: list.items };
    } catch (e) {
      throw toAppError(e, { context, verb: 'list', resource: 'replicasets', namespace });
    }
  }
  try {
    const list = await apps.listNamespacedControllerRevision({ namespace, labelSelector });
    return { kind, controllerRevisions: list.items };
  } catch (e) {
    throw toAppError(e, { context, verb: 'list', resource: 'controllerrevisions', namespace });
  }
}

export function revisionsOf(obj: AnyWorkload, h: HistorySources): Revision[] {
  return h.kind === 'deployments'
    ? deploymentRevisions(obj as V1Deployment, h.replicaSets)
    : controllerRevisions(obj as V1StatefulSet | V1DaemonSet, h.controllerRevisions);
}

export function planRollbackFrom(
  obj: AnyWorkload,
  h: HistorySources,
  revision: number,
  changeCause?: string,
): RollbackPlan {
  return h.kind === 'deployments'
    ? planDeploymentRollback(obj as V1Deployment, h.replicaSets, revision, changeCause)
    : planControllerRevisionRollback(
        h.kind,
        obj as V1StatefulSet | V1DaemonSet,
        h.controllerRevisions,
        revision,
        changeCause,
      );
}

/**
 * Pods of the current revision: the ones whose failures make a rollout stuck. Best effort: a user
 * who may read the workload but not list pods still gets the status from the controller's counts.
 */
export async function currentRevisionPods(
  context: string,
  kind: WorkloadKind,
  obj: AnyWorkload,
  revisions: Revision[],
): Promise<V1Pod[]> {
  const hash = currentRevisionLabel(kind, obj, revisions);
  if (!hash) return [];
  const namespace = obj.metadata?.namespace ?? '';
  let selector = selectorString(obj.spec?.selector);
  if (hash.value) selector += `,${hash.key}=${hash.value}`;
  try {
    const pods = await apiClient(context, CoreV1Api).listNamespacedPod({
      namespace,
      labelSelector: selector,
    });
    return pods.items;
  } catch {
    return [];
  }
}

/** The HorizontalPodAutoscaler targeting this workload, if any (and if we may see it). */
export async function readHpa(
  context: string,
  kind: WorkloadKind,
  obj: AnyWorkload,
): Promise<HpaInfo | null> {
  if (kind === 'daemonsets') return null;
  try {
    const list = await apiClient(context, AutoscalingV2Api).listNamespacedHorizontalPodAutoscaler({
      namespace: obj.metadata?.namespace ?? '',
    });
    return hpaFor(kind, obj.metadata?.name ?? '', list.items);
  } catch {
    return null;
  }
}

const JSON_PATCH = setHeaderOptions('Content-Type', PatchStrategy.JsonPatch);

export async function patchWorkload(
  context: string,
  kind: WorkloadKind,
  namespace: string,
  name: string,
  patch: JsonPatchOp[],
): Promise<AnyWorkload> {
  const apps = apiClient(context, AppsV1Api);
  const req = { name, namespace, body: patch, fieldManager: 'wheelhouse' };
  if (kind === 'deployments') return apps.patchNamespacedDeployment(req, JSON_PATCH);
  if (kind === 'statefulsets') return apps.patchNamespacedStatefulSet(req, JSON_PATCH);
  return apps.patchNamespacedDaemonSet(req, JSON_PATCH);
}
