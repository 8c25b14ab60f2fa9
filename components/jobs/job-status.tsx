import { Badge, type BadgeTone } from '@/components/ui/badge';
import type { JobOutcome, JobSummary } from '@/lib/resources/jobs/job-summary';

const TONE: Record<JobOutcome, BadgeTone> = {
  Complete: 'good',
  Failed: 'bad',
  Suspended: 'neutral',
  Running: 'warn',
};

export function JobOutcomeBadge({ outcome }: { outcome: JobOutcome }) {
  return <Badge tone={TONE[outcome]}>{outcome}</Badge>;
}

/** A Job at a glance: outcome, completions, pods running, failures against its retry budget. */
export function JobCounts({ job }: { job: JobSummary }) {
  const nearLimit = job.outcome !== 'Complete' && job.retries > 0 && job.retries >= job.backoffLimit;
  return (
    <dl className="grid grid-cols-2 gap-x-6 gap-y-1 text-sm sm:grid-cols-5">
      <div>
        <dt className="text-muted">Status</dt>
        <dd>
          <JobOutcomeBadge outcome={job.outcome} />
        </dd>
      </div>
      <div>
        <dt className="text-muted">Completions</dt>
        <dd className="tabular-nums">{job.completions}</dd>
      </div>
      <div>
        <dt className="text-muted">Active pods</dt>
        <dd className="tabular-nums">{job.active}</dd>
      </div>
      <div>
        <dt className="text-muted">Failed pods</dt>
        <dd className="tabular-nums">{job.failed}</dd>
      </div>
      <div>
        <dt className="text-muted">Retries</dt>
        <dd className={`tabular-nums ${nearLimit ? 'font-semibold text-bad-ink' : ''}`}>
          {job.retries} of {job.backoffLimit} (backoffLimit)
        </dd>
      </div>
      {job.message && (
        <div className="col-span-full">
          <dt className="text-muted">Why it failed</dt>
          <dd>{job.message}</dd>
        </div>
      )}
    </dl>
  );
}
