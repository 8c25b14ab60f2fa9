import type {
  V1ControllerRevision,
  V1DaemonSet,
  V1Deployment,
  V1Pod,
  V1ReplicaSet,
  V1StatefulSet,
  V2HorizontalPodAutoscaler,
} from '@kubernetes/client-node';
import { AppError } from '../../errors';
import { type RolloutKind, WORKLOADS } from '../../links';
import type { RolloutObject } from '../../resources/workloads/model';
import { controllerRevisions, deploymentRevisions } from '../../resources/workloads/rollback-plan';
import {
  currentRevisionLabel,
  hpaFor,
  toWorkloadDetail,
  type WorkloadDetail,
} from '../../resources/workloads/rollout-detail';
import { podProblems } from '../../resources/workloads/rollout-status';
import { matchesSelector } from '../selector';
import type { ViewDef } from '../view-cache';
import { required } from './required';

/**
 * A Deployment's, StatefulSet's or DaemonSet's rollout: status, revision history from its cached
 * ReplicaSets or ControllerRevisions, the HPA that scales it. What the user may do (canPatch) is an
 * access review, asked once by the page, not part of the live model.
 */
export interface RolloutParams {
  kind: RolloutKind;
  namespace: string;
  name: string;
}

export type RolloutModel = Omit<WorkloadDetail, 'canPatch'>;

/** Pods of the current revision: the ones whose failures make a rollout stuck. */
export function currentRevisionPodsOf(
  kind: RolloutKind,
  obj: RolloutObject,
  revisions: ReturnType<typeof deploymentRevisions>,
  pods: V1Pod[],
): V1Pod[] {
  const label = currentRevisionLabel(kind, obj, revisions);
  if (!label) return [];
  return pods.filter(
    (p) =>
      matchesSelector(obj.spec?.selector, p.metadata?.labels) &&
      (!label.value || p.metadata?.labels?.[label.key] === label.value),
  );
}

export const rolloutView: ViewDef<RolloutParams, RolloutModel> = {
  inputs: (p) => [
    { slug: p.kind, namespace: p.namespace },
    { slug: p.kind === 'deployments' ? 'replicasets' : 'controllerrevisions', namespace: p.namespace },
    { slug: 'pods', namespace: p.namespace },
    { slug: 'horizontalpodautoscalers', namespace: p.namespace },
  ],
  compute: (inputs, p): RolloutModel => {
    required(inputs, p.kind, p.namespace);
    const obj = inputs.get<RolloutObject>(p.kind, p.namespace, `${p.namespace}/${p.name}`);
    if (!obj)
      throw new AppError(
        404,
        `${WORKLOADS[p.kind].kind} "${p.name}" was not found in namespace "${p.namespace}".`,
        'not_found',
      );
    const revisions =
      p.kind === 'deployments'
        ? deploymentRevisions(obj as V1Deployment, required<V1ReplicaSet>(inputs, 'replicasets', p.namespace))
        : controllerRevisions(
            obj as V1StatefulSet | V1DaemonSet,
            required<V1ControllerRevision>(inputs, 'controllerrevisions', p.namespace),
          );
    // Best effort, as before: without pods the status still comes from the controller's counts.
    const pods = inputs.list<V1Pod>('pods', p.namespace) ?? [];
    const hpas = inputs.list<V2HorizontalPodAutoscaler>('horizontalpodautoscalers', p.namespace) ?? [];
    const { canPatch: _ignored, ...model } = toWorkloadDetail({
      kind: p.kind,
      obj,
      revisions,
      problems: podProblems(currentRevisionPodsOf(p.kind, obj, revisions, pods)),
      hpa: p.kind === 'daemonsets' ? null : hpaFor(p.kind, p.name, hpas),
      canPatch: { allowed: false },
    });
    return model;
  },
};
