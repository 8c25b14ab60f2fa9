'use client';

import Link from 'next/link';
import { HealthBadge } from '@/components/pods/health-badge';
import { Table, Td, Th } from '@/components/ui/table';
import { formatAge } from '@/lib/format';
import { podPath } from '@/lib/links';
import { restartsText } from '@/lib/resources/pods/status';
import type { PodRow } from '@/lib/resources/pods/views';

export function PodRowsTable({
  rows,
  now,
  showNamespace,
  context,
  label,
}: {
  rows: PodRow[];
  now: number;
  showNamespace: boolean;
  context: string;
  label: string;
}) {
  if (rows.length === 0) return <p className="text-sm text-muted">No pods here.</p>;
  return (
    <Table aria-label={label}>
      <thead>
        <tr>
          {showNamespace && <Th>Namespace</Th>}
          <Th>Name</Th>
          <Th>Ready</Th>
          <Th>Status</Th>
          <Th>Restarts</Th>
          <Th>Health</Th>
          <Th>Diagnosis</Th>
          <Th>Node</Th>
          <Th>Age</Th>
        </tr>
      </thead>
      <tbody>
        {rows.map((p) => (
          <tr key={p.uid} data-key={`${p.namespace}/${p.name}`}>
            {showNamespace && <Td className="text-muted">{p.namespace}</Td>}
            <Td className="font-medium">
              <Link href={podPath(context, p.namespace, p.name)}>{p.name}</Link>
            </Td>
            <Td className="tabular-nums">{p.ready}</Td>
            <Td className="whitespace-nowrap">{p.status}</Td>
            <Td className="whitespace-nowrap tabular-nums">
              {restartsText(p.restarts, p.lastRestartAt, now)}
            </Td>
            <Td>
              <HealthBadge health={p.health} />
            </Td>
            <Td className="max-w-xl text-fg">{p.health.summary}</Td>
            <Td className="whitespace-nowrap text-muted">{p.node ?? '—'}</Td>
            <Td className="tabular-nums" title={p.createdAt ?? undefined}>
              {formatAge(p.createdAt, now)}
            </Td>
          </tr>
        ))}
      </tbody>
    </Table>
  );
}
