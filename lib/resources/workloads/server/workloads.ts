import 'server-only';
import {
  AppsV1Api,
  BatchV1Api,
  PatchStrategy,
  setHeaderOptions,
  type V1ControllerRevision,
  type V1DaemonSet,
  type V1Deployment,
  type V1ReplicaSet,
  type V1StatefulSet,
} from '@kubernetes/client-node';
import { AppError } from '../../../errors';
import { apiClient } from '../../../kube/client';
import { toAppError } from '../../../kube/errors';
import { type RolloutKind, WORKLOADS, type WorkloadKind } from '../../../links';
import { type AnyWorkload, type RolloutObject, selectorString } from '../model';
import {
  type JsonPatchOp,
  planControllerRevisionRollback,
  planDeploymentRollback,
  type RollbackPlan,
} from '../rollback-plan';

/**
 * The one server-side reader and writer of workloads (the five kinds, by plural resource name) and
 * of the objects that hold their history. Pages read through the watch cache (lib/live/views); these
 * fresh reads are for writes, their guards and the log streams.
 */

export interface WorkloadTarget<K extends WorkloadKind = WorkloadKind> {
  context: string;
  namespace: string;
  kind: K;
  name: string;
}

export async function readWorkload(t: WorkloadTarget): Promise<AnyWorkload> {
  const { context, namespace, kind, name } = t;
  const apps = apiClient(context, AppsV1Api);
  try {
    switch (kind) {
      case 'deployments':
        return { kind, obj: await apps.readNamespacedDeployment({ namespace, name }) };
      case 'statefulsets':
        return { kind, obj: await apps.readNamespacedStatefulSet({ namespace, name }) };
      case 'daemonsets':
        return { kind, obj: await apps.readNamespacedDaemonSet({ namespace, name }) };
      case 'replicasets':
        return { kind, obj: await apps.readNamespacedReplicaSet({ namespace, name }) };
      case 'jobs':
        return { kind, obj: await apiClient(context, BatchV1Api).readNamespacedJob({ namespace, name }) };
    }
  } catch (e) {
    throw toAppError(e, { context, verb: 'get', resource: kind, namespace, name });
  }
}

/** A Deployment, StatefulSet or DaemonSet, read fresh (a mutation's guard). */
export async function readRollout(t: WorkloadTarget<RolloutKind>): Promise<RolloutObject> {
  return (await readWorkload(t)).obj as RolloutObject;
}

/** The workload's pod selector; an empty one would select every pod in the namespace, so it is refused. */
export function workloadSelector(w: AnyWorkload): string {
  const sel = selectorString(w.obj.spec?.selector);
  if (!sel)
    throw new AppError(
      422,
      `${WORKLOADS[w.kind].kind} "${w.obj.metadata?.name}" has no pod selector.`,
      'invalid',
    );
  return sel;
}

/** The raw objects that hold a workload's history: its ReplicaSets, or its ControllerRevisions. */
export type HistorySources =
  | { kind: 'deployments'; replicaSets: V1ReplicaSet[] }
  | { kind: 'statefulsets' | 'daemonsets'; controllerRevisions: V1ControllerRevision[] };

export async function readHistory(
  context: string,
  kind: RolloutKind,
  obj: RolloutObject,
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

export function planRollbackFrom(
  obj: RolloutObject,
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

const JSON_PATCH = setHeaderOptions('Content-Type', PatchStrategy.JsonPatch);

export async function patchWorkload(
  t: WorkloadTarget<RolloutKind>,
  patch: JsonPatchOp[],
): Promise<RolloutObject> {
  const { context, kind, namespace, name } = t;
  const apps = apiClient(context, AppsV1Api);
  const req = { name, namespace, body: patch, fieldManager: 'wheelhouse' };
  if (kind === 'deployments') return apps.patchNamespacedDeployment(req, JSON_PATCH);
  if (kind === 'statefulsets') return apps.patchNamespacedStatefulSet(req, JSON_PATCH);
  return apps.patchNamespacedDaemonSet(req, JSON_PATCH);
}
