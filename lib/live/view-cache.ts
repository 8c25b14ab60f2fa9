import 'server-only';
import { AppError, isAppError } from '../errors';
import type { Principal } from '../kube/client';
import type { KubeObject } from '../resources/lists/rows/types';
import { firstMessage } from './first-message';
import { credentialsKey, type ErrorInfo, type ObjectFeed, watchObjects } from './watch-cache';

/**
 * Derived views computed on the server from the watch cache's objects, one per (credentials,
 * context, view, parameters) whatever the number of tabs. A view recomputes after its inputs change
 * (coalesced) and on a timer, so that diagnoses which turn with time (a pod starting for too long,
 * a deletion overdue) do not wait for the object's next change; subscribers hear only a model that
 * differs from the last one (the whole model: views are small next to the lists they come from).
 */

/** One list a view reads: a kind in a namespace, or in all namespaces / cluster-wide (undefined). */
export interface InputSpec {
  slug: string;
  namespace?: string;
  /**
   * A feed other than the watch cache, for what cannot be watched (the Metrics API's shared poll);
   * read with `list(slug, namespace)` like any other input.
   */
  open?: (context: string, onChange: () => void, principal?: Principal) => ObjectFeed;
}

export interface ViewInputs {
  /** The list's objects, or undefined when it cannot be read (see `error`). */
  list<T = KubeObject>(slug: string, namespace?: string): T[] | undefined;
  /** One object by its key ("namespace/name", or the name of a cluster-scoped one). */
  get<T = KubeObject>(slug: string, namespace: string | undefined, key: string): T | undefined;
  error(slug: string, namespace?: string): ErrorInfo | undefined;
}

export interface ViewDef<P, M = unknown> {
  inputs: (p: P) => InputSpec[];
  /** Pure: the model from the inputs; throws an AppError for what the page shows as its error. */
  compute: (inputs: ViewInputs, p: P, now: number) => M;
}

export type ViewMessage =
  | { type: 'view'; data: unknown }
  | { type: 'error'; error: ErrorInfo }
  | { type: 'status'; state: 'live' | 'reconnecting'; since?: number };

export type ViewListener = (m: ViewMessage) => void;

interface ViewEntry {
  key: string;
  def: ViewDef<unknown>;
  params: unknown;
  feeds: Map<string, ObjectFeed>;
  listeners: Set<ViewListener>;
  last: ViewMessage | undefined;
  lastBody: string | undefined;
  status: ViewMessage | undefined;
  coalesce: NodeJS.Timeout | undefined;
  tick: NodeJS.Timeout | undefined;
  stopTimer: NodeJS.Timeout | undefined;
  computeMs: number;
  computes: number;
  stopped: boolean;
}

const shared = globalThis as typeof globalThis & {
  __wheelhouseViews?: {
    settings: { graceMs: number; tickMs: number; coalesceMs: number };
    entries: Map<string, ViewEntry>;
  };
};
shared.__wheelhouseViews ??= {
  settings: { graceMs: 15_000, tickMs: 2_000, coalesceMs: 50 },
  entries: new Map(),
};
const { settings, entries } = shared.__wheelhouseViews;

export function configureViews(s: Partial<typeof settings>): void {
  Object.assign(settings, s);
}

export function viewStats() {
  return [...entries.values()].map((e) => ({
    key: e.key,
    listeners: e.listeners.size,
    computes: e.computes,
    computeMs: e.computeMs,
  }));
}

const feedKey = (slug: string, namespace: string | undefined) => `${slug}\u0000${namespace ?? ''}`;

function inputsOf(e: ViewEntry): ViewInputs {
  const feed = (slug: string, namespace: string | undefined) => {
    const f = e.feeds.get(feedKey(slug, namespace));
    if (!f) throw new Error(`view reads ${slug} in ${namespace ?? 'all namespaces'} without declaring it`);
    return f;
  };
  return {
    list: <T>(slug: string, namespace?: string) => {
      const objs = feed(slug, namespace).objects();
      return objs ? ([...objs] as T[]) : undefined;
    },
    get: <T>(slug: string, namespace: string | undefined, key: string) =>
      feed(slug, namespace).get(key) as T | undefined,
    error: (slug, namespace) => feed(slug, namespace).error(),
  };
}

function broadcast(e: ViewEntry, m: ViewMessage): void {
  for (const l of e.listeners) {
    try {
      l(m);
    } catch (err) {
      console.error('[wheelhouse] view listener failed', err);
    }
  }
}

function toErrorInfo(err: unknown): ErrorInfo {
  if (isAppError(err)) return { status: err.status, code: err.code, message: err.message };
  console.error('[wheelhouse] view failed', err);
  return { status: 500, code: 'internal', message: 'This view could not be computed.' };
}

function recompute(e: ViewEntry): void {
  clearTimeout(e.coalesce);
  e.coalesce = undefined;
  if (e.stopped) return;
  // Until every input has answered (objects or an error), there is nothing true to show.
  for (const f of e.feeds.values()) if (f.objects() === undefined && f.error() === undefined) return;
  const started = performance.now();
  let m: ViewMessage;
  try {
    m = { type: 'view', data: e.def.compute(inputsOf(e), e.params, Date.now()) };
  } catch (err) {
    m = { type: 'error', error: toErrorInfo(err) };
  }
  e.computeMs = Math.round(performance.now() - started);
  e.computes++;
  // `now` changes every time and is not news: compare without it.
  const body = JSON.stringify(m, (k, v) => (k === 'now' ? undefined : v));
  if (body !== e.lastBody) {
    e.lastBody = body;
    e.last = m;
    broadcast(e, m);
  }
  const since = [...e.feeds.values()].map((f) => f.reconnectingSince()).filter((t) => t !== undefined);
  const status: ViewMessage = since.length
    ? { type: 'status', state: 'reconnecting', since: Math.min(...since) }
    : { type: 'status', state: 'live' };
  const prev = e.status;
  if (prev ? JSON.stringify(prev) !== JSON.stringify(status) : status.state !== 'live') {
    e.status = status;
    broadcast(e, status);
  }
}

function schedule(e: ViewEntry): void {
  // A view that costs more to compute waits longer between runs, so a busy cluster cannot spin it.
  if (!e.coalesce && !e.stopped)
    e.coalesce = setTimeout(() => recompute(e), Math.max(settings.coalesceMs, e.computeMs * 2));
}

function startTick(e: ViewEntry): void {
  const next = Math.max(settings.tickMs, e.computeMs * 20);
  e.tick = setTimeout(() => {
    if (e.stopped) return;
    recompute(e);
    startTick(e);
  }, next);
  e.tick.unref?.();
}

function stop(e: ViewEntry): void {
  if (e.listeners.size > 0) return;
  e.stopped = true;
  clearTimeout(e.coalesce);
  clearTimeout(e.tick);
  for (const f of e.feeds.values()) f.close();
  if (entries.get(e.key) === e) entries.delete(e.key);
}

/** Subscribes to a view; the current model (if computed) is delivered at once. */
export function subscribeView<P>(
  context: string,
  name: string,
  def: ViewDef<P>,
  params: P,
  listener: ViewListener,
  principal?: Principal,
): () => void {
  const key = [credentialsKey(context, principal), name, JSON.stringify(params)].join('\u0000');
  let e = entries.get(key);
  if (!e) {
    const entry: ViewEntry = {
      key,
      def: def as ViewDef<unknown>,
      params,
      feeds: new Map(),
      listeners: new Set(),
      last: undefined,
      lastBody: undefined,
      status: undefined,
      coalesce: undefined,
      tick: undefined,
      stopTimer: undefined,
      computeMs: 0,
      computes: 0,
      stopped: false,
    };
    e = entry;
    entries.set(key, entry);
    for (const i of def.inputs(params)) {
      const k = feedKey(i.slug, i.namespace);
      if (!entry.feeds.has(k))
        entry.feeds.set(
          k,
          i.open
            ? i.open(context, () => schedule(entry), principal)
            : watchObjects(context, i.slug, i.namespace, () => schedule(entry), principal),
        );
    }
    startTick(entry);
    // Inputs already cached answer synchronously: compute now rather than after the coalescing delay.
    recompute(entry);
  }
  const entry = e;
  clearTimeout(entry.stopTimer);
  entry.stopTimer = undefined;
  entry.listeners.add(listener);
  if (entry.last) listener(entry.last);
  if (entry.status && entry.status.type === 'status' && entry.status.state !== 'live') listener(entry.status);
  return () => {
    if (!entry.listeners.delete(listener) || entry.listeners.size > 0) return;
    entry.stopTimer = setTimeout(() => stop(entry), settings.graceMs);
    entry.stopTimer.unref?.();
  };
}

/**
 * A view's current model, for server rendering: waits for the first computation (or its error) up
 * to `timeoutMs`. The view stays cached for the grace period, so the tab's stream picks it up.
 */
export function currentView<P, T>(
  context: string,
  name: string,
  def: ViewDef<P>,
  params: P,
  principal?: Principal,
  timeoutMs = 10_000,
): Promise<T> {
  return firstMessage<ViewMessage, T>(
    (listener) => subscribeView(context, name, def, params, listener, principal),
    (m) =>
      m.type === 'view'
        ? { value: m.data as T }
        : m.type === 'error'
          ? { error: new AppError(m.error.status, m.error.message, m.error.code) }
          : undefined,
    timeoutMs,
    () => ({
      error: new AppError(504, 'The cluster did not answer in time; the page retries by itself.', 'timeout'),
    }),
  );
}
