import 'server-only';
import { randomBytes } from 'node:crypto';
import { BatchV1Api, PatchStrategy, setHeaderOptions } from '@kubernetes/client-node';
import { apiClient } from '../../../kube/client';
import { type Attempt, toAppError } from '../../../kube/errors';
import { whoAmI } from '../../../kube/identity';
import { type AuditTarget, recordAudit } from '../../audit/server/record';
import { jobFromCronJob, manualJobName } from '../job-from-cronjob';

/**
 * Run a CronJob now (`kubectl create job --from=cronjob/X`), suspend and resume it
 * (`kubectl patch cronjob X -p '{"spec":{"suspend":true}}'`), with the user's credentials, each
 * written to the audit log whether the cluster allowed it or not.
 */

const MERGE_PATCH = setHeaderOptions('Content-Type', PatchStrategy.MergePatch);

export interface CronJobTarget {
  context: string;
  namespace: string;
  name: string;
}

export interface CronJobActionResult {
  message: string;
  /** The Job a run created. */
  job?: string;
}

async function audited(
  t: CronJobTarget,
  verb: string,
  attempt: Attempt,
  reason: string | undefined,
  run: (target: AuditTarget) => Promise<CronJobActionResult>,
): Promise<CronJobActionResult> {
  const who = await whoAmI(t.context);
  const base = {
    user: who.username,
    context: t.context,
    verb,
    resource: 'cronjobs',
    namespace: t.namespace,
    name: t.name,
    ...(reason ? { reason } : {}),
  };
  const target: AuditTarget = { apiVersion: 'batch/v1', kind: 'CronJob' };
  try {
    const r = await run(target);
    recordAudit({ ...base, result: 'success', message: r.message }, target);
    return r;
  } catch (e) {
    const err = toAppError(e, attempt);
    recordAudit({ ...base, result: 'failure', message: err.message }, target);
    throw err;
  }
}

/** Suffixes as the API server's generateName makes them: lowercase letters and digits. */
function suffix(): string {
  const alphabet = 'bcdfghjklmnpqrstvwxz2456789';
  return [...randomBytes(5)].map((b) => alphabet[b % alphabet.length]).join('');
}

export function runNow(t: CronJobTarget, reason?: string): Promise<CronJobActionResult> {
  const batch = apiClient(t.context, BatchV1Api);
  return audited(
    t,
    'run',
    { context: t.context, verb: 'create', resource: 'jobs', namespace: t.namespace },
    reason,
    async (target) => {
      let cj: Awaited<ReturnType<typeof batch.readNamespacedCronJob>>;
      try {
        cj = await batch.readNamespacedCronJob({ namespace: t.namespace, name: t.name });
      } catch (e) {
        throw toAppError(e, {
          context: t.context,
          verb: 'get',
          resource: 'cronjobs',
          namespace: t.namespace,
          name: t.name,
        });
      }
      target.uid = cj.metadata?.uid;
      const job = await batch.createNamespacedJob({
        namespace: t.namespace,
        body: jobFromCronJob(cj, manualJobName(t.name, suffix())),
      });
      const name = job.metadata?.name ?? '';
      return { message: `Job "${name}" created from CronJob "${t.name}".`, job: name };
    },
  );
}

export function setSuspended(
  t: CronJobTarget,
  suspend: boolean,
  reason?: string,
): Promise<CronJobActionResult> {
  const batch = apiClient(t.context, BatchV1Api);
  return audited(
    t,
    suspend ? 'suspend' : 'resume',
    { context: t.context, verb: 'patch', resource: 'cronjobs', namespace: t.namespace, name: t.name },
    reason,
    async (target) => {
      const cj = await batch.patchNamespacedCronJob(
        { namespace: t.namespace, name: t.name, body: { spec: { suspend } } },
        MERGE_PATCH,
      );
      target.uid = cj.metadata?.uid;
      return {
        message: `CronJob "${t.name}" ${suspend ? 'suspended: no new Jobs are scheduled' : 'resumed'}.`,
      };
    },
  );
}
