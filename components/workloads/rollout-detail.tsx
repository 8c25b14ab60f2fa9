'use client';

import { useEffect, useMemo, useState } from 'react';
import { Badge, type BadgeTone } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Callout } from '@/components/ui/callout';
import { RevisionHistory } from '@/components/workloads/revision-history';
import { RollbackDialog } from '@/components/workloads/rollback-dialog';
import { WorkloadActions } from '@/components/workloads/workload-actions';
import { WORKLOADS } from '@/lib/links';
import type { ViewSpec } from '@/lib/live/protocol';
import type { RolloutModel } from '@/lib/live/views/rollout';
import type { WorkloadDetail } from '@/lib/resources/workloads/rollout-detail';
import type { RolloutState } from '@/lib/resources/workloads/rollout-status';
import { useLive } from '../live/use-live';

const stateTone: Record<RolloutState, BadgeTone> = {
  complete: 'good',
  progressing: 'neutral',
  pending: 'neutral',
  paused: 'warn',
  stuck: 'bad',
  unsupported: 'neutral',
};

const stateLabel: Record<RolloutState, string> = {
  complete: 'Complete',
  progressing: 'Progressing',
  pending: 'Pending',
  paused: 'Paused',
  stuck: 'Stuck',
  unsupported: 'No rollout tracking',
};

/**
 * Live rollout status, history and actions of one workload, pushed by the server's rollout view.
 * What the user may do was asked once (an access review) when the page was rendered.
 */
export function RolloutDetail({
  spec,
  initial,
  apiBase,
  now,
}: {
  spec: ViewSpec;
  initial: WorkloadDetail;
  apiBase: string;
  now: number;
}) {
  const canPatch = initial.canPatch;
  const first = useMemo((): RolloutModel => {
    const { canPatch: _asked, ...model } = initial;
    return model;
  }, [initial]);
  const { data, error } = useLive<RolloutModel>(spec, first);
  const detail: WorkloadDetail = { ...data, canPatch };
  const [clock, setClock] = useState(now);
  const [rollbackTo, setRollbackTo] = useState<number | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [pending, setPending] = useState<'resume' | null>(null);
  // Ages tick with each refresh; the first render uses the server's clock so hydration matches.
  useEffect(() => {
    if (data !== first) setClock(Date.now());
  }, [data, first]);

  const kind = WORKLOADS[detail.kind].kind;
  const s = detail.status;
  const pct = s.desired > 0 ? Math.round((Math.min(s.updated, s.desired) / s.desired) * 100) : 100;

  function done(message: string) {
    setRollbackTo(null);
    setNotice(message);
  }

  return (
    <div className="space-y-6">
      {notice && (
        <Callout tone="info" title="Done">
          <p>{notice}</p>
        </Callout>
      )}
      {error && (
        <Callout tone="warning" title="Live updates interrupted">
          <p>{error.message} Showing the last known state.</p>
        </Callout>
      )}
      <section aria-labelledby="rollout-status" className="space-y-2">
        <h2 id="rollout-status" className="text-base font-semibold">
          Rollout status
        </h2>
        <div role="status" aria-label="Rollout status" className="space-y-2">
          <p className="flex flex-wrap items-center gap-2 text-sm">
            <Badge tone={stateTone[s.state]}>{stateLabel[s.state]}</Badge>
            <span>{s.message}</span>
            {detail.currentRevision !== null && (
              <span className="text-muted">· revision {detail.currentRevision}</span>
            )}
          </p>
          <div
            role="progressbar"
            aria-label="Updated replicas"
            aria-valuemin={0}
            aria-valuemax={s.desired}
            aria-valuenow={Math.min(s.updated, s.desired)}
            className="h-2 w-full max-w-md overflow-hidden rounded bg-line"
          >
            <div
              className={`h-full ${s.state === 'stuck' ? 'bg-bad-solid' : s.state === 'complete' ? 'bg-good-solid' : 'bg-info-solid'}`}
              style={{ width: `${pct}%` }}
            />
          </div>
          <dl className="flex flex-wrap gap-x-6 gap-y-1 text-sm text-muted">
            <Fact label="Desired" value={s.desired} />
            <Fact label="Updated" value={s.updated} />
            <Fact label="Ready" value={s.ready} />
            <Fact label="Available" value={s.available} />
            {s.partition !== undefined && <Fact label="Partition" value={s.partition} />}
            <Fact label="Strategy" value={detail.strategy || '—'} />
          </dl>
        </div>
        {s.state === 'stuck' && (
          <Callout tone="danger" title="Rollout stuck">
            <p>{s.reason}</p>
            {detail.lastHealthyRevision !== null ? (
              <p className="mt-2">
                <Button
                  variant="danger"
                  disabled={!detail.canPatch.allowed}
                  title={detail.canPatch.reason}
                  onClick={() => setRollbackTo(detail.lastHealthyRevision)}
                >
                  Roll back to revision {detail.lastHealthyRevision}
                </Button>
              </p>
            ) : (
              <p className="mt-1">There is no earlier revision to roll back to.</p>
            )}
          </Callout>
        )}
        {s.state === 'unsupported' && s.reason && <p className="text-sm text-muted">{s.reason}</p>}
      </section>

      <WorkloadActions
        detail={detail}
        apiBase={apiBase}
        onDone={done}
        pendingAction={pending}
        onPendingHandled={() => setPending(null)}
      />

      <RevisionHistory detail={detail} now={clock} onRollback={(r) => setRollbackTo(r)} />

      <RollbackDialog
        open={rollbackTo !== null}
        apiBase={apiBase}
        kindLabel={kind}
        name={detail.name}
        revision={rollbackTo ?? 0}
        onClose={() => setRollbackTo(null)}
        onDone={done}
        onResume={
          detail.kind === 'deployments'
            ? () => {
                setRollbackTo(null);
                setPending('resume');
              }
            : undefined
        }
      />
    </div>
  );
}

function Fact({ label, value }: { label: string; value: string | number }) {
  return (
    <div className="flex gap-1">
      <dt>{label}</dt>
      <dd className="font-medium text-fg tabular-nums">{value}</dd>
    </div>
  );
}
