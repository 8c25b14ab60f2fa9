import type { Row } from '../resources/lists/rows/types';

/**
 * The pure half of the watch cache: how LIST results and WATCH events change the cached rows, how a
 * subscriber's unsent changes are coalesced, and how long to wait before reconnecting. Resource
 * versions are opaque: they are stored and compared for equality, never ordered.
 */

export type ChangeType = 'ADDED' | 'MODIFIED' | 'DELETED';

export interface Change {
  type: ChangeType;
  key: string;
  /** Absent for DELETED: the browser only needs the key. */
  row?: Row;
}

/**
 * A change as the server's watch cache hands it on: with the row it replaces, so that each list
 * order finds the entry to move by a binary search instead of holding a map of its own. Never sent:
 * `coalesce` keeps the wire fields alone.
 */
export interface CacheChange extends Change {
  /** The row before (MODIFIED, DELETED). */
  prev?: Row;
}

export interface ListState {
  rows: Map<string, Row>;
  /** The resourceVersion to watch from: the list's, then each event's or bookmark's. */
  rv: string;
}

export function fromList(rows: Row[], rv: string): ListState {
  return { rows: new Map(rows.map((r) => [r.key, r])), rv };
}

/**
 * Applies one watch event and returns what subscribers must be told, or null when nothing they can
 * see changed (a replayed ADDED, a DELETED for an unknown key).
 */
export function applyEvent(state: ListState, type: ChangeType, row: Row): CacheChange | null {
  if (row.rv) state.rv = row.rv;
  const prev = state.rows.get(row.key);
  if (type === 'DELETED') {
    if (!prev) return null;
    state.rows.delete(row.key);
    return { type: 'DELETED', key: row.key, prev };
  }
  state.rows.set(row.key, row);
  if (!prev) return { type: 'ADDED', key: row.key, row };
  if (prev.rv === row.rv && prev.uid === row.uid) return null;
  return { type: 'MODIFIED', key: row.key, row, prev };
}

export function applyBookmark(state: ListState, rv: string | undefined): void {
  if (rv) state.rv = rv;
}

/**
 * Folds a change into a subscriber's unsent changes so that a burst costs at most one entry per
 * object: the browser ends in the same state as if it had seen every event.
 */
export function coalesce(pending: Map<string, Change>, change: CacheChange): void {
  const c: Change = change.row
    ? { type: change.type, key: change.key, row: change.row }
    : { type: change.type, key: change.key };
  const prev = pending.get(c.key);
  if (!prev) {
    pending.set(c.key, c);
    return;
  }
  if (prev.type === 'ADDED') {
    if (c.type === 'DELETED') pending.delete(c.key);
    else pending.set(c.key, { ...c, type: 'ADDED' });
    return;
  }
  if (prev.type === 'DELETED' && c.type !== 'DELETED') {
    // The browser still has the old row under this key: replace it.
    pending.set(c.key, { ...c, type: 'MODIFIED' });
    return;
  }
  pending.set(c.key, c);
}

/** Applies changes to a browser-side copy of a list; returns a new Map so React sees a new value. */
export function applyChanges(rows: Map<string, Row>, changes: Change[]): Map<string, Row> {
  const next = new Map(rows);
  for (const c of changes) {
    if (c.type === 'DELETED') next.delete(c.key);
    else if (c.row) next.set(c.key, c.row);
  }
  return next;
}

/** Exponential backoff with jitter in [½, 1] of the step, so reconnecting tabs do not stampede. */
export function backoffMs(attempt: number, random: number, baseMs = 500, capMs = 8000): number {
  const step = Math.min(capMs, baseMs * 2 ** Math.min(attempt, 16));
  return Math.round(step * (0.5 + random / 2));
}

/** HTTP status from a client-node ApiException (`code`), a Watch error (`statusCode`) or a Status. */
export function httpStatus(e: unknown): number | undefined {
  if (typeof e !== 'object' || e === null) return undefined;
  for (const field of ['code', 'statusCode'] as const) {
    const v = (e as Record<string, unknown>)[field];
    if (typeof v === 'number') return v;
  }
  return undefined;
}

/** 410 Gone: the resourceVersion (or a LIST continue token) is older than etcd keeps. List again. */
export function isGone(e: unknown): boolean {
  return httpStatus(e) === 410;
}

/** client-node's Watch ends a silent stream after 30 s with a TimeoutError: a normal end, re-watch. */
export function isIdleTimeout(e: unknown): boolean {
  return typeof e === 'object' && e !== null && (e as { name?: unknown }).name === 'TimeoutError';
}
