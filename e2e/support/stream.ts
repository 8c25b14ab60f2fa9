/**
 * Test-side readers of the dashboard's live data: a tab stream opened in-process through the stream
 * hub (the same code the SSE route runs), and a plain watch-cache subscriber. Both keep the list as
 * the browser would (snapshot, then changes) so tests compare it with the API server's truth.
 */
import { randomUUID } from 'node:crypto';
import { after } from 'node:test';
import { openTab, setSubscriptions } from '@/lib/live/hub';
import type { StreamItem, SubscriptionSpec } from '@/lib/live/protocol';
import { applyChanges } from '@/lib/live/reducer';
import { type CacheMessage, subscribe } from '@/lib/live/watch-cache';
import { nextWindow, type WindowItem } from '@/lib/live/window-state';
import type { Column, Row } from '@/lib/resources/lists/rows/types';
import { waitFor } from './kube';

export interface ListMirror {
  rows: Map<string, Row>;
  /** Table-format kinds: the columns of the last snapshot (kubectl get's). */
  columns?: Column[];
  snapshots: number;
  errors: string[];
  statuses: string[];
  /** A window subscription: its order and counts as last sent, and every row key sent after the first. */
  window?: {
    offset: number;
    keys: string[];
    total: number;
    size: number;
    items: number;
    resent: string[];
    counting: boolean;
  };
}

function mirror(): ListMirror {
  return { rows: new Map(), snapshots: 0, errors: [], statuses: [] };
}

/** A window item, applied as the browser does, plus what the tests count of them. */
function applyWindowItem(m: ListMirror, i: WindowItem): void {
  const w = m.window;
  const next = nextWindow(w && { ...w, rows: m.rows, columns: m.columns }, i);
  if (!next) return;
  m.rows = next.rows;
  m.window = {
    offset: next.offset,
    keys: next.keys,
    total: next.total,
    size: next.size,
    items: (w?.items ?? 0) + 1,
    resent: w ? [...w.resent, ...i.rows.map((r) => r.key)] : [],
    counting: next.counting === true,
  };
  if (next.columns) m.columns = next.columns;
}

function applyItem(m: ListMirror, i: StreamItem): void {
  if (i.t === 'snapshot') apply(m, { type: 'snapshot', rows: i.rows, columns: i.columns });
  else if (i.t === 'append') for (const r of i.rows) m.rows.set(r.key, r);
  else if (i.t === 'changes') apply(m, { type: 'changes', changes: i.changes });
  else if (i.t === 'error') apply(m, { type: 'error', error: i.error });
  else if (i.t === 'status') apply(m, { type: 'status', state: i.state });
  else if (i.t === 'window') applyWindowItem(m, i);
}

function apply(m: ListMirror, msg: CacheMessage): void {
  if (msg.type === 'snapshot') {
    m.rows = new Map(msg.rows.map((r) => [r.key, r]));
    if (msg.columns) m.columns = msg.columns;
    m.snapshots++;
  } else if (msg.type === 'changes') m.rows = applyChanges(m.rows, msg.changes);
  else if (msg.type === 'error') {
    m.rows = new Map();
    m.errors.push(msg.error.message);
  } else if (msg.type === 'status') m.statuses.push(msg.state);
}

/**
 * Every tab a test file opened is closed when the file ends, passed or failed: a failed test that
 * left one open kept its upstream watch, and the file's process, alive, and `npm test` hung.
 */
const open = new Set<AbortController>();
after(() => {
  for (const a of open) a.abort();
});

function tracked(): AbortController {
  const a = new AbortController();
  open.add(a);
  a.signal.addEventListener('abort', () => open.delete(a), { once: true });
  return a;
}

export interface TabStream {
  list: ListMirror;
  bytes: number;
  close: () => void;
}

/** Opens a tab's stream, subscribes it to one list, and mirrors that list from the SSE text. */
export async function openTabStream(spec: SubscriptionSpec): Promise<TabStream> {
  const tab = randomUUID();
  const abort = tracked();
  const reader = openTab(tab, abort.signal).getReader();
  const list = mirror();
  const out: TabStream = { list, bytes: 0, close: () => abort.abort() };
  const decoder = new TextDecoder();
  let buf = '';
  void (async () => {
    for (;;) {
      const { value, done } = await reader.read().catch(() => ({ value: undefined, done: true }));
      if (done || !value) return;
      out.bytes += value.byteLength;
      buf += decoder.decode(value, { stream: true });
      let end = buf.indexOf('\n\n');
      while (end >= 0) {
        const block = buf.slice(0, end);
        buf = buf.slice(end + 2);
        const event = /^event: (.*)$/m.exec(block)?.[1];
        const data = /^data: (.*)$/m.exec(block)?.[1];
        if (event === 'batch' && data)
          for (const item of JSON.parse(data) as StreamItem[]) applyItem(list, item);
        end = buf.indexOf('\n\n');
      }
    }
  })();
  setSubscriptions(tab, [spec]);
  return out;
}

/** A direct watch-cache subscriber (no stream), for tests of the cache itself. */
export function subscribeMirror(context: string, kind: string, namespace: string | undefined) {
  const list = mirror();
  const unsubscribe = subscribe(context, kind, namespace, (m) => apply(list, m));
  return { list, unsubscribe };
}

/** Waits until the mirrored list has exactly these names (sorted), with `check` on each row if given. */
export function waitForNames(list: ListMirror, names: string[], what: string, timeoutMs = 30_000) {
  const want = [...names].sort().join(',');
  return waitFor(
    what,
    async () =>
      [...list.rows.values()]
        .map((r) => r.name)
        .sort()
        .join(',') === want,
    { timeoutMs, intervalMs: 50 },
  );
}

export interface ViewTab {
  /** The newest model of each subscription, by subscription id. */
  views: Map<string, unknown>;
  errors: string[];
  close: () => void;
}

/** Opens a tab's stream (in process), subscribes it to these views and keeps their newest models. */
export function openViewTab(specs: SubscriptionSpec[]): ViewTab {
  const tab = randomUUID();
  const abort = tracked();
  const reader = openTab(tab, abort.signal).getReader();
  const out: ViewTab = { views: new Map(), errors: [], close: () => abort.abort() };
  const decoder = new TextDecoder();
  let buf = '';
  void (async () => {
    for (;;) {
      const { value, done } = await reader.read().catch(() => ({ value: undefined, done: true }));
      if (done || !value) return;
      buf += decoder.decode(value, { stream: true });
      for (let end = buf.indexOf('\n\n'); end >= 0; end = buf.indexOf('\n\n')) {
        const block = buf.slice(0, end);
        buf = buf.slice(end + 2);
        const event = /^event: (.*)$/m.exec(block)?.[1];
        const data = /^data: (.*)$/m.exec(block)?.[1];
        if (event !== 'batch' || !data) continue;
        for (const item of JSON.parse(data) as StreamItem[]) {
          if (item.t === 'view') out.views.set(item.s, item.data);
          else if (item.t === 'error') out.errors.push(item.error.message);
        }
      }
    }
  })();
  setSubscriptions(tab, specs);
  return out;
}
