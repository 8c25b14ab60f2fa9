import type { V1DaemonSet, V1Deployment, V1Pod, V1StatefulSet } from '@kubernetes/client-node';
import { containerFailure } from '../pods/status';

/**
 * Rollout status with `kubectl rollout status` semantics (pkg/polymorphichelpers/rollout_status.go):
 * `done` is true exactly when kubectl would say "successfully rolled out". On top of that the view
 * model says why a rollout is not moving: paused, past its progress deadline, or new pods failing.
 */

export type RolloutState =
  | 'complete'
  | 'progressing'
  | 'stuck'
  | 'paused'
  /** The controller has not yet observed the latest spec (observedGeneration < generation). */
  | 'pending'
  /** OnDelete strategies: kubectl has no rollout status for them. */
  | 'unsupported';

export interface RolloutStatus {
  state: RolloutState;
  done: boolean;
  /** One line a person reads at a glance: "3 of 5 updated, 2 available". */
  message: string;
  /** Why it is stuck or not supported, when it is. */
  reason?: string;
  desired: number;
  updated: number;
  ready: number;
  available: number;
  /** StatefulSet partition: pods with an ordinal below it stay on the old revision on purpose. */
  partition?: number;
}

/** A new pod that cannot become ready on its own; turns a progressing rollout into a stuck one. */
export interface PodProblem {
  pod: string;
  reason: string;
}

export function podProblems(pods: V1Pod[]): PodProblem[] {
  const out: PodProblem[] = [];
  for (const pod of pods) {
    const statuses = [...(pod.status?.initContainerStatuses ?? []), ...(pod.status?.containerStatuses ?? [])];
    for (const cs of statuses) {
      const reason =
        cs.state?.waiting?.reason ??
        cs.state?.terminated?.reason ??
        (cs.restartCount > 0 ? cs.lastState?.terminated?.reason : undefined);
      // The one list of failing reasons (pod-status.ts): states waiting will not resolve.
      if (reason && containerFailure(reason)) {
        out.push({ pod: pod.metadata?.name ?? '', reason });
        break;
      }
    }
  }
  return out;
}

function problemsReason(problems: PodProblem[]): string | undefined {
  if (problems.length === 0) return undefined;
  const counts = new Map<string, number>();
  for (const p of problems) counts.set(p.reason, (counts.get(p.reason) ?? 0) + 1);
  const parts = [...counts].map(([r, n]) => `${n} new ${n === 1 ? 'pod is' : 'pods are'} in ${r}`);
  return `${parts.join(', ')}.`;
}

function progress(updated: number, desired: number, available: number, noun = 'available'): string {
  return `${updated} of ${desired} updated, ${available} ${noun}`;
}

function withProblems(base: RolloutStatus, problems: PodProblem[]): RolloutStatus {
  if (base.done || base.state === 'unsupported' || base.state === 'stuck') return base;
  const reason = problemsReason(problems);
  return reason ? { ...base, state: 'stuck', reason } : base;
}

export function deploymentRolloutStatus(d: V1Deployment, newPodProblems: PodProblem[] = []): RolloutStatus {
  const s = d.status ?? {};
  const desired = d.spec?.replicas ?? 1;
  const counts = {
    desired,
    updated: s.updatedReplicas ?? 0,
    ready: s.readyReplicas ?? 0,
    available: s.availableReplicas ?? 0,
  };
  const total = s.replicas ?? 0;
  const generation = d.metadata?.generation ?? 0;
  const paused = d.spec?.paused === true;
  if (generation > (s.observedGeneration ?? 0)) {
    return {
      ...counts,
      state: 'pending',
      done: false,
      message: `Waiting for the controller to observe generation ${generation}`,
    };
  }
  const progressing = s.conditions?.find((c) => c.type === 'Progressing');
  const msg = progress(counts.updated, desired, counts.available);
  if (progressing?.reason === 'ProgressDeadlineExceeded') {
    const deadline = d.spec?.progressDeadlineSeconds;
    return {
      ...counts,
      state: 'stuck',
      done: false,
      message: msg,
      reason: [
        `Exceeded its progress deadline${deadline ? ` (${deadline}s)` : ''}: ${progressing.message ?? 'no progress'}`,
        problemsReason(newPodProblems),
      ]
        .filter(Boolean)
        .join(' '),
    };
  }
  let waiting: string | undefined;
  if (counts.updated < desired) waiting = msg;
  else if (total > counts.updated) {
    const old = total - counts.updated;
    waiting = `${msg}, ${old} old ${old === 1 ? 'replica' : 'replicas'} pending termination`;
  } else if (counts.available < counts.updated) waiting = msg;
  if (waiting === undefined) return { ...counts, state: 'complete', done: true, message: msg };
  if (paused) return { ...counts, state: 'paused', done: false, message: `Paused: ${waiting}` };
  return withProblems({ ...counts, state: 'progressing', done: false, message: waiting }, newPodProblems);
}

export function statefulSetRolloutStatus(
  sts: V1StatefulSet,
  newPodProblems: PodProblem[] = [],
): RolloutStatus {
  const s = sts.status ?? { replicas: 0 };
  const desired = sts.spec?.replicas ?? 1;
  const counts = {
    desired,
    updated: s.updatedReplicas ?? 0,
    ready: s.readyReplicas ?? 0,
    available: s.availableReplicas ?? 0,
  };
  const strategy = sts.spec?.updateStrategy;
  if (strategy?.type === 'OnDelete') {
    return {
      ...counts,
      state: 'unsupported',
      done: true,
      message: `${counts.ready} of ${desired} ready`,
      reason: 'The OnDelete update strategy replaces pods only when they are deleted by hand.',
    };
  }
  const generation = sts.metadata?.generation ?? 0;
  const observed = s.observedGeneration ?? 0;
  if (observed === 0 || generation > observed) {
    return {
      ...counts,
      state: 'pending',
      done: false,
      message: `Waiting for the controller to observe generation ${generation}`,
    };
  }
  const partition = strategy?.rollingUpdate?.partition;
  const withPartition = partition ? { partition } : {};
  const msg = progress(counts.updated, desired, counts.ready, 'ready');
  if (counts.ready < desired) {
    return withProblems(
      { ...counts, ...withPartition, state: 'progressing', done: false, message: msg },
      newPodProblems,
    );
  }
  if (strategy?.rollingUpdate) {
    const target = desired - (partition ?? 0);
    if (counts.updated < target) {
      return withProblems(
        {
          ...counts,
          ...withPartition,
          state: 'progressing',
          done: false,
          message: `${counts.updated} of ${target} updated${partition ? ` (partition ${partition})` : ''}, ${counts.ready} ready`,
        },
        newPodProblems,
      );
    }
    const note = partition ? ` (partition ${partition}: ${partition} pods stay on the old revision)` : '';
    return { ...counts, ...withPartition, state: 'complete', done: true, message: `${msg}${note}` };
  }
  if (s.updateRevision !== s.currentRevision) {
    return withProblems({ ...counts, state: 'progressing', done: false, message: msg }, newPodProblems);
  }
  return { ...counts, state: 'complete', done: true, message: msg };
}

export function daemonSetRolloutStatus(ds: V1DaemonSet, newPodProblems: PodProblem[] = []): RolloutStatus {
  const s = ds.status;
  const desired = s?.desiredNumberScheduled ?? 0;
  const counts = {
    desired,
    updated: s?.updatedNumberScheduled ?? 0,
    ready: s?.numberReady ?? 0,
    available: s?.numberAvailable ?? 0,
  };
  if (ds.spec?.updateStrategy?.type === 'OnDelete') {
    return {
      ...counts,
      state: 'unsupported',
      done: true,
      message: `${counts.ready} of ${desired} ready`,
      reason: 'The OnDelete update strategy replaces pods only when they are deleted by hand.',
    };
  }
  const generation = ds.metadata?.generation ?? 0;
  if (generation > (s?.observedGeneration ?? 0)) {
    return {
      ...counts,
      state: 'pending',
      done: false,
      message: `Waiting for the controller to observe generation ${generation}`,
    };
  }
  const msg = progress(counts.updated, desired, counts.available);
  if (counts.updated < desired || counts.available < desired) {
    return withProblems({ ...counts, state: 'progressing', done: false, message: msg }, newPodProblems);
  }
  return { ...counts, state: 'complete', done: true, message: msg };
}
