import 'server-only';
import type { V1CronJob, V1Job } from '@kubernetes/client-node';
import { AppError } from '../../../errors';
import type { ViewDef } from '../../../live/view-cache';
import { type JobSummary, jobSummary } from '../../jobs/job-summary';

/** A CronJob and the Jobs it owns, newest first, from the cached CronJobs and Jobs of its namespace. */
export interface CronJobParams {
  namespace: string;
  name: string;
}

export interface CronJobModel {
  name: string;
  namespace: string;
  schedule: string;
  timeZone: string | null;
  suspend: boolean;
  concurrencyPolicy: string;
  lastScheduleTime: string | null;
  lastSuccessfulTime: string | null;
  successfulJobsHistoryLimit: number;
  failedJobsHistoryLimit: number;
  jobs: (JobSummary & { name: string; created: string | null })[];
  now: number;
}

function iso(t: Date | string | undefined): string | null {
  if (!t) return null;
  return t instanceof Date ? t.toISOString() : t;
}

export const cronJobView: ViewDef<CronJobParams, CronJobModel> = {
  inputs: (p) => [
    { slug: 'cronjobs', namespace: p.namespace },
    { slug: 'jobs', namespace: p.namespace },
  ],
  compute: (inputs, p, now): CronJobModel => {
    const all = inputs.list<V1CronJob>('cronjobs', p.namespace);
    if (!all) {
      const e = inputs.error('cronjobs', p.namespace);
      throw new AppError(e?.status ?? 500, e?.message ?? 'Could not list CronJobs.', e?.code);
    }
    const cj = inputs.get<V1CronJob>('cronjobs', p.namespace, `${p.namespace}/${p.name}`);
    if (!cj)
      throw new AppError(
        404,
        `CronJob "${p.name}" was not found in namespace "${p.namespace}".`,
        'not_found',
      );
    const uid = cj.metadata?.uid;
    // Ownership, not names: a Job is this CronJob's when the CronJob is its controller.
    const jobs = (inputs.list<V1Job>('jobs', p.namespace) ?? [])
      .filter((j) => j.metadata?.ownerReferences?.some((o) => o.controller && o.uid === uid))
      .map((j) => ({
        name: j.metadata?.name ?? '',
        created: iso(j.metadata?.creationTimestamp),
        ...jobSummary(j),
      }))
      .sort((a, b) => (b.created ?? '').localeCompare(a.created ?? '') || a.name.localeCompare(b.name));
    return {
      name: p.name,
      namespace: p.namespace,
      schedule: cj.spec?.schedule ?? '',
      timeZone: cj.spec?.timeZone ?? null,
      suspend: cj.spec?.suspend === true,
      concurrencyPolicy: cj.spec?.concurrencyPolicy ?? 'Allow',
      lastScheduleTime: iso(cj.status?.lastScheduleTime),
      lastSuccessfulTime: iso(cj.status?.lastSuccessfulTime),
      successfulJobsHistoryLimit: cj.spec?.successfulJobsHistoryLimit ?? 3,
      failedJobsHistoryLimit: cj.spec?.failedJobsHistoryLimit ?? 1,
      jobs,
      now,
    };
  },
};
