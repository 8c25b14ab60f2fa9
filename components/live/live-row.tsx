'use client';

import { type CSSProperties, memo } from 'react';
import { LiveCell } from '@/components/live/live-cell';
import { scopePath } from '@/lib/paths';
import type { Column, Row } from '@/lib/resources/lists/kinds';

export const ROW_HEIGHT = 36;

/**
 * One row of a live list, placed at `start` (use-virtual-rows.ts). Memoized: typing a filter or a
 * window of new rows re-renders the list, but a row on screen renders again only when it, its place
 * or the clock changed (at 150,000 rows each keystroke used to re-render every visible cell).
 */
export const LiveRow = memo(function LiveRow({
  row: r,
  index,
  start,
  layout,
  columns,
  now,
  context,
  namespaceSegment,
  kind,
  measure,
}: {
  row: Row;
  index: number;
  start: number;
  layout: CSSProperties;
  columns: Column[];
  now: number;
  context: string;
  namespaceSegment: string;
  kind: string;
  measure: (el: HTMLElement | null) => (() => void) | undefined;
}) {
  return (
    <tr
      // Measured, not fixed: a wrapped diagnosis makes its row taller instead of cut off.
      ref={measure}
      aria-rowindex={index + 2}
      data-key={r.key}
      data-rv={r.rv}
      className="absolute left-0 grid w-full border-b border-line-subtle hover:bg-hover"
      style={{ ...layout, minHeight: ROW_HEIGHT, transform: `translateY(${start}px)` }}
    >
      {columns.map((c) =>
        c.below && (r.cells[c.key] ?? null) === null ? null : (
          <LiveCell
            key={c.key}
            row={r}
            column={c}
            now={now}
            href={
              c.key === 'name'
                ? scopePath(context, r.namespace || namespaceSegment, `${kind}/${encodeURIComponent(r.name)}`)
                : undefined
            }
          />
        ),
      )}
    </tr>
  );
});
