import type { CSSProperties } from 'react';
import { Badge } from '@/components/ui/badge';
import { formatAge } from '@/lib/format';
import type { Column, Row } from '@/lib/k8s/kinds';

const widths: Record<Column['type'], [number, string]> = {
  text: [9, '1.2fr'],
  mono: [8, '1fr'],
  number: [7, '7rem'],
  ratio: [6, '6rem'],
  age: [5, '5.5rem'],
  status: [10, '1fr'],
  list: [10, '1.6fr'],
};

/** One grid template for the header and every row, so columns line up without a <table>. */
export function layoutOf(columns: Column[]): CSSProperties {
  let min = 0;
  const parts = columns.map((c) => {
    const wide = c.key === 'name' || c.key === 'message';
    const [rem, track] = widths[c.type];
    const m = wide ? 12 : rem;
    min += m;
    return track.endsWith('fr') ? `minmax(${m}rem, ${wide ? '2fr' : track})` : track;
  });
  return { gridTemplateColumns: parts.join(' '), minWidth: `${min}rem` };
}

function ratioTone(v: string): 'good' | 'warn' | 'bad' {
  const [a = 0, b = 0] = v.split('/').map(Number);
  if (b === 0 || a >= b) return 'good';
  return a === 0 ? 'bad' : 'warn';
}

export function LiveCell({ row, column, now }: { row: Row; column: Column; now: number }) {
  const base = 'truncate px-3 py-2';
  if (column.key === 'name')
    return (
      <td className={`${base} font-medium`} title={row.name}>
        {row.name}
      </td>
    );
  if (column.key === 'namespace') return <td className={`${base} text-zinc-500`}>{row.namespace}</td>;
  const v = row.cells[column.key];
  if (v === null || v === undefined || v === '' || (Array.isArray(v) && v.length === 0))
    return <td className={`${base} text-zinc-400`}>—</td>;
  switch (column.type) {
    case 'age':
      return (
        <td className={`${base} tabular-nums`} title={String(v)}>
          {formatAge(String(v), now)}
        </td>
      );
    case 'ratio':
      return (
        <td className="px-3 py-1.5">
          <Badge tone={ratioTone(String(v))}>{String(v)}</Badge>
        </td>
      );
    case 'status':
      return (
        <td className="truncate px-3 py-1.5" title={String(v)}>
          <Badge tone={row.tone ?? 'neutral'}>{String(v)}</Badge>
        </td>
      );
    case 'number':
      return <td className={`${base} tabular-nums`}>{String(v)}</td>;
    case 'list': {
      const items = Array.isArray(v) ? v : [String(v)];
      return (
        <td className={`${base} text-xs`} title={items.join('\n')}>
          {items.map((item, i) => (
            // Items are spans, not "a, b" text, so the cell's text is exactly the items.
            // biome-ignore lint/suspicious/noArrayIndexKey: items can repeat; order is the identity
            <span key={i} className="mr-2 rounded bg-zinc-100 px-1 py-0.5 font-mono dark:bg-zinc-800">
              {item}
            </span>
          ))}
        </td>
      );
    }
    case 'mono':
      return (
        <td className={`${base} font-mono text-xs leading-5`} title={String(v)}>
          {String(v)}
        </td>
      );
    default:
      return (
        <td className={base} title={String(v)}>
          {String(v)}
        </td>
      );
  }
}
