import { LiveCell } from '@/components/live/live-cell';
import type { KindDef, Row } from '@/lib/resources/lists/kinds';

/** The same columns as the list, as a definition list, plus labels. */
export function ObjectSummary({ kind, row, now }: { kind: KindDef; row: Row; now: number }) {
  const labels = Object.entries(row.labels);
  return (
    <dl className="grid grid-cols-[max-content_1fr] gap-x-6 gap-y-1 text-sm">
      {row.namespace && (
        <>
          <dt className="py-2 text-muted">Namespace</dt>
          <dd className="px-3 py-2">{row.namespace}</dd>
        </>
      )}
      {kind.columns.map((c) => (
        <div key={c.key} className="contents">
          <dt className="py-2 text-muted">{c.label}</dt>
          <dd className="min-w-0">
            <LiveCell row={row} column={c} now={now} as="div" />
          </dd>
        </div>
      ))}
      <dt className="py-2 text-muted">Labels</dt>
      <dd className="flex flex-wrap gap-1 px-3 py-2">
        {labels.length === 0
          ? '—'
          : labels.map(([k, v]) => (
              <span key={k} className="rounded bg-sunken px-1 font-mono text-xs">
                {k}={v}
              </span>
            ))}
      </dd>
    </dl>
  );
}
