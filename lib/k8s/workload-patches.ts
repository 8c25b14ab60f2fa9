import type { V1DaemonSet, V1Deployment, V1StatefulSet } from '@kubernetes/client-node';
import { AppError } from '../errors';
import { changeCauseOps, type JsonPatchOp, pointer, type WorkloadKind } from './rollback-plan';

/**
 * JSON patches for restart, scale, pause and resume. Each starts with a `test` on the resourceVersion
 * the user saw, so that a change made in between fails with 409 instead of being overwritten.
 */

export type Workload = V1Deployment | V1StatefulSet | V1DaemonSet;

export const RESTARTED_AT = 'kubectl.kubernetes.io/restartedAt';

function guard(resourceVersion: string): JsonPatchOp {
  return { op: 'test', path: '/metadata/resourceVersion', value: resourceVersion };
}

/** What `kubectl rollout restart` does: a new pod-template annotation, hence a new revision. */
export function restartPatch(
  obj: Workload,
  resourceVersion: string,
  now: Date,
  changeCause?: string,
): JsonPatchOp[] {
  const hasAnnotations = !!obj.spec?.template?.metadata?.annotations;
  const stamp = now.toISOString().replace(/\.\d{3}Z$/, 'Z');
  const set: JsonPatchOp = hasAnnotations
    ? { op: 'add', path: pointer('spec', 'template', 'metadata', 'annotations', RESTARTED_AT), value: stamp }
    : { op: 'add', path: '/spec/template/metadata/annotations', value: { [RESTARTED_AT]: stamp } };
  return [guard(resourceVersion), set, ...changeCauseOps(obj.metadata, changeCause)];
}

export const MAX_REPLICAS = 10_000;

export function scalePatch(
  kind: WorkloadKind,
  obj: Workload,
  resourceVersion: string,
  replicas: number,
  changeCause?: string,
): JsonPatchOp[] {
  if (kind === 'daemonsets') {
    throw new AppError(
      400,
      'A DaemonSet runs one pod per eligible node and cannot be scaled.',
      'bad_request',
    );
  }
  if (!Number.isInteger(replicas) || replicas < 0 || replicas > MAX_REPLICAS) {
    throw new AppError(400, `Replicas must be a whole number from 0 to ${MAX_REPLICAS}.`, 'bad_request');
  }
  return [
    guard(resourceVersion),
    { op: 'add', path: '/spec/replicas', value: replicas },
    ...changeCauseOps(obj.metadata, changeCause),
  ];
}

export function pausePatch(
  kind: WorkloadKind,
  obj: Workload,
  resourceVersion: string,
  paused: boolean,
  changeCause?: string,
): JsonPatchOp[] {
  if (kind !== 'deployments') {
    throw new AppError(
      400,
      `Only Deployments can be paused and resumed; ${kind === 'statefulsets' ? 'StatefulSets' : 'DaemonSets'} cannot.`,
      'bad_request',
    );
  }
  if (((obj as V1Deployment).spec?.paused === true) === paused) {
    throw new AppError(
      409,
      `Deployment "${obj.metadata?.name}" is already ${paused ? 'paused' : 'running (not paused)'}.`,
      'no_change',
    );
  }
  return [
    guard(resourceVersion),
    { op: 'add', path: '/spec/paused', value: paused },
    ...changeCauseOps(obj.metadata, changeCause),
  ];
}

/** The change-cause text every Wheelhouse mutation records on the object (and so in its history). */
export function describeChange(action: string, user: string, reason?: string): string {
  const why = reason?.trim();
  return `${action} by ${user} via Wheelhouse${why ? `: ${why}` : ''}`;
}
