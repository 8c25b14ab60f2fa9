import { Badge } from '@/components/ui/badge';
import { Table, Td, Th } from '@/components/ui/table';
import type { Change } from '@/lib/resources/manage/diff';

const SIGN = { added: '+', removed: '−', changed: '~' } as const;

/** The dry run's answer, field by field; values the API server set itself are marked. */
export function ChangeList({ changes, label }: { changes: Change[]; label: string }) {
  if (changes.length === 0) return <p className="text-sm text-muted">No field would change.</p>;
  return (
    <div className="max-h-[50vh] overflow-auto rounded border border-line">
      <Table aria-label={label}>
        <thead>
          <tr>
            <Th className="w-6">
              <span className="sr-only">Change</span>
            </Th>
            <Th>Field</Th>
            <Th>Live</Th>
            <Th>Would be stored</Th>
          </tr>
        </thead>
        <tbody className="font-mono text-xs">
          {changes.map((c) => (
            <tr key={`${c.op}:${c.path}`} data-op={c.op}>
              <Td aria-label={c.op} className={c.op === 'removed' ? 'text-bad' : 'text-good'}>
                {SIGN[c.op]}
              </Td>
              <Td className="break-all">
                {c.path}
                {c.byServer && (
                  <>
                    {' '}
                    <Badge
                      tone="warn"
                      title="You did not write this value: the API server set it (a default or an admission plugin)."
                    >
                      set by the API server
                    </Badge>
                  </>
                )}
              </Td>
              <Td className="break-all text-bad">{c.before ?? '—'}</Td>
              <Td className="break-all text-good">{c.after ?? '—'}</Td>
            </tr>
          ))}
        </tbody>
      </Table>
    </div>
  );
}
