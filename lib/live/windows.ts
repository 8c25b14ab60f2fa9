import 'server-only';
import type { Principal } from '../kube/client';
import { OrderedRows } from '../resources/lists/ordered-rows';
import type { ListQuery } from '../resources/lists/query';
import type { Column, Row } from '../resources/lists/rows/types';
import { cacheKind } from './cache-kinds';
import { firstMessage } from './first-message';
import type { CacheChange } from './reducer';
import { type CacheMessage, credentialsKey, type ErrorInfo, subscribe } from './watch-cache';

/**
 * List windows: a tab is sent the rows of a window of a list (a query's order, from an offset), not
 * the whole list. Each distinct query over one cached list keeps one order (OrderedRows), shared by
 * every tab and server render asking for it, updated change by change from the cache. It lingers a
 * little after its last reader, so the page's server render and its tab's stream share one sort.
 */

export type WindowMessage =
  /**
   * `listing`: the order is of the rows so far of a list still arriving (see watch-cache's `listing`).
   * `counting`: the order holds the first of its rows (a prefix), the rest are being found.
   */
  | { type: 'changed'; order: OrderedRows; columns?: Column[]; listing?: true; counting?: true }
  | { type: 'error'; error: ErrorInfo }
  | { type: 'status'; state: 'live' | 'reconnecting'; since?: number };

export interface WindowHandle {
  /** The order, once the list is known (undefined while it loads or is refused). */
  rows(): OrderedRows | undefined;
  /** Kubectl's columns for kinds listed as the API server's Table. */
  columns(): Column[] | undefined;
  /** The order is of a list still arriving. */
  listing(): boolean;
  /** The order holds its first rows; its total is a lower bound until the rest are found. */
  counting(): boolean;
  close(): void;
}

interface Index {
  key: string;
  /** The cached list it orders: (credentials, kind, namespace). */
  list: string;
  /**
   * Within its subscribe call, where the cache hands it the current rows: every other order of the
   * list is then at rest, in step with those rows (during a broadcast, some have not had it yet).
   */
  subscribing: boolean;
  order: OrderedRows | undefined;
  columns: Column[] | undefined;
  listing: boolean;
  /** Filtering in parts (see countRest): the list's changes wait in `queued` meanwhile. */
  counting: boolean;
  queued: CacheChange[];
  error: ErrorInfo | undefined;
  reconnectingSince: number | undefined;
  listeners: Set<(m: WindowMessage) => void>;
  unsubscribe: () => void;
  linger: NodeJS.Timeout | undefined;
}

const LINGER_MS = 30_000;
/**
 * A filter of a long order that matches many of its rows is made in parts: once the matches are
 * known (one pass over the cache's rows, 74-94 ms of a 2-core server at 150,000 pods), the first
 * `firstRows` of them in order (the page's first window, live-list's WINDOW) are served at once,
 * then the order is walked for the rest `step` rows at a time, each part its own turn of the loop.
 */
const parts = { from: 20_000, firstRows: 300, step: 20_000 };

/** Tests: smaller parts, so a list of a few dozen rows is filtered in parts too. */
export function configureWindowParts(p: Partial<typeof parts>): void {
  Object.assign(parts, p);
}

const shared = globalThis as typeof globalThis & { __wheelhouseWindows?: Map<string, Index> };
shared.__wheelhouseWindows ??= new Map();
const indexes = shared.__wheelhouseWindows;

function onCache(ix: Index, query: ListQuery, defColumns: Column[], m: CacheMessage): void {
  switch (m.type) {
    case 'listing':
    case 'snapshot': {
      const order = new OrderedRows(query);
      const from = ix.subscribing
        ? orderToDeriveFrom(ix, order, m.rows.length, m.type === 'listing')
        : undefined;
      const columns = m.type === 'snapshot' ? m.columns : undefined;
      let rest: ((step: number) => boolean) | undefined;
      if (from && from.total >= parts.from) rest = order.resetFromInParts(from, m.rows, parts.firstRows);
      else if (from) order.resetFrom(from, m.rows);
      else order.reset(m.rows, columns ?? defColumns);
      ix.order = order;
      ix.columns = columns;
      ix.listing = m.type === 'listing';
      ix.counting = rest !== undefined;
      ix.queued = [];
      ix.error = undefined;
      if (rest) countRest(ix, order, rest);
      break;
    }
    case 'changes': {
      if (!ix.order) return;
      if (ix.counting) {
        for (const c of m.changes) ix.queued.push(c);
        return;
      }
      let touched = false;
      for (const c of m.changes) if (ix.order.apply(c)) touched = true;
      if (!touched) return;
      break;
    }
    case 'error':
      ix.order = undefined;
      ix.listing = false;
      ix.counting = false;
      ix.queued = [];
      ix.error = m.error;
      break;
    case 'status':
      ix.reconnectingSince = m.state === 'reconnecting' ? m.since : undefined;
      for (const l of ix.listeners) l(m);
      return;
  }
  const out = messageOf(ix);
  if (out) for (const l of ix.listeners) l(out);
}

/**
 * Another query's order over the same list that this one can be taken from in one pass (a sort of
 * 150,000 rows is most of a filter's or a sort click's time): the smallest that qualifies. Only asked
 * while subscribing (see Index.subscribing); the size and listing checks are a guard on top.
 */
function orderToDeriveFrom(
  ix: Index,
  order: OrderedRows,
  size: number,
  listing: boolean,
): OrderedRows | undefined {
  let best: OrderedRows | undefined;
  for (const other of indexes.values()) {
    const o = other.order;
    if (other === ix || other.list !== ix.list || !o || o.size !== size || other.counting) continue;
    if (other.listing !== listing || !order.canDeriveFrom(o)) continue;
    if (!best || o.total < best.total) best = o;
  }
  return best;
}

/** Finds the rest of a filter's rows a part per turn, then applies the changes that waited. */
function countRest(ix: Index, order: OrderedRows, rest: (step: number) => boolean): void {
  const next = () => {
    // A new list, an error or the last reader gone: this order is no longer served.
    if (ix.order !== order || indexes.get(ix.key) !== ix) return;
    if (!rest(parts.step)) {
      setImmediate(next);
      return;
    }
    ix.counting = false;
    const queued = ix.queued;
    ix.queued = [];
    for (const c of queued) order.apply(c);
    const out = messageOf(ix);
    if (out) for (const l of ix.listeners) l(out);
  };
  setImmediate(next);
}

function messageOf(ix: Index): WindowMessage | undefined {
  if (ix.error) return { type: 'error', error: ix.error };
  if (!ix.order) return undefined;
  return {
    type: 'changed',
    order: ix.order,
    ...(ix.columns ? { columns: ix.columns } : {}),
    ...(ix.listing ? { listing: true as const } : {}),
    ...(ix.counting ? { counting: true as const } : {}),
  };
}

/**
 * Follows one query's order over the shared cache of (context, credentials, kind, namespace). The
 * listener hears `changed` when the matching rows, their order or the list's size changed; the
 * caller reads the window it wants from `rows()`. Throws as `subscribe` does (unknown kind, signed out).
 */
export function subscribeWindow(
  context: string,
  slug: string,
  namespace: string | undefined,
  query: ListQuery,
  listener: (m: WindowMessage) => void,
  principal?: Principal,
): WindowHandle {
  const kind = cacheKind(slug, context);
  const ns = kind?.namespaced ? namespace : undefined;
  // Named fields, not the object: two equal queries built with their keys in another order share one.
  const list = JSON.stringify([credentialsKey(context, principal), slug, ns ?? '']);
  const key = JSON.stringify([list, query.q, query.selector, query.sort, query.dir]);
  let ix = indexes.get(key);
  if (!ix) {
    const created: Index = {
      key,
      list,
      subscribing: true,
      order: undefined,
      columns: undefined,
      listing: false,
      counting: false,
      queued: [],
      error: undefined,
      reconnectingSince: undefined,
      listeners: new Set(),
      unsubscribe: () => undefined,
      linger: undefined,
    };
    // Subscribing may answer at once with a snapshot: the index must exist (empty of listeners) first.
    created.unsubscribe = subscribe(
      context,
      slug,
      ns,
      (m) => onCache(created, query, kind?.columns ?? [], m),
      principal,
    );
    created.subscribing = false;
    indexes.set(key, created);
    ix = created;
  }
  clearTimeout(ix.linger);
  ix.linger = undefined;
  ix.listeners.add(listener);
  const self = ix;
  const now = messageOf(self);
  if (now) listener(now);
  if (self.reconnectingSince)
    listener({ type: 'status', state: 'reconnecting', since: self.reconnectingSince });
  return {
    rows: () => self.order,
    columns: () => self.columns,
    listing: () => self.listing,
    counting: () => self.counting,
    close: () => {
      if (!self.listeners.delete(listener) || self.listeners.size > 0) return;
      self.linger = setTimeout(() => {
        if (self.listeners.size > 0) return;
        self.unsubscribe();
        if (indexes.get(self.key) === self) indexes.delete(self.key);
      }, LINGER_MS);
      self.linger.unref?.();
    },
  };
}

export interface WindowAnswer {
  rows: Row[];
  /** Rows matching the query. */
  total: number;
  /** Rows in the list. */
  size: number;
  columns?: Column[];
  /** The list is still arriving: these are the first of the rows so far. */
  listing?: true;
  /** The first of the query's rows: `total` is a lower bound until the rest are found. */
  counting?: true;
}

/** One window, for server rendering: waits for the list (or its error) up to `timeoutMs`. */
export function currentWindow(
  context: string,
  slug: string,
  namespace: string | undefined,
  query: ListQuery,
  offset: number,
  count: number,
  timeoutMs = 5000,
  principal?: Principal,
): Promise<WindowAnswer | undefined> {
  return firstMessage<WindowMessage, WindowAnswer | undefined>(
    (listener) => {
      const h = subscribeWindow(context, slug, namespace, query, listener, principal);
      return () => h.close();
    },
    (m) => {
      if (m.type === 'error') return { error: m.error };
      if (m.type !== 'changed') return undefined;
      const { order, columns, listing, counting } = m;
      return {
        value: {
          rows: order.slice(offset, count),
          total: order.total,
          size: order.size,
          ...(columns ? { columns } : {}),
          ...(listing ? { listing } : {}),
          ...(counting ? { counting } : {}),
        },
      };
    },
    timeoutMs,
    () => ({ value: undefined }),
  );
}

/** Tests: how many query orders are held. */
export function windowIndexCount(): number {
  return indexes.size;
}
