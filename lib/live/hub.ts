import 'server-only';
import { AppError } from '../errors';
import { getContext } from '../kube/client';
import { holdToken, isRevoked, onRevoked, REVOKED_MESSAGE, revokedError } from '../kube/revocation';
import { ALL_NAMESPACES } from '../params';
import type { Column, Row } from '../resources/lists/rows/types';
import {
  assertSubscriptionCount,
  assertTabAllowed,
  subscriptionNamespaceRefusal,
  subscriptionWatchRefusal,
} from './principal-limits';
import { isViewSpec, type StreamItem, type SubscriptionSpec, subscriptionId } from './protocol';
import { type Change, coalesce } from './reducer';
import type { ViewMessage } from './view-cache';
import { checkViewSpec, subscribeViewSpec } from './views';
import { type CacheMessage, type CachePrincipal, type ErrorInfo, ownerOf, subscribe } from './watch-cache';
import { subscribeWindow, type WindowHandle, type WindowMessage } from './windows';

/**
 * One SSE stream per browser tab. Changes from the watch cache are coalesced per subscription and
 * flushed every FLUSH_MS; a tab whose connection does not drain gets a fresh snapshot once it does,
 * instead of an ever-growing queue.
 */

const FLUSH_MS = 50;
/** Rows per snapshot part: each part is its own SSE message, so parsing stays a short task. */
const SNAPSHOT_PART = 2000;
const HEARTBEAT_MS = 15_000;
const MAX_TABS = 500;

const limits = {
  /** Bytes queued for a tab beyond which we stop writing to it. */
  highWaterMark: 256 * 1024,
  /** Unsent changes per subscription before we stop tracking them and plan a snapshot instead. */
  maxPending: 5_000,
  /** How long a connection may stay full before every subscription is resynced. */
  maxBlockedMs: 5_000,
};

/** Tests only: smaller limits so a slow client can be simulated with a handful of objects. */
export function configureStreamHub(l: Partial<typeof limits>): void {
  Object.assign(limits, l);
}

interface Sub {
  id: string;
  spec: SubscriptionSpec;
  unsubscribe: () => void;
  snapshot: Row[] | undefined;
  /** Table-format kinds: the columns that go with the snapshot. */
  columns: Column[] | undefined;
  /** A view subscription's model not yet sent (only the newest counts). */
  view: { data: unknown } | undefined;
  pending: Map<string, Change>;
  control: StreamItem[];
  resync: boolean;
  /** Refused before it started (no such namespace, too many lists): never watched. */
  refused: boolean;
  /** A list window: its order, and what the tab was last sent of it (empty: send it whole). */
  window:
    | {
        handle: WindowHandle;
        dirty: boolean;
        sent: Map<string, Row>;
        keys: string[];
        total: number;
        size: number;
        listing: boolean;
        counting: boolean;
      }
    | undefined;
}

interface Tab {
  id: string;
  /** Whose credentials the tab's lists use (token mode); undefined in kubeconfig mode. */
  principal: CachePrincipal | undefined;
  owner: string;
  expiry: NodeJS.Timeout | undefined;
  /** Stops the periodic re-check of the tab's token (token mode). */
  releaseToken: () => void;
  subs: Map<string, Sub>;
  controller: ReadableStreamDefaultController<Uint8Array>;
  flushTimer: NodeJS.Timeout | undefined;
  flushDue: number;
  heartbeat: NodeJS.Timeout;
  blockedSince: number | undefined;
  closed: boolean;
  bytesSent: number;
  eventsSent: number;
  resyncs: number;
}

const shared = globalThis as typeof globalThis & { __wheelhouseTabs?: Map<string, Tab> };
shared.__wheelhouseTabs ??= new Map();
const tabs = shared.__wheelhouseTabs;
const encoder = new TextEncoder();

export function streamStats() {
  return [...tabs.values()].map((t) => ({
    id: t.id,
    resyncs: t.resyncs,
    subs: t.subs.size,
    bytesSent: t.bytesSent,
    eventsSent: t.eventsSent,
  }));
}

function write(tab: Tab, text: string): void {
  const bytes = encoder.encode(text);
  tab.bytesSent += bytes.byteLength;
  try {
    tab.controller.enqueue(bytes);
  } catch {
    closeTab(tab);
  }
}

function tabsOf(owner: string): number {
  let n = 0;
  for (const t of tabs.values()) if (t.owner === owner && !t.closed) n++;
  return n;
}

/** A revoked token's tabs are told "signed out" (every list emptied) and closed. */
function endSignedOut(owner: string): void {
  const error: ErrorInfo = { status: 401, code: 'unauthenticated', message: REVOKED_MESSAGE };
  for (const tab of [...tabs.values()]) {
    if (tab.owner !== owner || tab.closed) continue;
    const items: StreamItem[] = [...tab.subs.values()].map((s) => ({ s: s.id, t: 'error', error }));
    if (items.length) write(tab, `event: batch\ndata: ${JSON.stringify(items)}\n\n`);
    write(tab, `event: signed-out\ndata: ${JSON.stringify({ message: REVOKED_MESSAGE })}\n\n`);
    closeTab(tab);
  }
}
onRevoked(endSignedOut);

/**
 * Opens the tab's stream with its whole subscription set: the set travels with the request, so any
 * replica serves any stream and a tab never needs a second request to reach the same process. A tab
 * that wants another set opens a new stream (the same tab id replaces this one here).
 */
export function openTab(
  id: string,
  signal: AbortSignal,
  principal?: CachePrincipal,
  specs: SubscriptionSpec[] = [],
): ReadableStream<Uint8Array> {
  const owner = ownerOf(principal);
  if (principal && isRevoked(owner)) throw revokedError();
  checkSpecs(specs);
  const old = tabs.get(id);
  // A tab id is only a name; it never lets one person take over another's stream.
  if (old && old.owner !== owner)
    throw new AppError(403, 'This stream belongs to another sign-in.', 'forbidden');
  if (old) closeTab(old);
  assertTabAllowed(principal, tabsOf(owner));
  if (tabs.size >= MAX_TABS)
    throw new AppError(503, 'Too many open dashboard tabs on this server.', 'too_many_tabs');
  let tab: Tab | undefined;
  return new ReadableStream<Uint8Array>(
    {
      start(controller) {
        const t: Tab = {
          id,
          principal,
          owner,
          releaseToken: principal ? holdToken(principal.token) : () => undefined,
          // The stream ends with the sign-in; the page's reconnect then meets the sign-in page.
          expiry: principal
            ? setTimeout(
                () => closeTab(t),
                Math.min(2 ** 31 - 1, Math.max(0, principal.expiresAt - Date.now())),
              )
            : undefined,
          subs: new Map(),
          controller,
          flushTimer: undefined,
          flushDue: 0,
          heartbeat: setInterval(() => {
            if (t.blockedSince === undefined) write(t, `event: ping\ndata: ${Date.now()}\n\n`);
          }, HEARTBEAT_MS),
          blockedSince: undefined,
          closed: false,
          bytesSent: 0,
          eventsSent: 0,
          resyncs: 0,
        };
        tab = t;
        tabs.set(id, t);
        // `retry` sets how soon EventSource reconnects (with the same set, to any replica); `hello`
        // tells the page this stream now serves it, so it may close the one it replaces.
        write(t, `retry: 2000\nevent: hello\ndata: ${JSON.stringify({ tab: id })}\n\n`);
        if (signal.aborted) closeTab(t);
        else {
          signal.addEventListener('abort', () => closeTab(t), { once: true });
          applySubscriptions(t, specs);
        }
      },
      cancel() {
        if (tab) closeTab(tab);
      },
    },
    new ByteLengthQueuingStrategy({ highWaterMark: limits.highWaterMark }),
  );
}

function closeTab(tab: Tab): void {
  if (tab.closed) return;
  tab.closed = true;
  clearTimeout(tab.flushTimer);
  clearInterval(tab.heartbeat);
  clearTimeout(tab.expiry);
  tab.releaseToken();
  for (const s of tab.subs.values()) s.unsubscribe();
  tab.subs.clear();
  if (tabs.get(tab.id) === tab) tabs.delete(tab.id);
  try {
    tab.controller.close();
  } catch {
    // already closed by the client going away
  }
}

/** Throws the sentence for a set no tab may have (too many, an unknown context, a view's missing name). */
function checkSpecs(specs: SubscriptionSpec[]): void {
  assertSubscriptionCount(specs.length);
  for (const s of specs) {
    getContext(s.context);
    if (isViewSpec(s)) checkViewSpec(s);
  }
}

/**
 * Replaces an open tab's subscriptions with `specs` in this process (tests drive the hub with it; the
 * browser re-opens its stream instead, since another replica may hold the tab).
 */
export function setSubscriptions(
  id: string,
  specs: SubscriptionSpec[],
  principal?: CachePrincipal,
): string[] {
  const tab = tabs.get(id);
  if (!tab) throw new AppError(404, 'This stream is closed; the page reconnects by itself.', 'no_stream');
  if (tab.owner !== ownerOf(principal))
    throw new AppError(403, 'This stream belongs to another sign-in.', 'forbidden');
  if (principal && isRevoked(tab.owner)) throw revokedError();
  checkSpecs(specs);
  return applySubscriptions(tab, specs);
}

/** New subscriptions start (snapshot first), gone ones stop. */
function applySubscriptions(tab: Tab, specs: SubscriptionSpec[]): string[] {
  const wanted = new Map(specs.map((s) => [subscriptionId(s), s]));
  for (const [sid, sub] of tab.subs) {
    if (!wanted.has(sid)) {
      sub.unsubscribe();
      tab.subs.delete(sid);
    }
  }
  for (const [sid, spec] of wanted) {
    if (tab.subs.has(sid)) continue;
    const sub: Sub = {
      id: sid,
      spec,
      unsubscribe: () => undefined,
      snapshot: undefined,
      columns: undefined,
      view: undefined,
      pending: new Map(),
      control: [],
      resync: false,
      refused: false,
      window: undefined,
    };
    tab.subs.set(sid, sub);
    void admit(tab, sub);
  }
  return [...wanted.keys()];
}

/** Starts the subscription unless it is refused first (see principal-limits.ts); then the tab is told why. */
async function admit(tab: Tab, sub: Sub): Promise<void> {
  let refusal: ErrorInfo | undefined;
  try {
    refusal = await subscriptionNamespaceRefusal(sub.spec, tab.principal);
  } catch {
    refusal = undefined;
  }
  if (tab.closed || tab.subs.get(sub.id) !== sub) return;
  refusal ??= subscriptionWatchRefusal(sub.spec, tab.principal);
  if (!refusal) {
    try {
      start(tab, sub);
    } catch (e) {
      refusal = {
        status: e instanceof AppError ? e.status : 500,
        code: e instanceof AppError ? e.code : 'error',
        message: e instanceof AppError ? e.message : 'This list could not be started.',
      };
    }
  }
  if (!refusal) return;
  sub.refused = true;
  sub.control.push({ s: sub.id, t: 'error', error: refusal });
  schedule(tab, 0);
}

function start(tab: Tab, sub: Sub): void {
  if (isViewSpec(sub.spec)) {
    sub.unsubscribe = subscribeViewSpec(sub.spec, (m) => onViewMessage(tab, sub, m), tab.principal);
    return;
  }
  const ns = sub.spec.namespace === ALL_NAMESPACES ? undefined : sub.spec.namespace;
  const spec = sub.spec;
  if (spec.window) {
    const { offset: _o, count: _c, ...query } = spec.window;
    const handle = subscribeWindow(
      spec.context,
      spec.kind,
      ns,
      query,
      (m) => onWindowMessage(tab, sub, m),
      tab.principal,
    );
    sub.window = {
      handle,
      dirty: true,
      sent: new Map(),
      keys: [],
      total: -1,
      size: -1,
      listing: false,
      counting: false,
    };
    sub.unsubscribe = () => handle.close();
    schedule(tab, 0);
    return;
  }
  sub.unsubscribe = subscribe(spec.context, spec.kind, ns, (m) => onMessage(tab, sub, m), tab.principal);
}

function onWindowMessage(tab: Tab, sub: Sub, m: WindowMessage): void {
  if (tab.closed) return;
  if (m.type === 'changed') {
    if (sub.window) sub.window.dirty = true;
  } else if (m.type === 'error') {
    if (sub.window) sub.window.sent = new Map();
    sub.control.push({ s: sub.id, t: 'error', error: m.error });
  } else sub.control.push({ s: sub.id, t: 'status', state: m.state, since: m.since });
  schedule(tab, FLUSH_MS);
}

/** What the tab does not have of its window: the new order if it moved, and new or changed rows. */
function windowItem(sub: Sub): StreamItem | undefined {
  const w = sub.window;
  const spec = sub.spec;
  if (!w?.dirty || isViewSpec(spec) || !spec.window) return undefined;
  const order = w.handle.rows();
  if (!order) return undefined;
  w.dirty = false;
  const slice = order.slice(spec.window.offset, spec.window.count);
  const keys = slice.map((r) => r.key);
  const moved = keys.length !== w.keys.length || keys.some((k, i) => k !== w.keys[i]);
  const rows = slice.filter((r) => w.sent.get(r.key) !== r);
  const first = w.sent.size === 0 && w.total === -1;
  const listing = w.handle.listing();
  const counting = w.handle.counting();
  if (
    !moved &&
    rows.length === 0 &&
    order.total === w.total &&
    order.size === w.size &&
    listing === w.listing &&
    counting === w.counting
  )
    return undefined;
  w.sent = new Map(slice.map((r) => [r.key, r]));
  w.keys = keys;
  // The offset is the subscription's own; the counts only when they moved (most changes move none).
  const counts = {
    ...(first ? { offset: spec.window.offset } : {}),
    ...(order.total !== w.total ? { total: order.total } : {}),
    ...(order.size !== w.size ? { size: order.size } : {}),
  };
  w.total = order.total;
  w.size = order.size;
  w.listing = listing;
  w.counting = counting;
  const columns = first ? w.handle.columns() : undefined;
  return {
    s: sub.id,
    t: 'window',
    ...counts,
    ...(moved || first ? { keys } : {}),
    ...(listing ? { listing: true as const } : {}),
    ...(counting ? { counting: true as const } : {}),
    rows,
    ...(columns ? { columns } : {}),
  };
}

function onMessage(tab: Tab, sub: Sub, m: CacheMessage): void {
  // A whole list (tools, tests) is sent once it is whole.
  if (tab.closed || m.type === 'listing') return;
  switch (m.type) {
    case 'snapshot':
      sub.snapshot = m.rows;
      sub.columns = m.columns;
      sub.pending.clear();
      sub.resync = false;
      break;
    case 'changes':
      if (sub.resync) break;
      for (const c of m.changes) coalesce(sub.pending, c);
      if (sub.pending.size > limits.maxPending) markResync(sub);
      break;
    case 'error':
      sub.snapshot = undefined;
      sub.pending.clear();
      sub.control.push({ s: sub.id, t: 'error', error: m.error });
      break;
    case 'status':
      sub.control.push({ s: sub.id, t: 'status', state: m.state, since: m.since });
      break;
  }
  schedule(tab, FLUSH_MS);
}

/** Views (lib/live/views) send whole models: the newest replaces one still unsent. */
function onViewMessage(tab: Tab, sub: Sub, m: ViewMessage): void {
  if (tab.closed) return;
  if (m.type === 'view') {
    sub.view = { data: m.data };
  } else if (m.type === 'error') {
    sub.view = undefined;
    sub.control.push({ s: sub.id, t: 'error', error: m.error });
  } else sub.control.push({ s: sub.id, t: 'status', state: m.state, since: m.since });
  schedule(tab, FLUSH_MS);
}

function markResync(sub: Sub): void {
  if (sub.window) {
    // A window is small: once the connection drains, send it whole.
    sub.window.sent = new Map();
    sub.window.keys = [];
    sub.window.total = -1;
    sub.window.dirty = true;
    return;
  }
  sub.resync = true;
  sub.pending.clear();
  sub.snapshot = undefined;
  sub.view = undefined;
}

/** A flush within `ms`: a sooner one replaces a later one (a new window is not held for FLUSH_MS). */
function schedule(tab: Tab, ms: number): void {
  if (tab.closed) return;
  const due = Date.now() + ms;
  if (tab.flushTimer) {
    if (tab.flushDue <= due) return;
    clearTimeout(tab.flushTimer);
  }
  tab.flushDue = due;
  tab.flushTimer = setTimeout(() => flush(tab), ms);
}

function flush(tab: Tab): void {
  tab.flushTimer = undefined;
  if (tab.closed) return;
  const desired = tab.controller.desiredSize ?? 1;
  if (desired <= 0) {
    // The browser is not reading as fast as the cluster changes: keep coalescing, and past a limit,
    // forget the backlog and send a snapshot when the connection drains.
    tab.blockedSince ??= Date.now();
    if (Date.now() - tab.blockedSince > limits.maxBlockedMs)
      for (const s of tab.subs.values()) {
        if (!s.resync) tab.resyncs++;
        markResync(s);
      }
    schedule(tab, 250);
    return;
  }
  tab.blockedSince = undefined;
  const messages: StreamItem[][] = [];
  let items: StreamItem[] = [];
  for (const sub of tab.subs.values()) {
    if (sub.resync && !sub.refused) {
      // Re-subscribing hands us the cache's current rows synchronously (or soon after).
      sub.unsubscribe();
      // A view answers at once with its current model; a list with its snapshot (which clears it).
      if (isViewSpec(sub.spec)) sub.resync = false;
      start(tab, sub);
    }
    items.push(...sub.control);
    sub.control = [];
    if (sub.view) items.push({ s: sub.id, t: 'view', data: sub.view.data });
    const win = windowItem(sub);
    if (win) items.push(win);
    sub.view = undefined;
    const snap = sub.snapshot;
    sub.snapshot = undefined;
    const columns = sub.columns ? { columns: sub.columns } : {};
    if (snap && snap.length <= SNAPSHOT_PART)
      items.push({ s: sub.id, t: 'snapshot', rows: snap, ...columns });
    else if (snap) {
      for (let i = 0; i < snap.length; i += SNAPSHOT_PART) {
        const rows = snap.slice(i, i + SNAPSHOT_PART);
        const more = i + SNAPSHOT_PART < snap.length ? { more: true as const } : {};
        items.push(
          i === 0
            ? { s: sub.id, t: 'snapshot', rows, ...more, ...columns }
            : { s: sub.id, t: 'append', rows, ...more },
        );
        messages.push(items);
        items = [];
      }
    }
    if (sub.pending.size) items.push({ s: sub.id, t: 'changes', changes: [...sub.pending.values()] });
    sub.pending.clear();
  }
  if (items.length) messages.push(items);
  for (const m of messages) {
    tab.eventsSent += m.reduce((n, i) => n + (i.t === 'changes' ? i.changes.length : 1), 0);
    write(tab, `event: batch\ndata: ${JSON.stringify(m)}\n\n`);
  }
}
