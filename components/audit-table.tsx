import { Badge } from '@/components/ui/badge';
import { Table, Td, Th } from '@/components/ui/table';
import type { AuditRow } from '@/lib/k8s/audit-view';

const sourceLabel = { file: 'this replica’s file', event: 'Kubernetes Event' } as const;

export function AuditTable({ rows, showNamespace }: { rows: AuditRow[]; showNamespace: boolean }) {
  if (rows.length === 0) return <p className="text-sm text-muted">No audit records here yet.</p>;
  return (
    <Table aria-label="Audit records">
      <thead>
        <tr>
          <Th>Time</Th>
          <Th>User</Th>
          <Th>Action</Th>
          <Th>Object</Th>
          <Th>Revision</Th>
          <Th>Reason</Th>
          <Th>Result</Th>
          <Th>Recorded in</Th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.key}>
            <Td className="whitespace-nowrap tabular-nums" title={r.time}>
              {r.time.replace('T', ' ').replace(/\.\d+Z$/, 'Z')}
            </Td>
            <Td className="break-words">{r.user}</Td>
            <Td>{r.verb}</Td>
            <Td className="break-words">
              {r.resource} {showNamespace && r.namespace ? `${r.namespace}/` : ''}
              <span className="font-medium">{r.name}</span>
              {r.diff && (
                <details className="mt-1">
                  <summary className="cursor-pointer text-xs text-muted">Changes</summary>
                  <pre className="max-w-md overflow-x-auto font-mono text-xs whitespace-pre-wrap">
                    {r.diff}
                  </pre>
                </details>
              )}
            </Td>
            <Td className="tabular-nums">
              {r.fromRevision || r.toRevision ? `${r.fromRevision ?? '?'} → ${r.toRevision ?? '?'}` : '—'}
            </Td>
            <Td className="max-w-xs break-words">{r.reason ?? '—'}</Td>
            <Td>
              <Badge tone={r.result === 'success' ? 'good' : 'bad'} title={r.message}>
                {r.result === 'success' ? 'succeeded' : 'failed'}
              </Badge>
            </Td>
            <Td className="text-xs text-muted">{r.sources.map((s) => sourceLabel[s]).join(', ')}</Td>
          </tr>
        ))}
      </tbody>
    </Table>
  );
}
