import type {
  V1DaemonSet,
  V1Deployment,
  V1StatefulSet,
  V2HorizontalPodAutoscaler,
} from '@kubernetes/client-node';
import { type RolloutKind, WORKLOADS } from '../../links';
import type { RolloutObject } from './model';
import type { Revision } from './rollback-plan';
import { rollbackAvailability } from './rollback-plan';
import {
  daemonSetRolloutStatus,
  deploymentRolloutStatus,
  type PodProblem,
  type RolloutStatus,
  statefulSetRolloutStatus,
} from './rollout-status';
import { diffTemplates, type TemplateDiff } from './template-diff';

/** What the rollout detail page gets: status, history with diffs, what the user may do and why not. */

export interface RevisionRow {
  revision: number;
  source: string;
  changeCause: string | null;
  createdAt: string | null;
  replicas: number | null;
  images: string[];
  current: boolean;
  /** What rolling back to this revision would change, from the current template. */
  diff: TemplateDiff;
}

export interface HpaInfo {
  name: string;
  minReplicas: number;
  maxReplicas: number;
  currentReplicas: number | null;
  desiredReplicas: number | null;
}

export interface Permission {
  allowed: boolean;
  reason?: string;
}

export interface WorkloadDetail {
  kind: RolloutKind;
  namespace: string;
  name: string;
  uid: string;
  resourceVersion: string;
  generation: number;
  /** Desired replicas; null for DaemonSets, which run one pod per node. */
  replicas: number | null;
  paused: boolean;
  strategy: string;
  images: string[];
  status: RolloutStatus;
  revisions: RevisionRow[];
  currentRevision: number | null;
  rollback: { possible: boolean; why?: string };
  /** When the rollout is stuck: the revision to offer going back to. */
  lastHealthyRevision: number | null;
  hpa: HpaInfo | null;
  canPatch: Permission;
}

/** What a mutation route answers on success. */
export interface MutationResult {
  /** The spec's generation after the change: what the next confirmation is guarded by. */
  generation: number;
  message: string;
  fromRevision?: number | null;
  toRevision?: number;
  noop?: boolean;
}

/**
 * The label that marks pods of the current revision (pod-template-hash for a Deployment,
 * controller-revision-hash otherwise); undefined when there is no current revision. An empty
 * `value` means the revision is known but its pods cannot be told apart by label.
 */
export function currentRevisionLabel(
  kind: RolloutKind,
  obj: RolloutObject,
  revisions: Revision[],
): { key: string; value: string | undefined } | undefined {
  const current = revisions.find((r) => r.current);
  if (!current) return undefined;
  if (kind === 'deployments')
    return { key: 'pod-template-hash', value: current.template.metadata?.labels?.['pod-template-hash'] };
  const value =
    kind === 'statefulsets'
      ? (obj as V1StatefulSet).status?.updateRevision
      : current.source.slice((obj.metadata?.name ?? '').length + 1);
  return { key: 'controller-revision-hash', value: value || undefined };
}

export function rolloutStatusOf(
  kind: RolloutKind,
  obj: RolloutObject,
  problems: PodProblem[],
): RolloutStatus {
  if (kind === 'deployments') return deploymentRolloutStatus(obj as V1Deployment, problems);
  if (kind === 'statefulsets') return statefulSetRolloutStatus(obj as V1StatefulSet, problems);
  return daemonSetRolloutStatus(obj as V1DaemonSet, problems);
}

/**
 * The revision to offer when a rollout is stuck: the newest earlier one that still runs pods (it is
 * what is serving), else the newest earlier one.
 */
export function lastHealthyRevision(revisions: Revision[]): number | null {
  const current = revisions.find((r) => r.current)?.revision ?? Number.POSITIVE_INFINITY;
  const earlier = revisions.filter((r) => !r.current && r.revision < current);
  return (earlier.find((r) => (r.replicas ?? 0) > 0) ?? earlier[0])?.revision ?? null;
}

export function hpaFor(kind: RolloutKind, name: string, hpas: V2HorizontalPodAutoscaler[]): HpaInfo | null {
  const h = hpas.find(
    (x) => x.spec?.scaleTargetRef.kind === WORKLOADS[kind].kind && x.spec.scaleTargetRef.name === name,
  );
  if (!h?.spec) return null;
  return {
    name: h.metadata?.name ?? '',
    minReplicas: h.spec.minReplicas ?? 1,
    maxReplicas: h.spec.maxReplicas,
    currentReplicas: h.status?.currentReplicas ?? null,
    desiredReplicas: h.status?.desiredReplicas ?? null,
  };
}

export function toWorkloadDetail(input: {
  kind: RolloutKind;
  obj: RolloutObject;
  revisions: Revision[];
  problems: PodProblem[];
  hpa: HpaInfo | null;
  canPatch: Permission;
}): WorkloadDetail {
  const { kind, obj, revisions } = input;
  const template = obj.spec?.template ?? {};
  const status = rolloutStatusOf(kind, obj, input.problems);
  const containers = template.spec?.containers ?? [];
  const spec = obj.spec as (V1Deployment['spec'] & V1StatefulSet['spec']) | undefined;
  const strategy =
    (obj as V1Deployment).spec?.strategy?.type ?? (obj as V1StatefulSet).spec?.updateStrategy?.type ?? '';
  return {
    kind,
    namespace: obj.metadata?.namespace ?? '',
    name: obj.metadata?.name ?? '',
    uid: obj.metadata?.uid ?? '',
    resourceVersion: obj.metadata?.resourceVersion ?? '',
    generation: obj.metadata?.generation ?? 0,
    replicas: kind === 'daemonsets' ? null : (spec?.replicas ?? 1),
    paused: kind === 'deployments' && (obj as V1Deployment).spec?.paused === true,
    strategy,
    images: [...new Set(containers.map((c) => c.image ?? '').filter(Boolean))],
    status,
    revisions: revisions.map((r) => ({
      revision: r.revision,
      source: r.source,
      changeCause: r.changeCause,
      createdAt: r.createdAt,
      replicas: r.replicas,
      images: r.images,
      current: r.current,
      diff: diffTemplates(template, r.template),
    })),
    currentRevision: revisions.find((r) => r.current)?.revision ?? null,
    rollback: rollbackAvailability(revisions, spec?.revisionHistoryLimit),
    lastHealthyRevision: status.state === 'stuck' ? lastHealthyRevision(revisions) : null,
    hpa: input.hpa,
    canPatch: input.canPatch,
  };
}
