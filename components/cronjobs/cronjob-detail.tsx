'use client';

import Link from 'next/link';
import { useState } from 'react';
import { JobOutcomeBadge } from '@/components/jobs/job-status';
import { LiveError } from '@/components/live/live-error';
import { useLive } from '@/components/live/use-live';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Callout } from '@/components/ui/callout';
import { Dialog } from '@/components/ui/dialog';
import { Table, Td, Th } from '@/components/ui/table';
import { type ActionError, callJson } from '@/lib/client-actions';
import type { AccessAnswer } from '@/lib/kube/access';
import { cronJobApiPath, workloadPath } from '@/lib/links';
import type { ViewSpec } from '@/lib/live/protocol';
import type { CronJobModel } from '@/lib/resources/cronjobs/server/cronjob-view';

type Action = 'run' | 'suspend' | 'resume';

const TEXT: Record<Action, { title: string; body: string; button: string }> = {
  run: {
    title: 'Run now',
    body: 'A Job is created from the CronJob’s template, as `kubectl create job --from=cronjob/…` does, owned by the CronJob. The schedule is not changed.',
    button: 'Create Job',
  },
  suspend: {
    title: 'Suspend',
    body: 'No new Jobs are scheduled until it is resumed. Jobs already running go on.',
    button: 'Suspend',
  },
  resume: {
    title: 'Resume',
    body: 'Jobs are scheduled again. A run missed while suspended may start at once (startingDeadlineSeconds decides).',
    button: 'Resume',
  },
};

function when(iso: string | null, now: number): string {
  if (!iso) return '—';
  const s = Math.max(0, Math.round((now - Date.parse(iso)) / 1000));
  return s < 120 ? `${s}s ago` : s < 7200 ? `${Math.round(s / 60)}m ago` : `${Math.round(s / 3600)}h ago`;
}

/** A CronJob, live: schedule, state, its recent Jobs with their outcome; run now, suspend, resume. */
export function CronJobDetail({
  spec,
  initial,
  access,
}: {
  spec: ViewSpec;
  initial: CronJobModel;
  access: { run: AccessAnswer; patch: AccessAnswer };
}) {
  const { data, error } = useLive<CronJobModel>(spec, initial);
  const [action, setAction] = useState<Action | null>(null);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<ActionError | null>(null);
  const [done, setDone] = useState<string | null>(null);

  async function confirm() {
    if (!action) return;
    setBusy(true);
    setFailure(null);
    const r = await callJson<{ message: string }>(
      cronJobApiPath(spec.context, data.namespace, data.name, action),
      {
        method: 'POST',
        body: {},
      },
    );
    setBusy(false);
    if (r.ok) {
      setAction(null);
      setDone(r.data.message);
    } else setFailure(r.error);
  }

  const open = (a: Action) => {
    setFailure(null);
    setAction(a);
  };

  return (
    <div className="space-y-4">
      <LiveError error={error} />
      <dl className="grid grid-cols-2 gap-x-6 gap-y-1 text-sm sm:grid-cols-4">
        <div>
          <dt className="text-muted">Schedule</dt>
          <dd className="font-mono">
            {data.schedule}
            {data.timeZone ? ` (${data.timeZone})` : ''}
          </dd>
        </div>
        <div>
          <dt className="text-muted">State</dt>
          <dd>{data.suspend ? <Badge tone="warn">Suspended</Badge> : <Badge tone="good">Active</Badge>}</dd>
        </div>
        <div>
          <dt className="text-muted">Last scheduled</dt>
          <dd>{when(data.lastScheduleTime, data.now)}</dd>
        </div>
        <div>
          <dt className="text-muted">Last success</dt>
          <dd>{when(data.lastSuccessfulTime, data.now)}</dd>
        </div>
      </dl>
      <section aria-label="CronJob actions" className="flex flex-wrap gap-2">
        <Button disabled={!access.run.allowed} title={access.run.reason} onClick={() => open('run')}>
          Run now
        </Button>
        {data.suspend ? (
          <Button disabled={!access.patch.allowed} title={access.patch.reason} onClick={() => open('resume')}>
            Resume
          </Button>
        ) : (
          <Button
            disabled={!access.patch.allowed}
            title={access.patch.reason}
            onClick={() => open('suspend')}
          >
            Suspend
          </Button>
        )}
      </section>
      {done && (
        <p role="status" className="text-sm">
          {done}
        </p>
      )}
      <Dialog
        open={action !== null}
        title={action ? `${TEXT[action].title}: CronJob "${data.name}"` : ''}
        onClose={() => setAction(null)}
      >
        <p>{action ? TEXT[action].body : ''}</p>
        {failure && (
          <Callout tone="danger" title="Not done">
            <p>{failure.message}</p>
          </Callout>
        )}
        <div className="flex justify-end gap-2">
          <Button onClick={() => setAction(null)}>Cancel</Button>
          <Button variant="primary" disabled={busy} onClick={confirm}>
            {action ? TEXT[action].button : ''}
          </Button>
        </div>
      </Dialog>
      <section aria-labelledby="cronjob-jobs" className="space-y-2">
        <h2 id="cronjob-jobs" className="text-lg font-semibold">
          Recent Jobs ({data.jobs.length})
        </h2>
        <p className="text-xs text-muted">
          The cluster keeps the last {data.successfulJobsHistoryLimit} successful and{' '}
          {data.failedJobsHistoryLimit} failed Jobs (history limits).
        </p>
        {data.jobs.length === 0 ? (
          <p className="text-sm text-muted">No Jobs yet.</p>
        ) : (
          <Table aria-label="Recent Jobs">
            <thead>
              <tr>
                <Th>Job</Th>
                <Th>Outcome</Th>
                <Th>Completions</Th>
                <Th>Retries / backoffLimit</Th>
                <Th>Started</Th>
                <Th>How</Th>
              </tr>
            </thead>
            <tbody>
              {data.jobs.map((j) => (
                <tr key={j.name} data-key={j.name}>
                  <Td className="font-mono text-xs">
                    <Link href={workloadPath(spec.context, data.namespace, 'Job', j.name) ?? '#'}>
                      {j.name}
                    </Link>
                  </Td>
                  <Td>
                    <JobOutcomeBadge outcome={j.outcome} />
                  </Td>
                  <Td className="tabular-nums">{j.completions}</Td>
                  <Td className="tabular-nums">
                    {j.failed} of {j.backoffLimit}
                  </Td>
                  <Td>{when(j.startTime ?? j.created, data.now)}</Td>
                  <Td>{j.manual ? 'by hand' : 'scheduled'}</Td>
                </tr>
              ))}
            </tbody>
          </Table>
        )}
      </section>
    </div>
  );
}
