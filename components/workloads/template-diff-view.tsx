import type { TemplateDiff } from '@/lib/resources/workloads/template-diff';

const marks = {
  added: { sign: '+', label: 'added', cls: 'text-good' },
  removed: { sign: '−', label: 'removed', cls: 'text-bad' },
  changed: { sign: '~', label: 'changed', cls: 'text-warn' },
} as const;

/** The per-field diff of two pod templates as a list of sections; a table per section for screen readers. */
export function TemplateDiffView({ diff, label }: { diff: TemplateDiff; label: string }) {
  if (diff.equal) {
    return <p className="text-sm text-muted">No differences in the pod template.</p>;
  }
  return (
    <section aria-label={label} className="space-y-3">
      {diff.sections.map((s) => (
        <div key={s.title}>
          <h4 className="mb-1 text-sm font-semibold">{s.title}</h4>
          <table className="w-full table-fixed border-collapse text-left text-xs">
            <caption className="sr-only">{`${s.title}: changes`}</caption>
            <colgroup>
              <col className="w-6" />
              <col className="w-1/4" />
              <col />
              <col className="w-6" />
              <col />
            </colgroup>
            <thead className="sr-only">
              <tr>
                <th scope="col">Change</th>
                <th scope="col">Field</th>
                <th scope="col">Before</th>
                <td />
                <th scope="col">After</th>
              </tr>
            </thead>
            <tbody>
              {s.changes.map((c) => {
                const m = marks[c.kind];
                return (
                  <tr key={`${c.kind}:${c.field}`} className="border-t border-line-subtle">
                    <td className={`w-6 py-1 font-mono ${m.cls}`} title={m.label}>
                      <span aria-hidden="true">{m.sign}</span>
                      <span className="sr-only">{m.label}</span>
                    </td>
                    <td className="py-1 pr-3 font-mono [overflow-wrap:anywhere]">{c.field}</td>
                    <td className="py-1 pr-2 font-mono [overflow-wrap:anywhere] text-bad">
                      {c.before !== undefined && <del>{c.before}</del>}
                    </td>
                    <td aria-hidden="true" className="py-1 text-muted">
                      {c.kind === 'changed' ? '→' : ''}
                    </td>
                    <td className="py-1 font-mono [overflow-wrap:anywhere] text-good">
                      {c.after !== undefined && <ins className="no-underline">{c.after}</ins>}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      ))}
    </section>
  );
}
