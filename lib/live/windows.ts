import 'server-only';
import type { Principal } from '../kube/client';
import { OrderedRows } from '../resources/lists/ordered-rows';
import type { ListQuery } from '../resources/lists/query';
import type { Column, Row } from '../resources/lists/rows/types';
import { cacheKind } from './cache-kinds';
import { firstMessage } from './first-message';
import { type CacheMessage, credentialsKey, type ErrorInfo, subscribe } from './watch-cache';

/**
 * List windows: a tab is sent the rows of a window of a list (a query's order, from an offset), not
 * the whole list. Each distinct query over one cached list keeps one order (OrderedRows), shared by
 * every tab and server render asking for it, updated change by change from the cache. It lingers a
 * little after its last reader, so the page's server render and its tab's stream share one sort.
 */

export type WindowMessage =
  | { type: 'changed'; order: OrderedRows; columns?: Column[] }
  | { type: 'error'; error: ErrorInfo }
  | { type: 'status'; state: 'live' | 'reconnecting'; since?: number };

export interface WindowHandle {
  /** The order, once the list is known (undefined while it loads or is refused). */
  rows(): OrderedRows | undefined;
  /** Kubectl's columns for kinds listed as the API server's Table. */
  columns(): Column[] | undefined;
  close(): void;
}

interface Index {
  key: string;
  order: OrderedRows | undefined;
  columns: Column[] | undefined;
  error: ErrorInfo | undefined;
  reconnectingSince: number | undefined;
  listeners: Set<(m: WindowMessage) => void>;
  unsubscribe: () => void;
  linger: NodeJS.Timeout | undefined;
}

const LINGER_MS = 30_000;

const shared = globalThis as typeof globalThis & { __wheelhouseWindows?: Map<string, Index> };
shared.__wheelhouseWindows ??= new Map();
const indexes = shared.__wheelhouseWindows;

function onCache(ix: Index, query: ListQuery, defColumns: Column[], m: CacheMessage): void {
  switch (m.type) {
    case 'snapshot': {
      const order = new OrderedRows(query);
      order.reset(m.rows, m.columns ?? defColumns);
      ix.order = order;
      ix.columns = m.columns;
      ix.error = undefined;
      break;
    }
    case 'changes': {
      if (!ix.order) return;
      let touched = false;
      for (const c of m.changes) if (ix.order.apply(c)) touched = true;
      if (!touched) return;
      break;
    }
    case 'error':
      ix.order = undefined;
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

function messageOf(ix: Index): WindowMessage | undefined {
  if (ix.error) return { type: 'error', error: ix.error };
  if (!ix.order) return undefined;
  return { type: 'changed', order: ix.order, ...(ix.columns ? { columns: ix.columns } : {}) };
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
  const key = JSON.stringify([
    credentialsKey(context, principal),
    slug,
    ns ?? '',
    query.q,
    query.selector,
    query.sort,
    query.dir,
  ]);
  let ix = indexes.get(key);
  if (!ix) {
    const created: Index = {
      key,
      order: undefined,
      columns: undefined,
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
      const { order, columns } = m;
      return {
        value: {
          rows: order.slice(offset, count),
          total: order.total,
          size: order.size,
          ...(columns ? { columns } : {}),
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
