import type { V1Deployment } from '@kubernetes/client-node';
import { AppError } from '../../errors';
import type { RolloutKind } from '../../links';
import type { RolloutObject } from './model';
import { changeCauseOps, type JsonPatchOp, pointer, specGuard } from './rollback-plan';

/**
 * JSON patches for restart, scale, pause and resume. Each starts with a `test` on the
 * metadata.generation the user saw, so that a change of the spec made in between fails with 409
 * instead of being overwritten; the controller's status writes do not count as changes.
 *
 * Only restart changes the pod template, so only restart records a change-cause: the controller
 * copies the Deployment's change-cause onto the current revision, and a scale or a pause is not a
 * revision. Those are recorded in the audit log and the object's Events instead.
 */

export const RESTARTED_AT = 'kubectl.kubernetes.io/restartedAt';

/** What `kubectl rollout restart` does: a new pod-template annotation, hence a new revision. */
export function restartPatch(
  kind: RolloutKind,
  obj: RolloutObject,
  generation: number,
  now: Date,
  changeCause?: string,
): JsonPatchOp[] {
  // kubectl's objectrestarter refuses this: a paused Deployment would take the new template and
  // roll nothing until someone resumes it.
  if (kind === 'deployments' && (obj as V1Deployment).spec?.paused === true) {
    throw new AppError(
      409,
      `Can't restart paused Deployment "${obj.metadata?.name}": resume it first, then restart (kubectl rollout restart refuses it too).`,
      'paused',
    );
  }
  const hasAnnotations = !!obj.spec?.template?.metadata?.annotations;
  const stamp = now.toISOString().replace(/\.\d{3}Z$/, 'Z');
  const set: JsonPatchOp = hasAnnotations
    ? { op: 'add', path: pointer('spec', 'template', 'metadata', 'annotations', RESTARTED_AT), value: stamp }
    : { op: 'add', path: '/spec/template/metadata/annotations', value: { [RESTARTED_AT]: stamp } };
  return [specGuard(generation), set, ...changeCauseOps(obj.metadata, changeCause)];
}

export const MAX_REPLICAS = 10_000;

export function scalePatch(kind: RolloutKind, generation: number, replicas: number): JsonPatchOp[] {
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
  return [specGuard(generation), { op: 'add', path: '/spec/replicas', value: replicas }];
}

export function pausePatch(
  kind: RolloutKind,
  obj: RolloutObject,
  generation: number,
  paused: boolean,
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
  return [specGuard(generation), { op: 'add', path: '/spec/paused', value: paused }];
}

/**
 * The change-cause of a template change, in kubectl's style: the command that made it (as
 * `kubectl --record` wrote it), then who and why, which kubectl leaves out and an audit needs.
 * `command` is the kubectl command line without "kubectl", e.g. "rollout restart deployment/web".
 */
export function describeChange(command: string, user: string, reason?: string): string {
  const why = reason?.trim();
  return `${command} by ${user} via Wheelhouse${why ? `: ${why}` : ''}`;
}

/** `kind/name` as kubectl names a workload on its command line. */
export function kubectlRef(kind: RolloutKind, name: string): string {
  return `${kind.replace(/s$/, '')}/${name}`;
}
