'use client';

import Link from 'next/link';
import { LiveError } from '@/components/live/live-error';
import { useLive } from '@/components/live/use-live';
import { Badge } from '@/components/ui/badge';
import { Table, Td, Th } from '@/components/ui/table';
import { nodePath } from '@/lib/links';
import type { ViewSpec } from '@/lib/live/protocol';
import { formatBytes, formatCpu, percent } from '@/lib/resources/nodes/quantities';
import type { NodeList, NodeRow } from '@/lib/resources/nodes/server/nodes';

export function Meter({
  label,
  used,
  total,
  fmt,
}: {
  label: string;
  used: number;
  total: number;
  fmt: (n: number) => string;
}) {
  const pct = percent(used, total);
  const tone =
    pct === null
      ? 'bg-neutral-solid'
      : pct >= 90
        ? 'bg-bad-solid'
        : pct >= 70
          ? 'bg-warn-solid'
          : 'bg-good-solid';
  return (
    <div className="min-w-36">
      <div className="tabular-nums">
        {fmt(used)} / {fmt(total)} {pct !== null && <span className="text-muted">({pct}%)</span>}
      </div>
      <div aria-hidden="true" title={label} className="mt-1 h-1.5 w-full rounded bg-line">
        <div className={`h-1.5 rounded ${tone}`} style={{ width: `${Math.min(100, pct ?? 0)}%` }} />
      </div>
    </div>
  );
}

function Status({ n }: { n: NodeRow }) {
  return (
    <div className="flex flex-wrap gap-1">
      <Badge tone={n.ready === 'True' ? 'good' : 'bad'}>
        {n.ready === 'True' ? 'Ready' : `NotReady (${n.ready})`}
      </Badge>
      {n.unschedulable && <Badge tone="warn">cordoned</Badge>}
      {n.problems
        .filter((p) => !p.startsWith('Ready='))
        .map((p) => (
          <Badge key={p} tone="warn">
            {p}
          </Badge>
        ))}
    </div>
  );
}

/**
 * Live nodes from the server's cache, with usage from its shared Metrics API poll when the cluster
 * serves it.
 */
export function NodesTable({ spec, initial }: { spec: ViewSpec; initial: NodeList }) {
  const { data, error } = useLive<NodeList>(spec, initial);
  if (data.items.length === 0) return <p className="text-sm text-muted">No nodes.</p>;
  return (
    <div className="space-y-2">
      <LiveError error={error} />
      {data.notes.map((n) => (
        <p key={n} className="text-sm text-muted">
          {n}
        </p>
      ))}
      <Table aria-label="Nodes">
        <thead>
          <tr>
            <Th>Name</Th>
            <Th>Status</Th>
            <Th>CPU requested</Th>
            <Th>Memory requested</Th>
            <Th>Pods</Th>
            {data.metrics && <Th>CPU used</Th>}
            {data.metrics && <Th>Memory used</Th>}
            <Th>Taints</Th>
          </tr>
        </thead>
        <tbody>
          {data.items.map((n) => (
            <tr key={n.name} data-key={n.name}>
              <Td className="font-medium">
                <Link href={nodePath(spec.context, spec.namespace, n.name)}>{n.name}</Link>
                <details className="mt-1 text-xs font-normal">
                  <summary className="cursor-pointer text-muted">Conditions</summary>
                  <ul>
                    {n.conditions.map((c) => (
                      <li key={c.type}>
                        {c.type}={c.status}
                        {c.reason ? ` (${c.reason})` : ''}
                        {c.message ? `: ${c.message}` : ''}
                      </li>
                    ))}
                  </ul>
                  <p className="text-muted">kubelet {n.kubelet}</p>
                </details>
              </Td>
              <Td>
                <Status n={n} />
              </Td>
              <Td>
                {n.requested ? (
                  <Meter
                    label={`CPU requested on ${n.name}`}
                    used={n.requested.cpu}
                    total={n.allocatable.cpu}
                    fmt={formatCpu}
                  />
                ) : (
                  '—'
                )}
              </Td>
              <Td>
                {n.requested ? (
                  <Meter
                    label={`Memory requested on ${n.name}`}
                    used={n.requested.memory}
                    total={n.allocatable.memory}
                    fmt={formatBytes}
                  />
                ) : (
                  '—'
                )}
              </Td>
              <Td className="tabular-nums">
                {n.pods ?? '—'} / {n.allocatable.pods}
              </Td>
              {data.metrics && (
                <Td>
                  {n.usage ? (
                    <Meter
                      label={`CPU used on ${n.name}`}
                      used={n.usage.cpu}
                      total={n.allocatable.cpu}
                      fmt={formatCpu}
                    />
                  ) : (
                    '—'
                  )}
                </Td>
              )}
              {data.metrics && (
                <Td>
                  {n.usage ? (
                    <Meter
                      label={`Memory used on ${n.name}`}
                      used={n.usage.memory}
                      total={n.allocatable.memory}
                      fmt={formatBytes}
                    />
                  ) : (
                    '—'
                  )}
                </Td>
              )}
              <Td className="font-mono text-xs break-all">{n.taints.join(', ') || '—'}</Td>
            </tr>
          ))}
        </tbody>
      </Table>
      {!data.metrics && (
        <p className="text-xs text-muted">
          Live CPU and memory use appear when the cluster serves metrics.k8s.io (metrics-server).
        </p>
      )}
    </div>
  );
}
