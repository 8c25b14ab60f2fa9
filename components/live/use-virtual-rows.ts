'use client';

import { type RefObject, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { rowLayout } from './row-layout';

export interface VirtualRow {
  index: number;
  start: number;
}

/** Before the scroll box is laid out (the server render): the first screen of rows. */
const FIRST_VIEW = { top: 0, height: 900 };
/** Measured heights kept for rows no longer in the window, before they are dropped. */
const MAX_MEASURED = 2000;

/**
 * The rows of a list of `count` to render in `scrollRef`'s box: those in view and `overscan` more on
 * each side, placed by row-layout.ts. `keys` are the window's rows from `offset` (the ones the
 * browser has); pass `measure` as the ref of each rendered row (with its `data-key`) so a taller one
 * pushes the rows below it down. Work per render is the window's size, never the list's.
 */
export function useVirtualRows({
  count,
  rowHeight,
  overscan,
  scrollRef,
  offset,
  keys,
}: {
  count: number;
  rowHeight: number;
  overscan: number;
  scrollRef: RefObject<HTMLElement | null>;
  offset: number;
  keys: string[];
}): { rows: VirtualRow[]; size: number; measure: (el: HTMLElement | null) => (() => void) | undefined } {
  const measured = useRef(new Map<string, number>());
  const current = useRef(keys);
  current.current = keys;
  const [version, setVersion] = useState(0);
  // biome-ignore lint/correctness/useExhaustiveDependencies: `version` says the measurements changed
  const layout = useMemo(
    () =>
      rowLayout(
        count,
        rowHeight,
        offset,
        keys.map((k) => measured.current.get(k) ?? 0),
      ),
    [count, rowHeight, offset, keys, version],
  );
  const [view, setView] = useState(FIRST_VIEW);
  useEffect(() => {
    const el = scrollRef.current;
    if (!el) return;
    const read = () =>
      setView((v) =>
        v.top === el.scrollTop && v.height === el.clientHeight
          ? v
          : { top: el.scrollTop, height: el.clientHeight },
      );
    read();
    el.addEventListener('scroll', read, { passive: true });
    const ro = new ResizeObserver(read);
    ro.observe(el);
    return () => {
      el.removeEventListener('scroll', read);
      ro.disconnect();
    };
  }, [scrollRef]);

  const observer = useRef<ResizeObserver | undefined>(undefined);
  useEffect(() => () => observer.current?.disconnect(), []);
  const measure = useCallback(
    (el: HTMLElement | null) => {
      if (!el || typeof ResizeObserver === 'undefined') return undefined;
      observer.current ??= new ResizeObserver((entries) => {
        let changed = false;
        for (const e of entries) {
          const key = (e.target as HTMLElement).dataset.key;
          if (!key) continue;
          const h = e.borderBoxSize?.[0]?.blockSize ?? e.target.getBoundingClientRect().height;
          const extra = Math.max(0, Math.round(h) - rowHeight);
          if ((measured.current.get(key) ?? 0) === extra) continue;
          if (extra === 0) measured.current.delete(key);
          else measured.current.set(key, extra);
          changed = true;
        }
        if (measured.current.size > MAX_MEASURED) {
          const keep = new Set(current.current);
          for (const k of measured.current.keys()) if (!keep.has(k)) measured.current.delete(k);
        }
        if (changed) setVersion((n) => n + 1);
      });
      const ro = observer.current;
      ro.observe(el);
      return () => ro.unobserve(el);
    },
    [rowHeight],
  );

  const { first, last } = layout.range(view.top, view.top + view.height, overscan);
  const rows: VirtualRow[] = [];
  for (let i = first; i <= last; i++) rows.push({ index: i, start: layout.start(i) });
  return { rows, size: layout.size, measure };
}
