import 'server-only';
import { createHash } from 'node:crypto';
import type { KubeConfig } from '@kubernetes/client-node';
import { authMode, signsIn } from '../env';
import { AppError } from '../errors';
import { kubeConfig, type Principal } from '../kube/client';
import { tokenHash } from '../kube/credentials';
import { toAppError } from '../kube/errors';
import { redact } from '../kube/redaction';
import { assertTokenLive, isRevoked, onRevoked, REVOKED_MESSAGE } from '../kube/revocation';
import { requireSession, SIGNED_OUT_MESSAGE } from '../kube/session';
import { listObjects, listTable, watchOnce } from '../kube/upstream';
import {
  eventRow,
  isTable,
  type TableColumnDefinition,
  tableColumns,
  tableResourceVersion,
} from '../resources/api-kinds/table';
import { type Column, type KindDef, type KubeObject, type Row, resourceOf } from '../resources/lists/kinds';
import { cacheKind, viewExtras } from './cache-kinds';
import { firstMessage } from './first-message';
import {
  applyBookmark,
  applyEvent,
  backoffMs,
  type CacheChange,
  fromList,
  httpStatus,
  isGone,
  isIdleTimeout,
  type ListState,
} from './reducer';

/**
 * One LIST+WATCH per (context, credentials, kind, namespace), shared by every subscriber. It starts
 * with the first subscriber and stops `graceMs` after the last leaves. It keeps the rows (kinds.ts
 * view models) for the live lists and, once a server-side view (lib/live/views) reads the list, the
 * objects too, redacted (lib/kube/redaction.ts: no managedFields, last-applied or Secret values). A list
 * only shown as rows (the 10,000-pod Pods page) keeps no objects.
 */

export interface ErrorInfo {
  status: number;
  code: string;
  message: string;
}

export type CacheMessage =
  /** `columns` for kinds listed as the API server's Table (kubectl get's columns). */
  | { type: 'snapshot'; rows: Row[]; columns?: Column[] }
  /**
   * The rows so far of a first list still arriving (never of a relist, which keeps the last state):
   * enough for a first window long before a 150,000-pod list ends. No changes follow until the snapshot.
   */
  | { type: 'listing'; rows: Row[] }
  | { type: 'changes'; changes: CacheChange[] }
  | { type: 'error'; error: ErrorInfo }
  | { type: 'status'; state: 'live' | 'reconnecting'; since?: number };

export type Listener = (m: CacheMessage) => void;

interface Entry {
  key: string;
  /** Whose credentials: the token's hash, or 'kubeconfig'. Bounds and revocation count by it. */
  owner: string;
  context: string;
  kind: KindDef;
  namespace: string | undefined;
  kc: KubeConfig;
  state: ListState | undefined;
  /** A first list's rows so far, while it arrives (see the `listing` message). */
  listing: Row[] | undefined;
  /** Table-format kinds: the column definitions of the last LIST (or of a watch that sent new ones). */
  defs: TableColumnDefinition[] | undefined;
  /** Redacted objects by row key, in step with `state.rows`, kept once a view asked (keepObjects). */
  objects: Map<string, KubeObject>;
  keepObjects: boolean;
  /** The last LIST kept objects: `objects` is complete. */
  objectsReady: boolean;
  /** A view joined a list kept without objects: list again (once) to have them. */
  relist: boolean;
  error: ErrorInfo | undefined;
  reconnectingSince: number | undefined;
  listeners: Set<Listener>;
  stopTimer: NodeJS.Timeout | undefined;
  abort: AbortController;
  watchAbort: AbortController | undefined;
}

// On globalThis: Next bundles route handlers and pages separately, and they must share one cache.
const shared = globalThis as typeof globalThis & {
  __wheelhouseWatchCache?: {
    settings: { graceMs: number; pageSize: number; streamingLists: boolean; listingFirst: number };
    entries: Map<string, Entry>;
    counters: { lists: number; watches: number; relistsAfterGone: number };
    suspended?: { promise: Promise<void>; resolve: () => void };
    refusals?: Map<string, Refusal>;
  };
};
shared.__wheelhouseWatchCache ??= {
  settings: { graceMs: 15_000, pageSize: 500, streamingLists: true, listingFirst: 1000 },
  entries: new Map(),
  counters: { lists: 0, watches: 0, relistsAfterGone: 0 },
};
shared.__wheelhouseWatchCache.refusals ??= new Map();
const { settings, entries, counters } = shared.__wheelhouseWatchCache;

/**
 * A refused list (401/403/404) is remembered by its key beyond the entry's life, so that
 * subscribing again (a page reload, a reconnect, a tab that comes and goes) continues the
 * exponential backoff instead of listing again at once.
 */
interface Refusal {
  attempt: number;
  until: number;
  error: ErrorInfo;
}
const refusals = shared.__wheelhouseWatchCache.refusals;
const MAX_REFUSALS = 5000;
const REFUSED_CAP_MS = 60_000;

/** Whose credentials a principal is, as entries record it. */
export function ownerOf(principal: Principal | undefined): string {
  return principal ? tokenHash(principal.token) : 'kubeconfig';
}

/** How many distinct upstream lists (LIST+WATCH) these credentials hold now, including ones in grace. */
export function watchCountOf(owner: string): number {
  let n = 0;
  for (const e of entries.values()) if (e.owner === owner) n++;
  return n;
}

/** Whether subscribing would reuse an upstream list these credentials already hold. */
export function hasWatch(
  context: string,
  slug: string,
  namespace: string | undefined,
  principal?: Principal,
): boolean {
  const kind = cacheKind(slug, context);
  if (!kind) return false;
  return entries.has(
    entryKey(context, kubeConfig(context, principal), slug, kind.namespaced ? namespace : undefined),
  );
}

function entryKey(context: string, kc: KubeConfig, slug: string, ns: string | undefined): string {
  return [context, credentialsId(kc), slug, ns ?? ''].join('\u0000');
}

/** A revoked token's lists end now, for every subscriber, and their rows are forgotten. */
function dropOwner(owner: string): void {
  for (const e of [...entries.values()]) {
    if (e.owner !== owner) continue;
    e.state = undefined;
    e.error = { status: 401, code: 'unauthenticated', message: REVOKED_MESSAGE };
    broadcast(e, { type: 'error', error: e.error });
    e.listeners.clear();
    stop(e);
  }
}
onRevoked(dropOwner);

export function configureWatchCache(s: Partial<typeof settings>): void {
  Object.assign(settings, s);
}

/** Our own view of the upstream traffic; integration tests check it against the API server's. */
export function watchCacheStats() {
  return {
    ...counters,
    entries: entries.size,
    subscribers: [...entries.values()].map((e) => e.listeners.size),
  };
}

/** Same kubeconfig user and server means same rights; a different identity never shares a cache. */
function credentialsId(kc: KubeConfig): string {
  const user = kc.getCurrentUser();
  const server = kc.getCurrentCluster()?.server ?? '';
  return createHash('sha256')
    .update(JSON.stringify([server, user]))
    .digest('hex')
    .slice(0, 16);
}

/** Credentials for the cache, read while a request is being served; `expiresAt` in ms. */
export type CachePrincipal = Principal & { expiresAt: number };

/**
 * Whose credentials a cached list uses. In token mode, the signed-in person's token, taken from the
 * request now: the upstream LIST and WATCH outlive the request, so the session cannot be read later.
 * The token must have been accepted by the cluster within `checkedWithinMs` (0: ask now); a revoked
 * one is refused with 401.
 */
export async function requestPrincipal(checkedWithinMs?: number): Promise<CachePrincipal | undefined> {
  if (!signsIn(authMode())) return undefined;
  const s = await requireSession();
  // Rows served from the cache skip the cluster's own check of the token: make it here.
  await assertTokenLive(s.token, checkedWithinMs);
  // An OIDC tab ends a little before its ID token, so its reconnect is refreshed (proxy.ts) before
  // the cluster starts refusing the old token (which would read as a revocation).
  return { token: s.token, expiresAt: s.exp * 1000 - (s.oidc ? 10_000 : 0) };
}

/** Same credentials and context, same key: what view caches use to share like the lists do. */
export function credentialsKey(context: string, principal?: Principal): string {
  return `${context}\u0000${credentialsId(kubeConfig(context, principal))}`;
}

function attach(
  context: string,
  slug: string,
  namespace: string | undefined,
  listener: Listener,
  principal?: Principal,
  wantObjects = false,
): { entry: Entry; detach: () => void } {
  const kind = cacheKind(slug, context);
  if (!kind) throw new AppError(404, `The cluster serves no kind "${slug.slice(0, 80)}".`, 'unknown_kind');
  // Token mode without a principal would share one cache between everyone signed in: refuse.
  if (signsIn(authMode()) && !principal) throw new AppError(401, SIGNED_OUT_MESSAGE, 'unauthenticated');
  const owner = ownerOf(principal);
  if (principal && isRevoked(owner)) throw new AppError(401, REVOKED_MESSAGE, 'unauthenticated');
  const ns = kind.namespaced ? namespace : undefined;
  const kc = kubeConfig(context, principal);
  const key = entryKey(context, kc, slug, ns);
  let entry = entries.get(key);
  if (!entry) {
    entry = {
      key,
      owner,
      context,
      kind,
      namespace: ns,
      kc,
      state: undefined,
      listing: undefined,
      defs: undefined,
      objects: new Map(),
      keepObjects: false,
      objectsReady: false,
      relist: false,
      error: undefined,
      reconnectingSince: undefined,
      listeners: new Set(),
      stopTimer: undefined,
      abort: new AbortController(),
      watchAbort: undefined,
    };
    entries.set(key, entry);
    void run(entry);
  }
  clearTimeout(entry.stopTimer);
  entry.stopTimer = undefined;
  entry.listeners.add(listener);
  if (wantObjects && !entry.keepObjects) {
    entry.keepObjects = true;
    // Listed already, as rows only: list once more, now keeping the objects.
    if (entry.state) {
      entry.relist = true;
      entry.watchAbort?.abort();
    }
  }
  const e = entry;
  const detach = () => {
    if (!e.listeners.delete(listener) || e.listeners.size > 0) return;
    e.stopTimer = setTimeout(() => stop(e), settings.graceMs);
    e.stopTimer.unref?.();
  };
  return { entry, detach };
}

export function subscribe(
  context: string,
  slug: string,
  namespace: string | undefined,
  listener: Listener,
  principal?: Principal,
): () => void {
  const { entry, detach } = attach(context, slug, namespace, listener, principal);
  if (entry.error) listener({ type: 'error', error: entry.error });
  else if (entry.state) listener(snapshotOf(entry, entry.state));
  else if (entry.listing) listener({ type: 'listing', rows: entry.listing });
  if (entry.reconnectingSince)
    listener({ type: 'status', state: 'reconnecting', since: entry.reconnectingSince });
  return detach;
}

/** What a view reads from one cached list: its redacted objects once listed, or why it cannot be. */
export interface ObjectFeed {
  /** Undefined until the first LIST answered (or while refused). */
  objects(): Iterable<KubeObject> | undefined;
  get(key: string): KubeObject | undefined;
  error(): ErrorInfo | undefined;
  reconnectingSince(): number | undefined;
  close(): void;
}

/**
 * The same shared LIST+WATCH as `subscribe`, for server-side views: `onChange` runs after every
 * snapshot, change, error or status, and the feed reads the cache's objects without copying them.
 */
export function watchObjects(
  context: string,
  slug: string,
  namespace: string | undefined,
  onChange: () => void,
  principal?: Principal,
): ObjectFeed {
  // A view reads whole lists: the rows of one still arriving are nothing to it.
  const { entry, detach } = attach(
    context,
    slug,
    namespace,
    (m) => m.type !== 'listing' && onChange(),
    principal,
    true,
  );
  const ready = () => entry.state !== undefined && entry.objectsReady && !entry.error;
  return {
    objects: () => (ready() ? entry.objects.values() : undefined),
    get: (key) => (ready() ? entry.objects.get(key) : undefined),
    error: () => entry.error,
    reconnectingSince: () => entry.reconnectingSince,
    close: detach,
  };
}

/** The current rows, for server rendering: waits for the first LIST (or its error), up to `timeoutMs`. */
export async function currentRows(
  context: string,
  slug: string,
  namespace: string | undefined,
  timeoutMs = 5000,
  principal?: Principal,
): Promise<Row[] | undefined> {
  return (await currentList(context, slug, namespace, timeoutMs, principal))?.rows;
}

/** An object as views read it: redacted, plus what views need of the removed parts (viewExtras). */
function cachedObject(raw: KubeObject, kind: KindDef): KubeObject {
  return { ...redact(raw, kind.kind), ...viewExtras(raw, kind) };
}

function snapshotOf(e: Entry, state: ListState): CacheMessage {
  const rows = [...state.rows.values()];
  return e.kind.table
    ? { type: 'snapshot', rows, columns: tableColumns(e.defs ?? []) }
    : { type: 'snapshot', rows };
}

/** The current rows and, for Table-format kinds, their columns; for server rendering, like currentRows. */
export function currentList(
  context: string,
  slug: string,
  namespace: string | undefined,
  timeoutMs = 5000,
  principal?: Principal,
): Promise<{ rows: Row[]; columns?: Column[] } | undefined> {
  return firstMessage<CacheMessage, { rows: Row[]; columns?: Column[] } | undefined>(
    (listener) => subscribe(context, slug, namespace, listener, principal),
    (m) =>
      m.type === 'snapshot'
        ? { value: { rows: m.rows, columns: m.columns } }
        : m.type === 'error'
          ? { error: m.error }
          : undefined,
    timeoutMs,
    () => ({ value: undefined }),
  );
}

function stop(e: Entry): void {
  if (e.listeners.size > 0) return;
  e.abort.abort();
  e.watchAbort?.abort();
  if (entries.get(e.key) === e) entries.delete(e.key);
}

function broadcast(e: Entry, m: CacheMessage): void {
  for (const l of e.listeners) {
    try {
      l(m);
    } catch (err) {
      console.error('[wheelhouse] watch listener failed', err);
    }
  }
}

/** Watch failures are reported as the list they keep alive: "You may not list pods in …". */
function toErrorInfo(e: unknown, entry: Entry): ErrorInfo {
  const status = httpStatus(e);
  const err = toAppError(status ? { code: status } : e, {
    context: entry.context,
    verb: 'list',
    resource: resourceOf(entry.kind),
    namespace: entry.namespace,
  });
  // toAppError speaks of namespaces; a cluster-scoped kind has none.
  const message =
    err.code === 'forbidden' && !entry.kind.namespaced
      ? `You may not list ${resourceOf(entry.kind)} in this cluster.`
      : err.message;
  return { status: err.status, code: err.code, message };
}

const sleep = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve) => {
    const t = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => {
      clearTimeout(t);
      resolve();
    });
  });

/**
 * LISTs into the entry: rows, and the objects once a view asked for them. A function of its own so
 * that the LIST's answer (every full object) is garbage once it returns: a local of run() would
 * stay reachable from the suspended async frame for the whole life of the watch that follows.
 * False when the entry stopped meanwhile.
 */
async function listInto(e: Entry): Promise<boolean> {
  counters.lists++;
  if (e.kind.table) {
    // Rows as `kubectl get` prints them; no objects to keep (views read the built-in kinds).
    const t = await listTable(e.kc, e.kind, e.namespace, settings.pageSize, e.abort.signal);
    if (e.abort.signal.aborted) return false;
    e.defs = t.defs;
    e.objects = new Map();
    e.objectsReady = e.keepObjects;
    e.state = fromList(t.rows, t.rv);
    return true;
  }
  const list = listBuilder(e);
  const l = await listObjects(e.kc, e.kind, e.namespace, settings.pageSize, e.abort.signal, list.add);
  if (e.abort.signal.aborted) return false;
  list.finish(l.rv);
  return true;
}

/**
 * An entry's list as its objects arrive, from a LIST's pages or a streaming list's events: rows, and
 * the redacted objects if a view had asked for them when the list began. `finish` installs it; a view
 * that asked meanwhile is missing the objects that came before, so the entry lists once more.
 */
function listBuilder(e: Entry): { add: (item: KubeObject) => void; finish: (rv: string) => ListState } {
  const keep = e.keepObjects;
  let rows: Row[] = [];
  let objects = new Map<string, KubeObject>();
  // The rows so far go to subscribers at listingFirst rows and at each 4 times as many: sorting them
  // costs about half a sort of the whole list in all.
  let nextListing = settings.listingFirst;
  return {
    add: (item) => {
      const row = e.kind.toRow(item);
      rows.push(row);
      if (keep) objects.set(row.key, cachedObject(item, e.kind));
      if (rows.length < nextListing) return;
      nextListing *= 4;
      if (e.state || e.error) return;
      e.listing = rows.slice();
      broadcast(e, { type: 'listing', rows: e.listing });
    },
    finish: (rv) => {
      const state = fromList(rows, rv);
      e.state = state;
      e.listing = undefined;
      e.objects = objects;
      e.objectsReady = keep;
      if (e.keepObjects && !keep) e.relist = true;
      rows = [];
      objects = new Map();
      return state;
    },
  };
}

/** The entry holds a complete list: clear what failed before and replace every subscriber's rows. */
function listed(e: Entry): void {
  e.error = undefined;
  refusals.delete(e.key);
  // A full snapshot replaces whatever subscribers had: after a 410 this is the consistent resync.
  broadcast(e, snapshotOf(e, e.state as ListState));
}

/** One watch event on a listed entry: the rows, the objects views read, and the subscribers told. */
function onWatchEvent(
  e: Entry,
  state: ListState,
  type: 'ADDED' | 'MODIFIED' | 'DELETED' | 'BOOKMARK',
  obj: KubeObject,
): void {
  if (isSuspended()) return;
  if (e.kind.table) onTableEvent(e, state, type, obj);
  else if (type === 'BOOKMARK') applyBookmark(state, obj.metadata?.resourceVersion);
  else onObjectEvent(e, state, type, obj);
}

function onObjectEvent(
  e: Entry,
  state: ListState,
  type: 'ADDED' | 'MODIFIED' | 'DELETED',
  obj: KubeObject,
): void {
  const row = e.kind.toRow(obj);
  const change = applyEvent(state, type, row);
  if (type === 'DELETED') e.objects.delete(row.key);
  else if (e.objectsReady) e.objects.set(row.key, cachedObject(obj, e.kind));
  if (change) broadcast(e, { type: 'changes', changes: [change] });
}

function setWatchController(e: Entry, c: AbortController): void {
  e.watchAbort = c;
  // A view joined between the list and this watch's headers: its relist must not wait for the
  // watch to end by itself (up to the 30 s idle timeout on a quiet list).
  if (e.relist) c.abort();
}

/**
 * Contexts whose API server refused a streaming list (the WatchList feature off, or a server from
 * before it): their lists are paged LISTs from then on.
 */
const streamingRefused = new Set<string>();

function streams(e: Entry): boolean {
  return settings.streamingLists && !e.kind.table && !streamingRefused.has(e.context);
}

const INITIAL_EVENTS_END = 'k8s.io/initial-events-end';

/**
 * A streaming list (KEP-3157): one WATCH with sendInitialEvents sends the current objects one event
 * at a time, a bookmark marks the end of that state, and the same watch goes on with the changes.
 * Only one object is parsed at a time, and the first subscribers get the snapshot as soon as the
 * bookmark arrives. Resolves true when the watch ends (listed or not: `onListed` says which), false
 * when the API server refused the parameters, so that the caller falls back to paged LISTs.
 */
async function streamList(e: Entry, onListed: () => void): Promise<boolean> {
  counters.lists++;
  counters.watches++;
  const list = listBuilder(e);
  let state: ListState | undefined;
  try {
    await watchOnce(e.kc, e.kind, e.namespace, '', e.abort.signal, {
      initialEvents: true,
      onEvent: (type, obj) => {
        if (state) onWatchEvent(e, state, type, obj);
        else if (type === 'ADDED') list.add(obj);
        else if (type === 'BOOKMARK' && obj.metadata?.annotations?.[INITIAL_EVENTS_END] === 'true') {
          state = list.finish(obj.metadata?.resourceVersion ?? '');
          onListed();
          listed(e);
          // This watch is the one to relist from, and it is already established.
          if (e.relist) e.watchAbort?.abort();
        }
      },
      onConnected: () => markLive(e),
      holdOff: isSuspended,
      setController: (c) => setWatchController(e, c),
    });
  } catch (err) {
    const status = httpStatus(err);
    if (!state && (status === 400 || status === 422)) return false;
    throw err;
  }
  return true;
}

async function run(e: Entry): Promise<void> {
  let attempt = 0;
  let needList = true;
  const earlier = refusals.get(e.key);
  if (earlier) {
    // Refused a moment ago: say so at once, and wait out the backoff before asking again.
    attempt = earlier.attempt;
    e.error = earlier.error;
    await sleep(Math.max(0, earlier.until - Date.now()), e.abort.signal);
    if (e.abort.signal.aborted) return;
    // The LIST about to go counts against the backoff even if nobody waits for its answer.
    const next = backoffMs(attempt + 1, Math.random(), 500, REFUSED_CAP_MS);
    rememberRefusal(e.key, { attempt: attempt + 1, until: Date.now() + next, error: earlier.error });
  }
  while (!e.abort.signal.aborted) {
    const started = Date.now();
    if (e.relist) {
      e.relist = false;
      needList = true;
    }
    try {
      if (needList && streams(e)) {
        await whileSuspended(e.abort.signal);
        // One request for the list and its changes; it returns when that watch ends.
        if (!(await streamList(e, () => (needList = false)))) {
          streamingRefused.add(e.context);
          continue;
        }
      } else {
        if (needList) {
          if (!(await listInto(e))) return;
          listed(e);
          needList = false;
        }
        await whileSuspended(e.abort.signal);
        const state = e.state;
        if (!state) continue;
        counters.watches++;
        await watchOnce(e.kc, e.kind, e.namespace, state.rv, e.abort.signal, {
          onEvent: (type, obj) => onWatchEvent(e, state, type, obj),
          onConnected: () => markLive(e),
          holdOff: isSuspended,
          table: e.kind.table,
          setController: (c) => setWatchController(e, c),
        });
      }
      // A clean end (server timeout): re-watch at once, unless it ended so fast it would spin.
      attempt = Date.now() - started < 1000 ? attempt + 1 : 0;
      if (attempt > 0) await sleep(backoffMs(attempt, Math.random()), e.abort.signal);
    } catch (err) {
      if (e.abort.signal.aborted) return;
      // The watch was stopped on purpose for the relist above: not a failure to report.
      if (e.relist) continue;
      if (isIdleTimeout(err)) {
        attempt = 0;
        continue;
      }
      if (isGone(err)) {
        counters.relistsAfterGone++;
        needList = true;
        continue;
      }
      const info = toErrorInfo(err, e);
      const refused = info.status === 401 || info.status === 403 || info.status === 404;
      if (refused || !e.state) {
        // Refused: rights may have been revoked, and what these credentials cannot list must not stay
        // on screen. Never listed (unreachable from the start): say so. Either way, keep retrying.
        const repeat = e.error?.message === info.message;
        if (refused) {
          e.state = undefined;
          e.objects = new Map();
          e.objectsReady = false;
        }
        e.error = info;
        e.listing = undefined;
        needList = true;
        if (!repeat) broadcast(e, { type: 'error', error: info });
      } else if (!e.reconnectingSince) {
        e.reconnectingSince = Date.now();
        broadcast(e, { type: 'status', state: 'reconnecting', since: e.reconnectingSince });
      }
      // A watch that ran for a while before failing starts the backoff afresh.
      attempt = Date.now() - started > 10_000 ? 1 : attempt + 1;
      const delay = backoffMs(attempt, Math.random(), 500, refused ? REFUSED_CAP_MS : 8000);
      if (refused) rememberRefusal(e.key, { attempt, until: Date.now() + delay, error: info });
      await sleep(delay, e.abort.signal);
    }
  }
}

/** A watch event of a Table-format kind: one row; new column definitions (a CRD changed) mean a relist. */
function onTableEvent(
  e: Entry,
  state: ListState,
  type: 'ADDED' | 'MODIFIED' | 'DELETED' | 'BOOKMARK',
  event: KubeObject,
): void {
  const obj: unknown = event;
  if (!isTable(obj)) return;
  if (type === 'BOOKMARK') {
    applyBookmark(state, tableResourceVersion(obj));
    return;
  }
  const defs = obj.columnDefinitions;
  if (defs?.length && JSON.stringify(defs) !== JSON.stringify(e.defs)) {
    // The rows cached so far have the old columns' cells: list again, for one consistent table.
    e.relist = true;
    e.watchAbort?.abort();
    return;
  }
  const row = eventRow(obj, e.defs);
  if (!row) return;
  const change = applyEvent(state, type, row);
  if (change) broadcast(e, { type: 'changes', changes: [change] });
}

function rememberRefusal(key: string, r: Refusal): void {
  if (!refusals.has(key) && refusals.size >= MAX_REFUSALS)
    refusals.delete(refusals.keys().next().value ?? '');
  refusals.set(key, r);
}

/**
 * Tests only: drops every upstream watch and holds re-watching until released, so that changes can
 * happen unseen (to force a 410 on the next watch). Nothing in the app calls it.
 */
export function suspendWatchesForTests(suspend: boolean): void {
  const s = shared.__wheelhouseWatchCache;
  if (!s) return;
  if (suspend) {
    if (!s.suspended) {
      let resolve = () => {};
      const promise = new Promise<void>((r) => {
        resolve = r;
      });
      s.suspended = { promise, resolve };
    }
    for (const e of entries.values()) e.watchAbort?.abort();
  } else {
    s.suspended?.resolve();
    s.suspended = undefined;
  }
}

function isSuspended(): boolean {
  return shared.__wheelhouseWatchCache?.suspended !== undefined;
}

async function whileSuspended(signal: AbortSignal): Promise<void> {
  const held = shared.__wheelhouseWatchCache?.suspended;
  if (held && !signal.aborted) await held.promise;
}

function markLive(e: Entry): void {
  if (!e.reconnectingSince) return;
  e.reconnectingSince = undefined;
  broadcast(e, { type: 'status', state: 'live' });
}
