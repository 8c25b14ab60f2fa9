import type { V1Job } from '@kubernetes/client-node';
import { MANUAL_ANNOTATION } from '../cronjobs/job-from-cronjob';

/** A Job's state and counts, one module for the Jobs list, the Job page and a CronJob's history. */

export type JobOutcome = 'Complete' | 'Failed' | 'Suspended' | 'Running';

/** A Job's state as `kubectl get job` reads its conditions (Complete / Failed, else Running). */
export function jobOutcome(j: V1Job): JobOutcome {
  const on = (t: string) => j.status?.conditions?.some((c) => c.type === t && c.status === 'True');
  if (on('Complete')) return 'Complete';
  if (on('Failed')) return 'Failed';
  if (on('Suspended') || j.spec?.suspend) return 'Suspended';
  return 'Running';
}

/** What a Job page shows at a glance: completions, failures against its retry budget, pods now. */
export interface JobSummary {
  outcome: JobOutcome;
  /** "succeeded/completions", as kubectl's COMPLETIONS column. */
  completions: string;
  succeeded: number;
  failed: number;
  active: number;
  /** spec.backoffLimit (default 6): retries allowed before the Job fails. */
  backoffLimit: number;
  /** Retries used: failed pods, each one a retry (kubectl describe counts them the same). */
  retries: number;
  parallelism: number;
  startTime: string | null;
  completionTime: string | null;
  /** The condition's message when it failed (BackoffLimitExceeded…). */
  message: string | null;
  manual: boolean;
}

function iso(t: Date | string | undefined): string | null {
  if (!t) return null;
  return t instanceof Date ? t.toISOString() : t;
}

/** kubectl's COMPLETIONS cell. */
export function completionsText(j: V1Job): string {
  const succeeded = j.status?.succeeded ?? 0;
  if (j.spec?.completions != null) return `${succeeded}/${j.spec.completions}`;
  const parallelism = j.spec?.parallelism ?? 0;
  return parallelism > 1 ? `${succeeded}/1 of ${parallelism}` : `${succeeded}/1`;
}

export function jobSummary(j: V1Job): JobSummary {
  const s = j.status;
  const succeeded = s?.succeeded ?? 0;
  const failed = s?.failed ?? 0;
  const failedCond = j.status?.conditions?.find((c) => c.type === 'Failed' && c.status === 'True');
  return {
    outcome: jobOutcome(j),
    completions: completionsText(j),
    succeeded,
    failed,
    active: s?.active ?? 0,
    backoffLimit: j.spec?.backoffLimit ?? 6,
    retries: failed,
    parallelism: j.spec?.parallelism ?? 1,
    startTime: iso(s?.startTime),
    completionTime: iso(s?.completionTime),
    message: failedCond ? (failedCond.message ?? failedCond.reason ?? null) : null,
    manual: j.metadata?.annotations?.[MANUAL_ANNOTATION] === 'manual',
  };
}
