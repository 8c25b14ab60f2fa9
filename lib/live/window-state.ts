import type { Column, Row } from '../resources/lists/rows/types';
import type { StreamItem } from './protocol';

export type WindowItem = Extract<StreamItem, { t: 'window' }>;

/** A window of a list as a client of the stream holds it (the browser's tab, the tests' mirror). */
export interface WindowState {
  offset: number;
  keys: string[];
  rows: Map<string, Row>;
  total: number;
  size: number;
  columns?: Column[];
  listing?: boolean;
  counting?: boolean;
}

/**
 * The window after one of its items: a new order replaces the keys (rows not in it go), the rows
 * sent replace theirs, and what the item leaves out (offset, counts, columns) did not move.
 * Undefined when the item only changes rows and there is no window yet to change.
 */
export function nextWindow(cur: WindowState | undefined, item: WindowItem): WindowState | undefined {
  if (item.keys === undefined && !cur) return undefined;
  const keys = item.keys ?? cur?.keys ?? [];
  const fresh = new Map(item.rows.map((r) => [r.key, r]));
  const rows = new Map<string, Row>();
  for (const k of keys) {
    const r = fresh.get(k) ?? cur?.rows.get(k);
    if (r) rows.set(k, r);
  }
  const columns = item.columns ?? cur?.columns;
  return {
    offset: item.offset ?? cur?.offset ?? 0,
    keys,
    rows,
    total: item.total ?? cur?.total ?? 0,
    size: item.size ?? cur?.size ?? 0,
    ...(columns ? { columns } : {}),
    ...(item.listing ? { listing: true } : {}),
    ...(item.counting ? { counting: true } : {}),
  };
}
