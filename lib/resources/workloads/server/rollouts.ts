import 'server-only';
import { AppError } from '../../../errors';
import { canI } from '../../../kube/access';
import type { Principal } from '../../../kube/client';
import { toAppError } from '../../../kube/errors';
import { whoAmI } from '../../../kube/identity';
import { type RolloutKind, WORKLOADS } from '../../../links';
import type { ViewSpec } from '../../../live/protocol';
import { loadView } from '../../../live/views';
import type { RolloutModel } from '../../../live/views/rollout';
import { type AuditTarget, recordAudit } from '../../audit/server/record';
import type { RolloutObject } from '../model';
import { describeChange, kubectlRef, pausePatch, restartPatch, scalePatch } from '../patches';
import { failingTests, type JsonPatchOp, type RollbackPlan } from '../rollback-plan';
import type { MutationResult, WorkloadDetail } from '../rollout-detail';
import { patchWorkload, planRollbackFrom, readHistory, readRollout, type WorkloadTarget } from './workloads';

/**
 * Rollout operations behind the detail pages and routes: the page's model, rollback, restart, scale,
 * pause and resume. Every mutation is applied only if the spec is still the one the user saw (its
 * metadata.generation, tested in the patch itself), and writes an audit record and an Event,
 * whether it succeeds or not. Template changes (rollback, restart) also set the change-cause.
 */

export type Target = WorkloadTarget<RolloutKind>;

/**
 * The rollout page's model: the live rollout view (from the watch cache, so no LIST per page load)
 * and what the user may do, an access review asked once per page.
 */
export async function getWorkloadDetail(t: Target, principal?: Principal): Promise<WorkloadDetail> {
  const spec: ViewSpec = {
    context: t.context,
    view: 'rollout',
    namespace: t.namespace,
    kind: t.kind,
    name: t.name,
  };
  const [model, canPatch] = await Promise.all([
    loadView<RolloutModel>(spec, principal),
    canI(t.context, { verb: 'patch', group: 'apps', resource: t.kind, namespace: t.namespace, name: t.name }),
  ]);
  return { ...model, canPatch };
}

/** What a rollback would do right now, for the confirmation dialog. Sends nothing. */
export async function previewRollback(t: Target, revision: number): Promise<RollbackPlan> {
  const obj = await readRollout(t);
  return planRollbackFrom(obj, await readHistory(t.context, t.kind, obj), revision);
}

export interface MutationInput {
  /** metadata.generation the user saw: the spec their confirmation describes. */
  generation: number;
  reason?: string;
}

/** A rollback also names what the dialog showed, so a plan that moved underneath is refused. */
export interface RollbackInput extends MutationInput {
  revision: number;
  /** The "from" revision the dialog showed (null: none was known). */
  fromRevision?: number | null;
  /** The ReplicaSet or ControllerRevision the dialog's target came from. */
  toSource?: string;
}

function conflict(t: Target): AppError {
  return new AppError(
    409,
    `${WORKLOADS[t.kind].kind} "${t.name}" changed since you looked at it. Review the latest version and try again.`,
    'conflict',
  );
}

/**
 * A failed JSON-patch `test` comes back as a bare 422 ("the server rejected our request"), with no
 * cause to tell it from a validation error. A 422 on an object where one of the patch's tests no
 * longer holds is reported as the conflict it is.
 */
export async function isFailedTest(t: Target, e: unknown, patch: JsonPatchOp[]): Promise<boolean> {
  if ((e as { code?: unknown }).code !== 422) return false;
  try {
    const now = await readRollout(t);
    return failingTests(now, patch).length > 0;
  } catch {
    return false;
  }
}

interface Step {
  action: string;
  plan: (
    obj: RolloutObject,
    /** The change-cause for a template change, given kubectl's command for it. */
    cause: (command: string) => string,
  ) => Promise<{ patch: JsonPatchOp[]; extra?: Partial<MutationResult> }>;
}

async function mutate(t: Target, input: MutationInput, step: Step): Promise<MutationResult> {
  const who = await whoAmI(t.context);
  const base = {
    user: who.username,
    context: t.context,
    verb: step.action.split(' ')[0] ?? step.action,
    resource: t.kind,
    namespace: t.namespace,
    name: t.name,
    ...(input.reason ? { reason: input.reason } : {}),
  };
  // The Event goes on the workload itself (uid once it is read), so every replica shares the history.
  const target: AuditTarget = { apiVersion: 'apps/v1', kind: WORKLOADS[t.kind].kind };
  let extra: Partial<MutationResult> = {};
  try {
    const obj = await readRollout(t);
    target.uid = obj.metadata?.uid;
    if ((obj.metadata?.generation ?? 0) !== input.generation) throw conflict(t);
    const planned = await step.plan(obj, (command) => describeChange(command, who.username, input.reason));
    extra = planned.extra ?? {};
    const revisions = {
      ...(extra.fromRevision != null ? { fromRevision: String(extra.fromRevision) } : {}),
      ...(extra.toRevision != null ? { toRevision: String(extra.toRevision) } : {}),
    };
    if (planned.patch.length === 0) {
      const message = `Nothing to do: the current template already matches revision ${extra.toRevision}.`;
      recordAudit({ ...base, ...revisions, result: 'success', message }, target);
      return { generation: input.generation, message, ...extra };
    }
    let updated: RolloutObject;
    try {
      updated = await patchWorkload(t, planned.patch);
    } catch (e) {
      if (await isFailedTest(t, e, planned.patch)) throw conflict(t);
      throw toAppError(e, {
        context: t.context,
        verb: 'patch',
        resource: t.kind,
        namespace: t.namespace,
        name: t.name,
      });
    }
    const message = `${step.action} of ${WORKLOADS[t.kind].kind} "${t.name}" applied.`;
    recordAudit({ ...base, ...revisions, result: 'success', message }, target);
    return { generation: updated.metadata?.generation ?? 0, message, ...extra };
  } catch (e) {
    const err = toAppError(e, {
      context: t.context,
      verb: 'patch',
      resource: t.kind,
      namespace: t.namespace,
      name: t.name,
    });
    recordAudit({ ...base, result: 'failure', message: err.message }, target);
    throw err;
  }
}

export function rollback(t: Target, input: RollbackInput): Promise<MutationResult> {
  return mutate(t, input, {
    action:
      input.revision === 0 ? 'rollback to the previous revision' : `rollback to revision ${input.revision}`,
    plan: async (obj, cause) => {
      const history = await readHistory(t.context, t.kind, obj);
      const preview = planRollbackFrom(obj, history, input.revision);
      // The dialog showed "from X to Y (held by S)": if the history moved since, that is not what
      // the user confirmed, even at the same spec.
      const moved =
        (input.fromRevision !== undefined && input.fromRevision !== preview.fromRevision) ||
        (input.toSource !== undefined && input.toSource !== preview.toSource);
      if (moved) throw conflict(t);
      const command = `rollout undo ${kubectlRef(t.kind, t.name)} --to-revision=${preview.toRevision}`;
      const p = planRollbackFrom(obj, history, input.revision, cause(command));
      return {
        patch: p.patch,
        extra: { fromRevision: p.fromRevision, toRevision: p.toRevision, noop: p.noop },
      };
    },
  });
}

export function restart(t: Target, input: MutationInput): Promise<MutationResult> {
  return mutate(t, input, {
    action: 'restart',
    plan: async (obj, cause) => ({
      patch: restartPatch(
        t.kind,
        obj,
        input.generation,
        new Date(),
        cause(`rollout restart ${kubectlRef(t.kind, t.name)}`),
      ),
    }),
  });
}

export function scale(t: Target, input: MutationInput & { replicas: number }): Promise<MutationResult> {
  return mutate(t, input, {
    action: `scale to ${input.replicas}`,
    plan: async () => ({ patch: scalePatch(t.kind, input.generation, input.replicas) }),
  });
}

export function setPaused(t: Target, input: MutationInput & { paused: boolean }): Promise<MutationResult> {
  return mutate(t, input, {
    action: input.paused ? 'pause' : 'resume',
    plan: async (obj) => ({ patch: pausePatch(t.kind, obj, input.generation, input.paused) }),
  });
}
