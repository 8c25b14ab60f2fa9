'use client';

import { useId, useState } from 'react';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Callout } from '@/components/ui/callout';
import { Dialog } from '@/components/ui/dialog';
import { Table, Td, Th } from '@/components/ui/table';
import { type ActionError, callJson } from '@/lib/client-actions';
import { DEFAULT_DRAIN_OPTIONS, type DrainOptions, drainPlan } from '@/lib/resources/nodes/drain-plan';
import type { DrainResult, EvictionResult } from '@/lib/resources/nodes/server/node-actions';
import type { NodeModel } from '@/lib/resources/nodes/server/node-view';

const FLAGS: { key: keyof DrainOptions; flag: string; label: string }[] = [
  { key: 'ignoreDaemonSets', flag: '--ignore-daemonsets', label: 'Leave DaemonSet pods in place' },
  {
    key: 'deleteEmptyDirData',
    flag: '--delete-emptydir-data',
    label: 'Evict pods with emptyDir data (it is lost)',
  },
  { key: 'force', flag: '--force', label: 'Evict pods that no controller will recreate' },
];

const OUTCOME_TONE = { evicted: 'good', gone: 'good', blocked: 'warn', failed: 'bad' } as const;

/**
 * The drain, planned before it runs as `kubectl drain` decides (the flags as checkboxes), then run;
 * the plan is the live view's, so pods leave it as the shared watch sees them go.
 */
export function DrainDialog({
  model,
  api,
  onClose,
  onDone,
}: {
  model: NodeModel;
  api: string;
  context: string;
  onClose: () => void;
  onDone: (message: string) => void;
}) {
  const [options, setOptions] = useState<DrainOptions>(DEFAULT_DRAIN_OPTIONS);
  const [timeout, setTimeoutSeconds] = useState('60');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ActionError | null>(null);
  const [result, setResult] = useState<DrainResult | null>(null);
  const timeoutId = useId();
  const plan = drainPlan(model.pods, model.budgets, options);
  const seconds = Number(timeout);
  const validTimeout = Number.isInteger(seconds) && seconds >= 1 && seconds <= 600;

  async function start() {
    setBusy(true);
    setError(null);
    const r = await callJson<DrainResult>(api, {
      method: 'POST',
      body: { options, timeoutSeconds: seconds },
    });
    setBusy(false);
    if (r.ok) {
      setResult(r.data);
      onDone(r.data.message);
    } else setError(r.error);
  }

  const outcomeOf = new Map<string, EvictionResult>(
    (result?.pods ?? []).map((p) => [`${p.namespace}/${p.name}`, p]),
  );

  return (
    <Dialog open title={`Drain node "${model.node.name}"`} onClose={onClose}>
      <p className="text-sm">
        The node is cordoned, then each pod below marked “evict” is evicted through the Eviction API, which
        honours PodDisruptionBudgets; a refused eviction is retried every 5 seconds until the timeout.
      </p>
      <fieldset className="space-y-1" disabled={busy || result !== null}>
        <legend className="text-sm font-medium">Options</legend>
        {FLAGS.map((f) => (
          <label key={f.key} className="flex items-center gap-2 text-sm">
            <input
              type="checkbox"
              checked={options[f.key]}
              onChange={(e) => setOptions({ ...options, [f.key]: e.target.checked })}
            />
            {f.label} <code className="text-xs text-muted">{f.flag}</code>
          </label>
        ))}
        <label htmlFor={timeoutId} className="mt-2 block text-sm">
          Timeout in seconds <code className="text-xs text-muted">--timeout</code>
        </label>
        <input
          id={timeoutId}
          inputMode="numeric"
          value={timeout}
          onChange={(e) => setTimeoutSeconds(e.target.value)}
          className="w-24 rounded border border-neutral-line bg-canvas px-2 py-1 text-sm"
        />
      </fieldset>
      {plan.errors.length > 0 && (
        <Callout tone="danger" title="kubectl drain would refuse">
          <ul className="list-disc pl-5">
            {plan.errors.map((e) => (
              <li key={e}>{e}</li>
            ))}
          </ul>
        </Callout>
      )}
      {plan.warnings.length > 0 && (
        <Callout tone="warning" title="Warnings">
          <ul className="list-disc pl-5">
            {plan.warnings.map((w) => (
              <li key={w}>{w}</li>
            ))}
          </ul>
        </Callout>
      )}
      <p className="text-sm" role="status">
        {plan.evict} to evict, {plan.pods.length - plan.evict} staying or refused, {plan.blocked} blocked by a
        disruption budget now.
      </p>
      <Table aria-label="Drain plan">
        <thead>
          <tr>
            <Th>Pod</Th>
            <Th>Plan</Th>
            <Th>Why</Th>
          </tr>
        </thead>
        <tbody>
          {plan.pods.map((p) => {
            const key = `${p.namespace}/${p.name}`;
            const outcome = outcomeOf.get(key);
            return (
              <tr key={key} data-key={key}>
                <Td className="font-mono text-xs break-all">{key}</Td>
                <Td>
                  {outcome ? (
                    <Badge tone={OUTCOME_TONE[outcome.outcome]}>{outcome.outcome}</Badge>
                  ) : p.action === 'evict' && p.blockedBy ? (
                    <Badge tone="warn">blocked</Badge>
                  ) : (
                    <Badge tone={p.action === 'evict' ? 'neutral' : p.action === 'skip' ? 'good' : 'bad'}>
                      {p.action === 'evict' ? 'evict' : p.action === 'skip' ? 'stays' : 'refused'}
                    </Badge>
                  )}
                </Td>
                <Td className="text-xs">
                  {outcome
                    ? outcome.message
                    : p.blockedBy
                      ? `${p.blockedBy.message} (budget ${p.blockedBy.budget})`
                      : (p.message ?? p.controller ?? '')}
                </Td>
              </tr>
            );
          })}
        </tbody>
      </Table>
      {error && (
        <Callout tone="danger" title="Drain stopped">
          <p>{error.message}</p>
        </Callout>
      )}
      {result && (
        <>
          <p role="status" className="text-sm font-medium">
            {result.message}
          </p>
          <Table aria-label="Evictions">
            <thead>
              <tr>
                <Th>Pod</Th>
                <Th>Outcome</Th>
                <Th>Budget</Th>
                <Th>Detail</Th>
              </tr>
            </thead>
            <tbody>
              {result.pods.map((p) => (
                <tr key={`${p.namespace}/${p.name}`} data-key={`${p.namespace}/${p.name}`}>
                  <Td className="font-mono text-xs break-all">
                    {p.namespace}/{p.name}
                  </Td>
                  <Td>
                    <Badge tone={OUTCOME_TONE[p.outcome]}>{p.outcome}</Badge>
                  </Td>
                  <Td className="font-mono text-xs">{p.budget ?? '—'}</Td>
                  <Td className="text-xs">{p.message}</Td>
                </tr>
              ))}
            </tbody>
          </Table>
        </>
      )}
      <div className="flex justify-end gap-2">
        <Button onClick={onClose}>{result ? 'Close' : 'Cancel'}</Button>
        {!result && (
          <Button variant="danger" disabled={busy || plan.errors.length > 0 || !validTimeout} onClick={start}>
            {busy ? 'Draining…' : `Cordon and evict ${plan.evict} pods`}
          </Button>
        )}
      </div>
    </Dialog>
  );
}
