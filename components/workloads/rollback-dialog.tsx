'use client';

import { useCallback, useEffect, useState } from 'react';
import { Button } from '@/components/ui/button';
import { Callout } from '@/components/ui/callout';
import { Dialog } from '@/components/ui/dialog';
import { ReasonField } from '@/components/ui/reason-field';
import { TemplateDiffView } from '@/components/workloads/template-diff-view';
import { type ActionError, callJson } from '@/lib/client-actions';
import type { RollbackPlan } from '@/lib/resources/workloads/rollback-plan';
import type { MutationResult } from '@/lib/resources/workloads/rollout-detail';

type PlanView = Omit<RollbackPlan, 'patch'>;

/**
 * The rollback confirmation: shows exactly what will change, then applies it only to the spec
 * (generation) and revisions shown. If the template changed meanwhile, the server answers 409 and
 * the dialog reloads the plan so the user confirms the new diff, never a stale one. The
 * controller's status writes are not changes: they do not refuse the click.
 */
export function RollbackDialog({
  open,
  apiBase,
  kindLabel,
  name,
  revision,
  onClose,
  onDone,
  onResume,
}: {
  open: boolean;
  apiBase: string;
  kindLabel: string;
  name: string;
  revision: number;
  onClose: () => void;
  onDone: (message: string) => void;
  onResume?: () => void;
}) {
  const [plan, setPlan] = useState<PlanView | null>(null);
  const [loadError, setLoadError] = useState<ActionError | null>(null);
  const [conflict, setConflict] = useState<string | null>(null);
  const [submitError, setSubmitError] = useState<ActionError | null>(null);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);

  const load = useCallback(async () => {
    setPlan(null);
    setLoadError(null);
    const r = await callJson<PlanView>(`${apiBase}/rollback?revision=${revision}`);
    if (r.ok) setPlan(r.data);
    else setLoadError(r.error);
  }, [apiBase, revision]);

  useEffect(() => {
    if (!open) return;
    setConflict(null);
    setSubmitError(null);
    setReason('');
    void load();
  }, [open, load]);

  async function confirm() {
    if (!plan) return;
    setBusy(true);
    setSubmitError(null);
    const r = await callJson<MutationResult>(`${apiBase}/rollback`, {
      method: 'POST',
      body: {
        revision: plan.toRevision,
        generation: plan.generation,
        fromRevision: plan.fromRevision,
        toSource: plan.toSource,
        ...(reason.trim() ? { reason: reason.trim() } : {}),
      },
    });
    setBusy(false);
    if (r.ok) {
      onDone(
        r.data.noop
          ? `Nothing to do: the template already matches revision ${plan.toRevision}.`
          : `Rolled back ${kindLabel} "${name}" to revision ${plan.toRevision}.`,
      );
      return;
    }
    if (r.error.status === 409 && r.error.code === 'conflict') {
      setConflict(r.error.message);
      await load();
      return;
    }
    setSubmitError(r.error);
  }

  const title = `Roll back ${kindLabel} "${name}"${plan ? ` to revision ${plan.toRevision}` : ''}`;
  return (
    <Dialog open={open} title={title} onClose={onClose}>
      {conflict && (
        <Callout tone="warning" title="Changed since you looked">
          <p>{conflict}</p>
          <p className="mt-1">The changes below are recomputed from the latest version. Review them again.</p>
        </Callout>
      )}
      {loadError &&
        (loadError.code === 'paused' ? (
          <Callout tone="warning" title="Paused">
            <p>{loadError.message}</p>
            {onResume && (
              <p className="mt-2">
                <Button onClick={onResume}>Resume rollout</Button>
              </p>
            )}
          </Callout>
        ) : (
          <Callout tone="danger" title="Cannot roll back">
            <p>{loadError.message}</p>
          </Callout>
        ))}
      {!plan && !loadError && <p className="text-sm text-muted">Computing the changes…</p>}
      {plan && (
        <>
          <p className="text-sm">
            From revision <strong>{plan.fromRevision ?? '?'}</strong> to revision{' '}
            <strong>{plan.toRevision}</strong>. The {kindLabel} will get revision {plan.toRevision}’s pod
            template and a new revision number; its pods roll over as in any rollout.
          </p>
          {plan.noop ? (
            <Callout tone="info" title="Nothing to do">
              <p>The current template already matches revision {plan.toRevision}.</p>
            </Callout>
          ) : (
            <TemplateDiffView diff={plan.diff} label="Changes the rollback makes" />
          )}
          <ReasonField
            value={reason}
            onChange={setReason}
            note="Recorded as the change-cause and in the audit log."
          />
        </>
      )}
      {submitError && (
        <Callout tone="danger" title="Rollback failed">
          <p>{submitError.message}</p>
        </Callout>
      )}
      <div className="flex justify-end gap-2">
        <Button onClick={onClose}>Cancel</Button>
        <Button variant="danger" disabled={!plan || plan.noop || busy} onClick={confirm}>
          {busy ? 'Rolling back…' : conflict ? 'Roll back using the latest version' : 'Confirm rollback'}
        </Button>
      </div>
    </Dialog>
  );
}
