'use client';

import Link from 'next/link';
import { useState } from 'react';
import { LiveError } from '@/components/live/live-error';
import { useLive } from '@/components/live/use-live';
import { Meter } from '@/components/nodes/nodes-table';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Callout } from '@/components/ui/callout';
import { Dialog } from '@/components/ui/dialog';
import { type ActionError, callJson } from '@/lib/client-actions';
import type { AccessAnswer } from '@/lib/kube/access';
import { nodeApiPath, podPath } from '@/lib/links';
import type { ViewSpec } from '@/lib/live/protocol';
import { formatBytes, formatCpu } from '@/lib/resources/nodes/quantities';
import type { NodeModel } from '@/lib/resources/nodes/server/node-view';
import { DrainDialog } from './drain-dialog';

/** A node, live from the server's cache: status, requests, the pods on it, cordon/uncordon and drain. */
export function NodeDetail({
  spec,
  initial,
  access,
}: {
  spec: ViewSpec;
  initial: NodeModel;
  access: { patch: AccessAnswer; evict: AccessAnswer };
}) {
  const live = useLive<NodeModel>(spec, initial);
  const { node, pods, notes } = live.data;
  const [confirm, setConfirm] = useState<'cordon' | 'uncordon' | null>(null);
  const [draining, setDraining] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ActionError | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const api = (action: string) => nodeApiPath(spec.context, spec.namespace, node.name, action);
  const drainAllowed = access.patch.allowed && access.evict.allowed;

  async function run(action: 'cordon' | 'uncordon') {
    setBusy(true);
    setError(null);
    const r = await callJson<{ message: string }>(api(action), { method: 'POST', body: {} });
    setBusy(false);
    if (r.ok) {
      setConfirm(null);
      setDone(r.data.message);
    } else setError(r.error);
  }

  return (
    <div className="space-y-4">
      <LiveError error={live.error} />
      <div className="flex flex-wrap items-center gap-2">
        <Badge tone={node.ready === 'True' ? 'good' : 'bad'}>
          {node.ready === 'True' ? 'Ready' : `NotReady (${node.ready})`}
        </Badge>
        {node.unschedulable && <Badge tone="warn">cordoned (SchedulingDisabled)</Badge>}
        {node.problems
          .filter((p) => !p.startsWith('Ready='))
          .map((p) => (
            <Badge key={p} tone="warn">
              {p}
            </Badge>
          ))}
        <span className="text-sm text-muted">kubelet {node.kubelet}</span>
      </div>
      <section aria-label="Node actions" className="flex flex-wrap gap-2">
        {node.unschedulable ? (
          <Button
            disabled={!access.patch.allowed}
            title={access.patch.reason}
            onClick={() => setConfirm('uncordon')}
          >
            Uncordon
          </Button>
        ) : (
          <Button
            disabled={!access.patch.allowed}
            title={access.patch.reason}
            onClick={() => setConfirm('cordon')}
          >
            Cordon
          </Button>
        )}
        <Button
          variant="danger"
          disabled={!drainAllowed}
          title={access.patch.reason ?? access.evict.reason}
          onClick={() => setDraining(true)}
        >
          Drain…
        </Button>
      </section>
      {!drainAllowed && <p className="text-sm text-muted">{access.patch.reason ?? access.evict.reason}</p>}
      {done && (
        <p role="status" className="text-sm">
          {done}
        </p>
      )}
      <Dialog
        open={confirm !== null}
        title={`${confirm === 'cordon' ? 'Cordon' : 'Uncordon'} node "${node.name}"`}
        onClose={() => setConfirm(null)}
      >
        <p>
          {confirm === 'cordon'
            ? 'New pods will not be scheduled here (kubectl cordon). Pods already running stay.'
            : 'The scheduler may place new pods here again (kubectl uncordon).'}
        </p>
        {error && (
          <Callout tone="danger" title="Not done">
            <p>{error.message}</p>
          </Callout>
        )}
        <div className="flex justify-end gap-2">
          <Button onClick={() => setConfirm(null)}>Cancel</Button>
          <Button variant="primary" disabled={busy} onClick={() => confirm && run(confirm)}>
            {confirm === 'cordon' ? 'Cordon' : 'Uncordon'}
          </Button>
        </div>
      </Dialog>
      {draining && (
        <DrainDialog
          model={live.data}
          api={api('drain')}
          onClose={() => setDraining(false)}
          onDone={(m) => setDone(m)}
          context={spec.context}
        />
      )}
      <div className="grid gap-4 sm:grid-cols-3">
        <div>
          <h2 className="text-sm font-medium">CPU requested</h2>
          {node.requested ? (
            <Meter
              label="CPU requested"
              used={node.requested.cpu}
              total={node.allocatable.cpu}
              fmt={formatCpu}
            />
          ) : (
            '—'
          )}
        </div>
        <div>
          <h2 className="text-sm font-medium">Memory requested</h2>
          {node.requested ? (
            <Meter
              label="Memory requested"
              used={node.requested.memory}
              total={node.allocatable.memory}
              fmt={formatBytes}
            />
          ) : (
            '—'
          )}
        </div>
        <div>
          <h2 className="text-sm font-medium">Pods</h2>
          <p className="tabular-nums">
            {node.pods ?? '—'} / {node.allocatable.pods}
          </p>
        </div>
      </div>
      {notes.map((n) => (
        <p key={n} className="text-sm text-muted">
          {n}
        </p>
      ))}
      <section aria-labelledby="node-pods" className="space-y-2">
        <h2 id="node-pods" className="text-lg font-semibold">
          Pods on this node ({pods.length})
        </h2>
        <ul className="grid gap-1 text-sm sm:grid-cols-2">
          {pods.map((p) => (
            <li key={`${p.namespace}/${p.name}`} data-key={`${p.namespace}/${p.name}`}>
              <Link href={podPath(spec.context, p.namespace, p.name)} className="font-mono">
                {p.namespace}/{p.name}
              </Link>{' '}
              <span className="text-muted">
                {p.status} {p.ready}
                {p.controller ? ` · ${p.controller}` : ''}
              </span>
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}
