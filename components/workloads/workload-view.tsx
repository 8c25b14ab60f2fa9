'use client';

import Link from 'next/link';
import { JobCounts } from '@/components/jobs/job-status';
import { LiveError } from '@/components/live/live-error';
import { useLive } from '@/components/live/use-live';
import { WorkloadHealthBadge } from '@/components/pods/health-badge';
import { PodRowsTable } from '@/components/pods/pods-table';
import { cronJobPath, workloadPath } from '@/lib/links';
import type { ViewSpec } from '@/lib/live/protocol';
import type { WorkloadPodsModel } from '@/lib/live/views/workload-pods';

export type WorkloadData = WorkloadPodsModel;

/** A workload's health from its pods, problem pods first, live. */
export function WorkloadView({
  spec,
  initial,
  context,
}: {
  spec: ViewSpec;
  initial: WorkloadData;
  context: string;
}) {
  const { data, error } = useLive<WorkloadData>(spec, initial);
  const { row, selector } = data.detail;
  const logs = workloadPath(context, row.namespace, row.kind, row.name, 'logs');
  return (
    <div className="space-y-4">
      <LiveError error={error} />
      <section aria-label="Workload health" className="flex flex-wrap items-center gap-3 text-sm">
        <WorkloadHealthBadge health={row.health} />
        <span>{row.summary}</span>
      </section>
      {data.detail.job && (
        <section aria-label="Job" className="space-y-2">
          <JobCounts job={data.detail.job} />
          {data.detail.job.cronJob && (
            <p className="text-sm text-muted">
              {data.detail.job.manual ? 'Run by hand from' : 'Scheduled by'} CronJob{' '}
              <Link href={cronJobPath(context, row.namespace, data.detail.job.cronJob)}>
                {data.detail.job.cronJob}
              </Link>
            </p>
          )}
        </section>
      )}
      <p className="text-sm text-muted">
        Selector <code className="font-mono text-xs">{selector}</code>
        {logs && (
          <>
            {' · '}
            <Link href={logs}>Logs of every pod</Link>
          </>
        )}
      </p>
      <PodRowsTable rows={row.pods} now={data.now} showNamespace={false} context={context} label="Pods" />
    </div>
  );
}
