import 'server-only';
import { type AuditTarget, recordAudit } from '../audit';
import { AppError } from '../errors';
import { canI } from './access';
import { toAppError } from './errors';
import { whoAmI } from './identity';
import type { JsonPatchOp, RollbackPlan, WorkloadKind } from './rollback-plan';
import { podProblems } from './rollout-status';
import {
  type AnyWorkload,
  KINDS,
  type MutationResult,
  type RevisionRow,
  toWorkloadDetail,
  type WorkloadDetail,
} from './rollout-views';
import { describeChange, pausePatch, restartPatch, scalePatch } from './workload-patches';
import {
  currentRevisionPods,
  patchWorkload,
  planRollbackFrom,
  readHistory,
  readHpa,
  readWorkload,
  revisionsOf,
} from './workloads';

/**
 * Rollout operations behind the detail pages and routes: history, rollback, restart, scale, pause
 * and resume. Every mutation is applied only at the resourceVersion the user saw, sets the
 * change-cause and writes an audit record, whether it succeeds or not.
 */

export interface Target {
  context: string;
  kind: WorkloadKind;
  namespace: string;
  name: string;
}

export async function getWorkloadDetail(t: Target): Promise<WorkloadDetail> {
  const obj = await readWorkload(t.context, t.kind, t.namespace, t.name);
  const [history, hpa, canPatch] = await Promise.all([
    readHistory(t.context, t.kind, obj),
    readHpa(t.context, t.kind, obj),
    canI(t.context, { verb: 'patch', group: 'apps', resource: t.kind, namespace: t.namespace, name: t.name }),
  ]);
  const revisions = revisionsOf(obj, history);
  const pods = await currentRevisionPods(t.context, t.kind, obj, revisions);
  return toWorkloadDetail({ kind: t.kind, obj, revisions, problems: podProblems(pods), hpa, canPatch });
}

export async function getHistory(t: Target): Promise<RevisionRow[]> {
  return (await getWorkloadDetail(t)).revisions;
}

/** One revision with its diff against the current template; 404 lists the revisions that exist. */
export async function getRevision(t: Target, revision: number): Promise<RevisionRow> {
  const { revisions } = await getWorkloadDetail(t);
  const hit = revisions.find((r) => r.revision === revision);
  if (hit) return hit;
  const existing = revisions.map((r) => r.revision).sort((a, b) => a - b);
  throw new AppError(
    404,
    `Revision ${revision} of ${KINDS[t.kind].singular} "${t.name}" does not exist. ${
      existing.length ? `Existing revisions: ${existing.join(', ')}.` : 'There are no revisions.'
    }`,
    'revision_not_found',
  );
}

/** What a rollback would do right now, for the confirmation dialog. Sends nothing. */
export async function previewRollback(t: Target, revision: number): Promise<RollbackPlan> {
  const obj = await readWorkload(t.context, t.kind, t.namespace, t.name);
  return planRollbackFrom(obj, await readHistory(t.context, t.kind, obj), revision);
}

export interface MutationInput {
  resourceVersion: string;
  reason?: string;
}

function conflict(t: Target): AppError {
  return new AppError(
    409,
    `${KINDS[t.kind].singular} "${t.name}" changed since you looked at it. Review the latest version and try again.`,
    'conflict',
  );
}

/**
 * A failed JSON-patch `test` comes back as a bare 422 ("the server rejected our request"), with no
 * cause to tell it from a validation error. It can only mean the resourceVersion moved, so a 422
 * on an object that is no longer at the version we tested is reported as the conflict it is.
 */
export async function isFailedTest(t: Target, e: unknown, testedVersion: string): Promise<boolean> {
  if ((e as { code?: unknown }).code !== 422) return false;
  try {
    const now = await readWorkload(t.context, t.kind, t.namespace, t.name);
    return now.metadata?.resourceVersion !== testedVersion;
  } catch {
    return false;
  }
}

interface Step {
  action: string;
  plan: (
    obj: AnyWorkload,
    changeCause: string,
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
  const target: AuditTarget = { apiVersion: 'apps/v1', kind: KINDS[t.kind].apiKind };
  let extra: Partial<MutationResult> = {};
  try {
    const obj = await readWorkload(t.context, t.kind, t.namespace, t.name);
    target.uid = obj.metadata?.uid;
    if (obj.metadata?.resourceVersion !== input.resourceVersion) throw conflict(t);
    const planned = await step.plan(obj, describeChange(step.action, who.username, input.reason));
    extra = planned.extra ?? {};
    const revisions = {
      ...(extra.fromRevision != null ? { fromRevision: String(extra.fromRevision) } : {}),
      ...(extra.toRevision != null ? { toRevision: String(extra.toRevision) } : {}),
    };
    if (planned.patch.length === 0) {
      const message = `Nothing to do: the current template already matches revision ${extra.toRevision}.`;
      recordAudit({ ...base, ...revisions, result: 'success', message }, target);
      return { resourceVersion: input.resourceVersion, message, ...extra };
    }
    let updated: AnyWorkload;
    try {
      updated = await patchWorkload(t.context, t.kind, t.namespace, t.name, planned.patch);
    } catch (e) {
      if (await isFailedTest(t, e, input.resourceVersion)) throw conflict(t);
      throw toAppError(e, {
        context: t.context,
        verb: 'patch',
        resource: t.kind,
        namespace: t.namespace,
        name: t.name,
      });
    }
    const message = `${step.action} of ${KINDS[t.kind].singular} "${t.name}" applied.`;
    recordAudit({ ...base, ...revisions, result: 'success', message }, target);
    return { resourceVersion: updated.metadata?.resourceVersion ?? '', message, ...extra };
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

export function rollback(t: Target, input: MutationInput & { revision: number }): Promise<MutationResult> {
  return mutate(t, input, {
    action:
      input.revision === 0 ? 'rollback to the previous revision' : `rollback to revision ${input.revision}`,
    plan: async (obj, changeCause) => {
      const history = await readHistory(t.context, t.kind, obj);
      const p = planRollbackFrom(obj, history, input.revision, changeCause);
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
    plan: async (obj, changeCause) => ({
      patch: restartPatch(obj, input.resourceVersion, new Date(), changeCause),
    }),
  });
}

export function scale(t: Target, input: MutationInput & { replicas: number }): Promise<MutationResult> {
  return mutate(t, input, {
    action: `scale to ${input.replicas}`,
    plan: async (obj, changeCause) => ({
      patch: scalePatch(t.kind, obj, input.resourceVersion, input.replicas, changeCause),
    }),
  });
}

export function setPaused(t: Target, input: MutationInput & { paused: boolean }): Promise<MutationResult> {
  return mutate(t, input, {
    action: input.paused ? 'pause' : 'resume',
    plan: async (obj, changeCause) => ({
      patch: pausePatch(t.kind, obj, input.resourceVersion, input.paused, changeCause),
    }),
  });
}
