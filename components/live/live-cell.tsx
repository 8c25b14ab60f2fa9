import Link from 'next/link';
import type { CSSProperties } from 'react';
import { Badge } from '@/components/ui/badge';
import { formatAge } from '@/lib/format';
import type { Column, Row } from '@/lib/resources/lists/kinds';
import { restartsText } from '@/lib/resources/pods/status';

const widths: Record<Column['type'], [number, string]> = {
  text: [9, '1.2fr'],
  mono: [8, '1fr'],
  number: [6, '6rem'],
  ratio: [6, '6rem'],
  age: [5, '5.5rem'],
  status: [10, '1fr'],
  list: [10, '1.6fr'],
  restarts: [8, '8rem'],
  prose: [14, '2fr'],
};

/** One grid template for the header and every row, so columns line up without a <table>. */
export function layoutOf(columns: Column[]): CSSProperties {
  let min = 0;
  const parts = columns
    .filter((c) => !c.below)
    .map((c) => {
      if (c.track) {
        min += c.track.minRem;
        return c.track.css;
      }
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

export function LiveCell({
  row,
  column,
  now,
  as: Tag = 'td',
  href,
}: {
  row: Row;
  column: Column;
  now: number;
  /** `div` outside a table (the detail page's summary). */
  as?: 'td' | 'div';
  /** For the name cell: the object's detail page. */
  href?: string;
}) {
  const base = 'truncate px-3 py-2';
  if (column.key === 'name')
    return (
      <Tag className={`${base} font-medium`} title={row.name}>
        {href ? (
          <Link href={href} prefetch={false}>
            {row.name}
          </Link>
        ) : (
          row.name
        )}
      </Tag>
    );
  if (column.key === 'namespace') return <Tag className={`${base} text-muted`}>{row.namespace}</Tag>;
  const v = row.cells[column.key];
  if (v === null || v === undefined || v === '' || (Array.isArray(v) && v.length === 0))
    return <Tag className={`${base} text-muted`}>—</Tag>;
  switch (column.type) {
    case 'age':
      return (
        <Tag className={`${base} tabular-nums`} title={String(v)}>
          {formatAge(String(v), now)}
        </Tag>
      );
    case 'ratio':
      return (
        <Tag className="px-3 py-1.5">
          {/* A completed pod is 0/1 ready by design: no alarm colour for it. */}
          <Badge tone={row.tone === 'neutral' ? 'neutral' : ratioTone(String(v))}>{String(v)}</Badge>
        </Tag>
      );
    case 'status':
      return (
        <Tag className="truncate px-3 py-1.5" title={String(v)}>
          <Badge tone={row.tone ?? 'neutral'}>{String(v)}</Badge>
        </Tag>
      );
    case 'number':
      return <Tag className={`${base} tabular-nums`}>{String(v)}</Tag>;
    case 'restarts': {
      const at = typeof row.cells.lastRestartAt === 'string' ? row.cells.lastRestartAt : null;
      // The page's clock ticks every few seconds: a restart newer than it happened "0s ago".
      const clock = at ? Math.max(now, Date.parse(at) || now) : now;
      return (
        <Tag className={`${base} tabular-nums`} title={at ? `last restart ${at}` : undefined}>
          {restartsText(Number(v), at, clock)}
        </Tag>
      );
    }
    case 'prose':
      // Under the row (`below`): across its whole width, a line of its own.
      return column.below ? (
        <Tag
          className="px-3 pb-2 text-sm leading-5 break-words whitespace-normal text-muted"
          style={{ gridColumn: '1 / -1' }}
        >
          {String(v)}
        </Tag>
      ) : (
        <Tag className="px-3 py-2 text-sm leading-5 break-words whitespace-normal">{String(v)}</Tag>
      );
    case 'list': {
      const items = Array.isArray(v) ? v : [String(v)];
      return (
        <Tag className={`${base} text-xs`} title={items.join('\n')}>
          {items.map((item, i) => (
            // Items are spans, not "a, b" text, so the cell's text is exactly the items.
            // biome-ignore lint/suspicious/noArrayIndexKey: items can repeat; order is the identity
            <span key={i} className="mr-2 rounded bg-sunken px-1 py-0.5 font-mono">
              {item}
            </span>
          ))}
        </Tag>
      );
    }
    case 'mono':
      return (
        <Tag className={`${base} font-mono text-xs leading-5`} title={String(v)}>
          {String(v)}
        </Tag>
      );
    default:
      return (
        <Tag className={base} title={String(v)}>
          {String(v)}
        </Tag>
      );
  }
}
