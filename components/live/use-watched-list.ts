'use client';

import { useEffect, useSyncExternalStore } from 'react';
import useSWR, { mutate } from 'swr';
import {
  type ErrorInfo,
  type ListSpec,
  type StreamItem,
  type SubscriptionSpec,
  subscriptionId,
  type ViewSpec,
} from '../../lib/live/protocol';
import { nextWindow, type WindowState } from '../../lib/live/window-state';

/**
 * Live lists and views in the browser. One EventSource per tab carries every subscription; each
 * lives in SWR's cache under its subscription id, so every component showing the same list or view
 * renders from the same data. The module is the tab's singleton (one instance per page load).
 */

/**
 * A window of a list as the browser holds it: the rows from `offset` in the server's order for the
 * window's query, and how many rows match (`total`) of how many are listed (`size`).
 */
export interface WatchedWindow extends WindowState {
  status: 'loading' | 'ready' | 'error';
  error?: ErrorInfo;
  staleSince?: number;
}

/** A server-side view (lib/live/views) as the browser holds it. */
export interface WatchedView<T> {
  status: 'ready' | 'error';
  data: T;
  error?: ErrorInfo;
  staleSince?: number;
}

export interface ConnectionState {
  /** `idle`: nothing on the page is live (a detail page), so there is no stream to report on. */
  state: 'idle' | 'connecting' | 'live' | 'reconnecting';
  /** When the data shown stopped being known to be current. */
  staleSince?: number;
}

const swrKey = (id: string) => `watch:${id}`;
const isBrowser = typeof window !== 'undefined';

function newTabId(): string {
  if (isBrowser && typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  // crypto.randomUUID needs a secure context; a dashboard on a LAN address over http is not one.
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = ((b[6] ?? 0) & 0x0f) | 0x40;
  b[8] = ((b[8] ?? 0) & 0x3f) | 0x80;
  const h = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

const tabId = isBrowser ? newTabId() : '';
const wanted = new Map<string, { spec: SubscriptionSpec; count: number }>();

/** One EventSource and the subscription set in its URL. */
interface Stream {
  es: EventSource;
  /** The `s` parameter it was opened with: the set it serves. */
  set: string;
}
/** The stream whose items the page applies. */
let current: Stream | undefined;
/** A stream opened with a newer set; it replaces `current` on its `hello` (open before close). */
let next: Stream | undefined;
let reopenTimer: ReturnType<typeof setTimeout> | undefined;
/** Streams refused in a row (a 4xx/5xx answer): each waits twice as long, up to a minute. */
let refusals = 0;
/** The user is signing out: the streams ending with the session is expected, not a rejected token. */
let signingOut = false;
let lastMessageAt = 0;
let browserDownSince: number | undefined;
const clusterStale = new Map<string, number>();

// ---- connection state, as an external store ----
let connection: ConnectionState = { state: 'connecting' };
const SERVER_CONNECTION: ConnectionState = { state: 'connecting' };
const connectionListeners = new Set<() => void>();

function recompute(): void {
  const opened = current?.es.readyState === EventSource.OPEN && lastMessageAt > 0;
  let next: ConnectionState;
  if (wanted.size === 0) next = { state: 'idle' };
  else if (!opened) {
    next = browserDownSince
      ? { state: 'reconnecting', staleSince: browserDownSince }
      : { state: 'connecting' };
  } else if (clusterStale.size > 0) {
    next = { state: 'reconnecting', staleSince: Math.min(...clusterStale.values()) };
  } else next = { state: 'live' };
  if (next.state !== connection.state || next.staleSince !== connection.staleSince) {
    connection = next;
    for (const l of connectionListeners) l();
  }
}

/**
 * Sign-out ends this sign-in's streams on the server, which can reach the tab before the sign-out's
 * own answer: close them now, so the sign-out goes on to the provider (or the sign-in page) rather
 * than to "your token was rejected".
 */
export function closeStreamsForSignOut(): void {
  signingOut = true;
  if (reopenTimer) clearTimeout(reopenTimer);
  for (const s of [current, next]) s?.es.close();
  current = next = undefined;
}

export function useConnectionState(): ConnectionState {
  // A page without live lists never opens the stream: after a moment, report that instead of
  // "connecting" forever.
  useEffect(() => {
    const t = setTimeout(recompute, 500);
    return () => clearTimeout(t);
  }, []);
  return useSyncExternalStore(
    (cb) => {
      connectionListeners.add(cb);
      return () => connectionListeners.delete(cb);
    },
    () => connection,
    () => SERVER_CONNECTION,
  );
}

// ---- the stream ----
// The subscription set travels in the stream's URL, so every request of a tab may reach a different
// replica: a new set is a new stream, opened before the old one closes so no update falls between,
// and rapid changes (a navigation releases one page's lists and acquires the next's) coalesce into
// one. EventSource's own reconnect re-sends the same URL, which any replica can serve; each stream
// starts every subscription with a snapshot or a view, so nothing depends on which replica served
// the last one. A commit's effects (one page's lists released, the next's acquired; a list's old
// query for its new one) all run before a timer of 0 fires, so that is enough to coalesce them, and a
// sort click is not held back.
const REOPEN_MS = 0;

function wantedSet(): string {
  return JSON.stringify([...wanted.values()].map((w) => w.spec));
}

function scheduleReopen(delay = REOPEN_MS): void {
  clearTimeout(reopenTimer);
  reopenTimer = setTimeout(reopen, delay);
}

function reopen(): void {
  if (!isBrowser || signingOut) return;
  if (wanted.size === 0) {
    // Nothing on the page is live: hold no stream (and no watches on the server) for it.
    for (const s of [current, next]) s?.es.close();
    current = next = undefined;
    lastMessageAt = 0;
    recompute();
    return;
  }
  const set = wantedSet();
  if ((next ?? current)?.set === set) return;
  next?.es.close();
  next = undefined;
  const s = open(set);
  if (current) next = s;
  else current = s;
  recompute();
}

function open(set: string): Stream {
  const es = new EventSource(`/api/stream?${new URLSearchParams({ tab: tabId, s: set })}`);
  const stream: Stream = { es, set };
  const touch = () => {
    lastMessageAt = Date.now();
    browserDownSince = undefined;
    recompute();
  };
  es.addEventListener('hello', () => {
    refusals = 0;
    if (stream === next) {
      // The new set is served: the old stream (and its server-side subscriptions) can go.
      current?.es.close();
      current = stream;
      next = undefined;
    }
    if (stream === current) touch();
  });
  es.addEventListener('ping', () => {
    if (stream === current) touch();
  });
  // The cluster stopped accepting the sign-in's token: the lists are already emptied; go sign in.
  es.addEventListener('signed-out', () => {
    for (const s of [current, next]) s?.es.close();
    current = next = undefined;
    if (signingOut) return;
    const here = `${window.location.pathname}${window.location.search}`;
    window.location.assign(`/sign-in?${new URLSearchParams({ reason: 'rejected', next: here })}`);
  });
  es.addEventListener('batch', (ev) => {
    // Only the serving stream counts: a replaced one may still deliver what the new one re-sends.
    if (stream !== current) return;
    touch();
    for (const item of JSON.parse((ev as MessageEvent<string>).data) as StreamItem[]) apply(item);
  });
  es.onerror = () => {
    if (stream !== current) {
      // A stream being replaced, or the replacement failing: never let it reconnect by itself.
      es.close();
      if (stream === next) {
        next = undefined;
        scheduleReopen(Math.min(60_000, 2000 * 2 ** refusals++));
      }
      return;
    }
    if (next) {
      // The replacement is on its way (on the same replica it ends this one): wait for its hello.
      es.close();
      return;
    }
    // EventSource retries by itself (after `retry` ms, with the same set, through any replica);
    // until then the page shows the last state.
    browserDownSince ??= Date.now();
    lastMessageAt = 0;
    if (es.readyState === EventSource.CLOSED) {
      // A refused request (a 4xx/5xx answer) is not retried by EventSource: try again later.
      current = undefined;
      scheduleReopen(Math.min(60_000, 2000 * 2 ** refusals++));
    }
    recompute();
  };
  return stream;
}

// A connection that went silent (no ping for 40 s, as on a sleeping laptop) is replaced.
if (isBrowser) {
  setInterval(() => {
    if (current && lastMessageAt > 0 && Date.now() - lastMessageAt > 40_000) {
      current.es.close();
      current = undefined;
      browserDownSince ??= Date.now();
      lastMessageAt = 0;
      recompute();
      reopen();
    }
  }, 5000);
}

function apply(item: StreamItem): void {
  const w = wanted.get(item.s);
  if (!w) return;
  const key = swrKey(item.s);
  if (item.t === 'status') {
    if (item.state === 'reconnecting') clusterStale.set(item.s, item.since ?? Date.now());
    else clusterStale.delete(item.s);
    recompute();
  }
  if ('view' in w.spec) {
    applyView(key, item);
    return;
  }
  if (w.spec.window) {
    applyWindow(key, item);
    return;
  }
  // A whole list (no window) is for tools and tests, never a page.
}

/** A view's items: the model replaces the last one; an error keeps the last model to show under it. */
function applyView(key: string, item: StreamItem): void {
  void mutate<WatchedView<unknown>>(
    key,
    (cur) => {
      if (item.t === 'view') return { status: 'ready', data: item.data };
      if (item.t === 'error') return cur ? { ...cur, status: 'error', error: item.error } : cur;
      if (item.t === 'status')
        return cur ? { ...cur, staleSince: item.state === 'reconnecting' ? item.since : undefined } : cur;
      return cur;
    },
    { revalidate: false },
  );
}

/** A window's items: a new order replaces the keys (rows not in it go), changed rows replace theirs. */
function applyWindow(key: string, item: StreamItem): void {
  void mutate<WatchedWindow>(
    key,
    (cur) => {
      if (item.t === 'window') {
        const next = nextWindow(cur, item);
        return next ? { status: 'ready', ...next } : cur;
      }
      if (item.t === 'error') return { ...(cur ?? LOADING_WINDOW), status: 'error', error: item.error };
      if (item.t === 'status')
        return cur ? { ...cur, staleSince: item.state === 'reconnecting' ? item.since : undefined } : cur;
      return cur;
    },
    { revalidate: false },
  );
}

function acquire(id: string, spec: SubscriptionSpec): () => void {
  const w = wanted.get(id);
  if (w) w.count++;
  else {
    wanted.set(id, { spec, count: 1 });
    recompute();
    scheduleReopen();
  }
  return () => {
    const cur = wanted.get(id);
    if (!cur || --cur.count > 0) return;
    wanted.delete(id);
    clusterStale.delete(id);
    recompute();
    // Unwatched data goes stale silently: drop it so a later visit starts from the server's rows.
    void mutate(swrKey(id), undefined, { revalidate: false });
    scheduleReopen();
  };
}

const LOADING_WINDOW: WatchedWindow = {
  status: 'loading',
  offset: 0,
  keys: [],
  rows: new Map(),
  total: 0,
  size: 0,
};

/**
 * The live rows of a window of a list (`spec.window`); `initial` is the page's server render of the
 * same window. Until the stream answers for a new window, this is the loading state.
 */
export function useWatchedWindow(spec: ListSpec, initial?: WatchedWindow): WatchedWindow {
  const id = subscriptionId(spec);
  // biome-ignore lint/correctness/useExhaustiveDependencies: the id stands for the spec
  useEffect(() => acquire(id, spec), [id]);
  const { data } = useSWR<WatchedWindow>(swrKey(id), null, {
    fallbackData: initial,
    revalidateOnFocus: false,
    revalidateOnReconnect: false,
    revalidateIfStale: false,
    compare: (a, b) => a === b,
  });
  return data ?? initial ?? LOADING_WINDOW;
}

/**
 * A server-side view, live: `initial` is the page's server render of the same view; the stream then
 * sends each new model. On an error the last model stays, with `error` saying why it is not current.
 */
export function useWatchedView<T>(spec: ViewSpec, initial: T): { data: T; error?: ErrorInfo } {
  const id = subscriptionId(spec);
  // biome-ignore lint/correctness/useExhaustiveDependencies: the id stands for the spec
  useEffect(() => acquire(id, spec), [id]);
  const { data } = useSWR<WatchedView<unknown>>(swrKey(id), null, {
    revalidateOnFocus: false,
    revalidateOnReconnect: false,
    revalidateIfStale: false,
    compare: (a, b) => a === b,
  });
  if (!data) return { data: initial };
  return { data: data.data as T, ...(data.status === 'error' && data.error ? { error: data.error } : {}) };
}
