'use client';

import { type ReactNode, useEffect, useId, useState } from 'react';
import { Button } from '@/components/ui/button';
import { Callout } from '@/components/ui/callout';
import { Dialog } from '@/components/ui/dialog';
import { ReasonField } from '@/components/ui/reason-field';
import { type ActionError, callJson } from '@/lib/client-actions';
import { WORKLOADS } from '@/lib/links';
import type { MutationResult, WorkloadDetail } from '@/lib/resources/workloads/rollout-detail';

type Action = 'restart' | 'scale' | 'pause' | 'resume';

/** Restart, scale, pause and resume, each behind a confirmation that says what will happen. */
export function WorkloadActions({
  detail,
  apiBase,
  onDone,
  pendingAction,
  onPendingHandled,
}: {
  detail: WorkloadDetail;
  apiBase: string;
  onDone: (message: string) => void;
  /** Lets another part of the page (the rollback dialog's "Resume") open one of these confirmations. */
  pendingAction?: Action | null;
  onPendingHandled?: () => void;
}) {
  const [action, setAction] = useState<Action | null>(null);
  const [replicas, setReplicas] = useState(String(detail.replicas ?? 0));
  const [reason, setReason] = useState('');
  const [error, setError] = useState<ActionError | null>(null);
  const [busy, setBusy] = useState(false);
  // The spec (generation) shown when the confirmation opened: the change applies only to that spec.
  // null after a conflict: the user has been told, and confirms against the latest one shown.
  const [seenGeneration, setSeenGeneration] = useState<number | null>(null);
  // Follow the live desired count (someone else scaled, or the HPA did) unless a confirmation is open.
  useEffect(() => {
    if (action === null) setReplicas(String(detail.replicas ?? 0));
  }, [detail.replicas, action]);
  const replicasId = useId();
  const kind = WORKLOADS[detail.kind].kind;
  const disabled = !detail.canPatch.allowed;
  const why = detail.canPatch.reason;

  const active = action ?? pendingAction ?? null;
  const target = Number(replicas);

  function open(a: Action) {
    setAction(a);
    setError(null);
    setReason('');
    setSeenGeneration(detail.generation);
  }

  function close() {
    setAction(null);
    setSeenGeneration(null);
    onPendingHandled?.();
  }

  async function confirm() {
    if (!active) return;
    setBusy(true);
    setError(null);
    const body: Record<string, unknown> = { generation: seenGeneration ?? detail.generation };
    if (reason.trim()) body.reason = reason.trim();
    if (active === 'scale') body.replicas = target;
    const r = await callJson<MutationResult>(`${apiBase}/${active}`, { method: 'POST', body });
    setBusy(false);
    if (r.ok) {
      close();
      onDone(r.data.message);
    } else {
      setError(r.error);
      if (r.error.code === 'conflict') setSeenGeneration(null);
    }
  }

  const validScale = Number.isInteger(target) && target >= 0 && target <= 10_000 && replicas.trim() !== '';
  let title = '';
  let body: ReactNode = null;
  // kubectl rollout restart refuses a paused Deployment; so does the server. Say so before the click.
  const restartBlocked = active === 'restart' && detail.paused;
  if (active === 'restart') {
    title = `Restart ${kind} "${detail.name}"`;
    body = restartBlocked ? (
      <Callout tone="warning" title="Paused">
        <p>
          A paused Deployment cannot be restarted: the new template would not roll out until it is resumed.
          Resume it first, then restart.
        </p>
        <p className="mt-2">
          <Button onClick={() => setAction('resume')}>Resume rollout</Button>
        </p>
      </Callout>
    ) : (
      <p>
        Every pod is replaced by a rolling update, as `kubectl rollout restart` does. This creates a new
        revision.
      </p>
    );
  } else if (active === 'scale') {
    title = `Scale ${kind} "${detail.name}" to ${target}`;
    body = (
      <>
        <p>
          Desired replicas go from {detail.replicas} to {target}.
        </p>
        {target === 0 && (
          <Callout tone="warning" title="Scaling to zero">
            <p>All pods of "{detail.name}" will be stopped; it serves nothing until scaled up again.</p>
          </Callout>
        )}
        {detail.hpa && <HpaWarning detail={detail} />}
      </>
    );
  } else if (active === 'pause') {
    title = `Pause ${kind} "${detail.name}"`;
    body = (
      <p>
        Changes to the pod template will not roll out until the rollout is resumed. A paused Deployment cannot
        be rolled back.
      </p>
    );
  } else if (active === 'resume') {
    title = `Resume ${kind} "${detail.name}"`;
    body = <p>Pending changes to the pod template start rolling out.</p>;
  }

  return (
    <section aria-label="Actions" className="space-y-2">
      <div className="flex flex-wrap items-end gap-2">
        <Button disabled={disabled} title={why} onClick={() => open('restart')}>
          Restart
        </Button>
        {detail.kind === 'deployments' &&
          (detail.paused ? (
            <Button disabled={disabled} title={why} onClick={() => open('resume')}>
              Resume
            </Button>
          ) : (
            <Button disabled={disabled} title={why} onClick={() => open('pause')}>
              Pause
            </Button>
          ))}
        {detail.replicas !== null && (
          <div className="flex items-end gap-2">
            <div>
              <label htmlFor={replicasId} className="block text-xs text-muted">
                Replicas
              </label>
              <input
                id={replicasId}
                type="number"
                min={0}
                max={10000}
                step={1}
                value={replicas}
                disabled={disabled}
                onChange={(e) => setReplicas(e.target.value)}
                className="w-24 rounded border border-field bg-transparent px-2 py-1 text-sm"
              />
            </div>
            <Button
              disabled={disabled || !validScale || target === detail.replicas}
              title={why}
              onClick={() => open('scale')}
            >
              Scale
            </Button>
          </div>
        )}
      </div>
      {disabled && why && <p className="text-sm text-warn">Actions are disabled: {why}</p>}
      {detail.hpa && <HpaWarning detail={detail} />}
      <Dialog open={active !== null} title={title} onClose={close}>
        <div className="space-y-3 text-sm">{body}</div>
        <ReasonField
          value={reason}
          onChange={setReason}
          // Only a restart changes the pod template, so only it records a change-cause.
          note={
            active === 'restart'
              ? 'Recorded as the change-cause and in the audit log.'
              : 'Recorded in the audit log.'
          }
        />
        {error && (
          <Callout tone="danger" title={error.code === 'conflict' ? 'Changed since you looked' : 'Failed'}>
            <p>{error.message}</p>
            {error.code === 'conflict' && (
              <p className="mt-1">Confirm again to apply it to the latest version.</p>
            )}
            {error.code === 'paused' && active === 'restart' && (
              <p className="mt-2">
                <Button onClick={() => open('resume')}>Resume rollout</Button>
              </p>
            )}
          </Callout>
        )}
        <div className="flex justify-end gap-2">
          <Button onClick={close}>Cancel</Button>
          <Button
            variant={active === 'scale' && target === 0 ? 'danger' : 'primary'}
            disabled={busy || restartBlocked}
            onClick={confirm}
          >
            {busy ? 'Working…' : `Confirm ${active ?? ''}`}
          </Button>
        </div>
      </Dialog>
    </section>
  );
}

function HpaWarning({ detail }: { detail: WorkloadDetail }) {
  const h = detail.hpa;
  if (!h) return null;
  return (
    <Callout tone="warning" title="Autoscaled">
      <p>
        HorizontalPodAutoscaler "{h.name}" manages the replicas: min {h.minReplicas}, max {h.maxReplicas},
        current {h.currentReplicas ?? '—'}, desired {h.desiredReplicas ?? '—'}. A manual scale will be
        overridden by it.
      </p>
    </Callout>
  );
}
