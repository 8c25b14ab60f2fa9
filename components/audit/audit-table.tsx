import { Badge } from '@/components/ui/badge';
import { Table, Td, Th } from '@/components/ui/table';
import type { AuditRow } from '@/lib/resources/audit/view';
import { plainInput, plainTranscript } from '@/lib/resources/exec/transcript';

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
              {r.container && (
                <span className="block text-xs text-muted">
                  container {r.container}
                  {r.command ? `: ${r.command}` : ''}
                </span>
              )}
              {r.verb === 'exec' && <TerminalSession r={r} />}
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
              {r.verb === 'exec' && r.message && (
                <span className="block text-xs text-muted">{r.message}</span>
              )}
            </Td>
            <Td className="text-xs text-muted">{r.sources.map((s) => sourceLabel[s]).join(', ')}</Td>
          </tr>
        ))}
      </tbody>
    </Table>
  );
}

/** A terminal session's times and transcript (only in the replica's file, so only for those who may read it). */
function TerminalSession({ r }: { r: AuditRow }) {
  const when = (t: string | undefined) => (t ? t.replace('T', ' ').replace(/\.\d+Z$/, 'Z') : undefined);
  return (
    <>
      <span className="block text-xs text-muted">
        {when(r.startTime) ?? when(r.time)} → {when(r.endTime) ?? 'still open'}
      </span>
      {r.transcript !== undefined && (
        <details className="mt-1">
          <summary className="cursor-pointer text-xs text-muted">
            Transcript{r.truncated ? ' (truncated at 256 KiB)' : ''}
          </summary>
          <section
            aria-label={`Transcript of the terminal in ${r.name ?? 'the pod'}`}
            className="max-h-96 max-w-xl overflow-auto"
            // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must be reachable by keyboard
            tabIndex={0}
          >
            <pre className="font-mono text-xs whitespace-pre-wrap">{plainTranscript(r.transcript)}</pre>
          </section>
          {r.input ? (
            <>
              <p className="mt-1 text-xs text-muted">Typed</p>
              <pre className="max-w-xl font-mono text-xs break-all whitespace-pre-wrap">
                {plainInput(r.input)}
              </pre>
            </>
          ) : null}
          {r.truncated && (
            <p className="text-xs text-muted">Truncated: the session printed more than 256 KiB.</p>
          )}
        </details>
      )}
    </>
  );
}
