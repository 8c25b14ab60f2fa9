'use client';

import { useRouter } from 'next/navigation';
import { useEffect, useState } from 'react';
import { send } from '@/components/manage/send';
import { Button } from '@/components/ui/button';
import { Callout } from '@/components/ui/callout';
import { Dialog } from '@/components/ui/dialog';
import { ReasonField } from '@/components/ui/reason-field';
import type { DeletePlan, Dependents, Propagation } from '@/lib/resources/manage/server/remove';

const POLICIES: { value: Propagation; label: string; help: string }[] = [
  {
    value: 'Background',
    label: 'Background',
    help: 'Deleted now; the garbage collector deletes its dependents afterwards (kubectl’s default).',
  },
  {
    value: 'Foreground',
    label: 'Foreground',
    help: 'It stays, Terminating, until its dependents are deleted; then it goes.',
  },
  { value: 'Orphan', label: 'Orphan', help: 'Only it is deleted; its dependents stay, no longer owned.' },
];

function list(d: Dependents[]): string {
  return d
    .map(
      (x) =>
        `${x.count} ${x.kind}${x.count === 1 ? '' : 's'} (${x.names.join(', ')}${x.count > x.names.length ? ', …' : ''})`,
    )
    .join('; ');
}

/** Delete confirmation: what goes with it, what will hold it, which propagation policy. */
export function DeleteDialog({
  open,
  onClose,
  api,
  afterHref,
}: {
  open: boolean;
  onClose: () => void;
  api: string;
  afterHref: string;
}) {
  const router = useRouter();
  const [plan, setPlan] = useState<DeletePlan | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [policy, setPolicy] = useState<Propagation>('Background');
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<string | null>(null);

  useEffect(() => {
    if (!open) return;
    setPlan(null);
    setError(null);
    setDone(null);
    send<DeletePlan>(`${api}/delete-plan`, 'GET').then((r) =>
      r.ok ? setPlan(r.data) : setError(r.error.message),
    );
  }, [open, api]);

  async function confirm() {
    if (!plan) return;
    setBusy(true);
    const r = await send<{ message: string }>(api, 'DELETE', {
      propagationPolicy: policy,
      uid: plan.uid,
      ...(reason ? { reason } : {}),
    });
    setBusy(false);
    if (!r.ok) return setError(r.error.message);
    setDone(r.data.message);
  }
  // Not refreshed at once: the object is often gone already, and its page would become "could not
  // load … not found", taking this answer with it. Staying refreshes it, to show what is left (a finalizer's hold, or nothing).
  const stay = () => {
    onClose();
    router.refresh();
  };

  const title = plan ? `Delete ${plan.kind} ${plan.name}?` : 'Delete';
  return (
    <Dialog open={open} onClose={done ? stay : onClose} title={title}>
      {error && (
        <Callout tone="danger" title="Not deleted">
          {error}
        </Callout>
      )}
      {!plan && !error && <p className="text-sm text-muted">Finding what goes with it…</p>}
      {plan && !done && (
        <div className="space-y-3 text-sm">
          {!plan.canDelete.allowed && (
            <Callout tone="warning" title="You may not delete this">
              {plan.canDelete.reason}
            </Callout>
          )}
          <section aria-label="What goes with it" className="space-y-1">
            <h3 className="font-medium">What goes with it</h3>
            {plan.contents ? (
              <p>
                Everything in namespace {plan.name}:{' '}
                {plan.contents.length
                  ? plan.contents.map((c) => `${c.count} ${c.kind}${c.count === 1 ? '' : 's'}`).join(', ')
                  : 'it looks empty'}
                .
              </p>
            ) : plan.dependents.length ? (
              <p>
                {policy === 'Orphan' ? 'Kept (orphaned): ' : 'Also deleted: '}
                {list(plan.dependents)}.
              </p>
            ) : (
              <p>No objects are owned by it.</p>
            )}
            {plan.gaps.length > 0 && <p className="text-warn">Counts may be short: {plan.gaps.join(' ')}</p>}
          </section>
          {plan.holds.length > 0 && (
            <section aria-label="What will hold it" className="space-y-1">
              <h3 className="font-medium">What will hold it</h3>
              <ul className="list-disc pl-5">
                {plan.holds.map((h) => (
                  <li key={h.finalizer}>
                    Finalizer <span className="font-mono">{h.finalizer}</span>
                    {h.by ? `, set by ${h.by}` : ''}: {h.meaning}.
                  </li>
                ))}
              </ul>
            </section>
          )}
          <fieldset className="space-y-1">
            <legend className="font-medium">Propagation policy</legend>
            {POLICIES.map((p) => (
              <label key={p.value} className="flex items-start gap-2">
                <input
                  type="radio"
                  name="propagation"
                  value={p.value}
                  checked={policy === p.value}
                  onChange={() => setPolicy(p.value)}
                  className="mt-1"
                />
                <span>
                  <span className="font-medium">{p.label}</span> — {p.help}
                </span>
              </label>
            ))}
          </fieldset>
          <ReasonField value={reason} onChange={setReason} />
          <div className="flex justify-end gap-2">
            <Button onClick={onClose}>Cancel</Button>
            <Button variant="danger" disabled={busy || !plan.canDelete.allowed} onClick={confirm}>
              Delete {plan.kind}
            </Button>
          </div>
        </div>
      )}
      {done && (
        <div className="space-y-3 text-sm">
          <p role="status">{done}</p>
          <div className="flex justify-end gap-2">
            <Button onClick={stay}>Stay here</Button>
            <Button variant="primary" onClick={() => router.push(afterHref)}>
              Back to the list
            </Button>
          </div>
        </div>
      )}
    </Dialog>
  );
}
