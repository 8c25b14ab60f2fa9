'use client';

import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { ListError } from '@/components/live/list-error';
import { layoutOf } from '@/components/live/live-cell';
import { LiveRow, ROW_HEIGHT } from '@/components/live/live-row';
import { useVirtualRows } from '@/components/live/use-virtual-rows';
import { useWatchedWindow, type WatchedWindow } from '@/components/live/use-watched-list';
import { Callout } from '@/components/ui/callout';
import { ScrollArea } from '@/components/ui/scroll-area';
import type { ErrorInfo } from '@/lib/live/protocol';
import { ALL_NAMESPACES } from '@/lib/paths';
import type { Column, Row } from '@/lib/resources/lists/kinds';
import { type ListQuery, listQueryString, parseSelector } from '@/lib/resources/lists/query';

export interface InitialList {
  /** The first rows of the window, filtered and sorted as the URL says. */
  rows: Row[];
  /** Rows matching the URL's filter, of `size` listed. */
  total: number;
  size: number;
  error?: ErrorInfo;
  /** The server's cache had no answer yet: rows come with the stream. */
  pending?: boolean;
  /** Kinds listed as the API server's Table (discovered kinds): kubectl get's columns. */
  columns?: Column[];
  /** The server was still receiving the list: the first of the rows so far. */
  listing?: true;
  /** The first rows of the filter: `total` counts those found so far. */
  counting?: true;
}

/** What a list needs to know of a kind Wheelhouse has no definition of (one found by discovery). */
export interface ListKind {
  label: string;
  namespaced: boolean;
  columns: Column[];
}

/**
 * The browser holds a window of the list, not the list: WINDOW rows from a multiple of BLOCK, moved
 * when the rows on screen leave it. The server keeps the order, so a list of any size costs the tab
 * the same few hundred rows.
 */
const BLOCK = 100;
const WINDOW = 300;
/** How long scrolling settles before the window around the rows on screen is asked for. */
const SETTLE_MS = 40;
/**
 * How long typing settles before the filter is asked for: a new query costs the server one pass over
 * the last one's rows (it narrows it), and people type slower than that, so waiting only delays it.
 */
const TYPING_SETTLE_MS = 0;

function useNow(initial: number): number {
  const [now, setNow] = useState(initial);
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), 10_000);
    return () => clearInterval(t);
  }, []);
  return now;
}

export function LiveList({
  context,
  namespaceSegment,
  kind,
  def,
  initial,
  query,
  now: serverNow,
}: {
  context: string;
  namespaceSegment: string;
  kind: string;
  /**
   * The kind's columns and scope, from its definition on the server (the list ships no row
   * transforms); for a kind found by discovery the columns come with the rows.
   */
  def: ListKind;
  initial: InitialList;
  query: ListQuery;
  now: number;
}) {
  const now = useNow(serverNow);
  const ids = { text: useId(), selector: useId() };
  const [text, setText] = useState(query.q);
  const [selector, setSelector] = useState(query.selector);
  const [sort, setSort] = useState({ key: query.sort, dir: query.dir });
  const parsed = useMemo(() => {
    try {
      parseSelector(selector);
      return { error: undefined };
    } catch (e) {
      return { error: e instanceof Error ? e.message : 'not valid' };
    }
  }, [selector]);

  // The query the server orders by: the typed text once typing settles, the last valid selector.
  const [asked, setAsked] = useState<ListQuery>(query);
  const ask = (next: { key: string; dir: 'asc' | 'desc' }) =>
    setAsked((cur) => {
      const q = { q: text, selector: parsed.error ? cur.selector : selector, sort: next.key, dir: next.dir };
      return listQueryString(q) === listQueryString(cur) ? cur : q;
    });
  // biome-ignore lint/correctness/useExhaustiveDependencies: `ask` reads the same state as the deps
  useEffect(() => {
    const t = setTimeout(() => ask(sort), TYPING_SETTLE_MS);
    return () => clearTimeout(t);
  }, [text, selector, parsed.error, sort]);
  // A click is not typing: a sort is asked for at once.
  const sortBy = (key: string) => {
    const next =
      sort.key === key
        ? { key, dir: sort.dir === 'asc' ? ('desc' as const) : ('asc' as const) }
        : { key, dir: 'asc' as const };
    setSort(next);
    ask(next);
  };
  const [range, setRange] = useState({ offset: 0, count: WINDOW });
  const scrollRef = useRef<HTMLDivElement>(null);
  // A new query starts at its top.
  // biome-ignore lint/correctness/useExhaustiveDependencies: reset whenever the asked query changes
  useEffect(() => {
    setRange({ offset: 0, count: WINDOW });
    scrollRef.current?.scrollTo({ top: 0 });
  }, [asked]);

  const spec = { context, kind, namespace: namespaceSegment, window: { ...asked, ...range } };
  const first = useMemo<WatchedWindow | undefined>(() => {
    if (initial.pending) return undefined;
    if (initial.error)
      return {
        status: 'error',
        offset: 0,
        keys: [],
        rows: new Map(),
        total: 0,
        size: 0,
        error: initial.error,
      };
    return {
      status: 'ready',
      offset: 0,
      keys: initial.rows.map((r) => r.key),
      rows: new Map(initial.rows.map((r) => [r.key, r])),
      total: initial.total,
      size: initial.size,
      ...(initial.columns ? { columns: initial.columns } : {}),
      ...(initial.listing ? { listing: true } : {}),
      ...(initial.counting ? { counting: true } : {}),
    };
  }, [initial]);
  const isFirst = asked === query && range.offset === 0;
  const live = useWatchedWindow(spec, isFirst ? first : undefined);
  // While a new window loads, the last one stays on screen (its rows where they were).
  const lastReady = useRef<WatchedWindow | undefined>(undefined);
  if (live.status !== 'loading') lastReady.current = live;
  const list = live.status === 'loading' && lastReady.current ? lastReady.current : live;

  const columns = useMemo<Column[]>(() => {
    const showNs = def.namespaced && namespaceSegment === ALL_NAMESPACES;
    return [
      ...(showNs ? [{ key: 'namespace', label: 'Namespace', type: 'text' as const }] : []),
      { key: 'name', label: 'Name', type: 'text' },
      ...(list.columns ?? initial.columns ?? def.columns),
    ];
  }, [def, namespaceSegment, list.columns, initial.columns]);
  const layout = useMemo(() => layoutOf(columns), [columns]);
  const rowAt = (i: number): Row | undefined => {
    const key = list.keys[i - list.offset];
    return key === undefined ? undefined : list.rows.get(key);
  };

  // The URL carries filters and sort, so the view can be shared.
  useEffect(() => {
    const t = setTimeout(() => {
      const qs = listQueryString({ q: text, selector, sort: sort.key, dir: sort.dir });
      if (window.location.search !== qs) window.history.replaceState(null, '', window.location.pathname + qs);
    }, 300);
    return () => clearTimeout(t);
  }, [text, selector, sort]);

  const virtual = useVirtualRows({
    count: list.total,
    rowHeight: ROW_HEIGHT,
    overscan: 12,
    scrollRef,
    offset: list.offset,
    keys: list.keys,
  });
  const items = virtual.rows;
  const top = items[0]?.index ?? 0;
  const bottom = items[items.length - 1]?.index ?? 0;
  // Scrolled out of the window: ask for the one around the rows on screen once scrolling settles.
  useEffect(() => {
    const inside = top >= range.offset && bottom < range.offset + range.count;
    if (inside) return;
    const t = setTimeout(() => {
      const offset = Math.max(0, Math.floor(top / BLOCK) * BLOCK - BLOCK);
      setRange((r) => (r.offset === offset ? r : { offset, count: WINDOW }));
    }, SETTLE_MS);
    return () => clearTimeout(t);
  }, [top, bottom, range]);

  const total = list.size;
  const where = !def.namespaced
    ? 'the cluster'
    : namespaceSegment === ALL_NAMESPACES
      ? 'all namespaces'
      : `namespace ${namespaceSegment}`;

  return (
    <div className="space-y-3">
      {list.status !== 'error' && (
        <div className="flex flex-wrap items-end gap-3 text-sm">
          <div className="flex flex-col gap-1">
            <label htmlFor={ids.text} className="text-muted">
              Filter
            </label>
            <input
              id={ids.text}
              type="search"
              value={text}
              onChange={(e) => setText(e.target.value)}
              placeholder="name, status, node, label…"
              className="w-64 rounded border border-field bg-transparent px-2 py-1"
            />
          </div>
          <div className="flex flex-col gap-1">
            <label htmlFor={ids.selector} className="text-muted">
              Label selector
            </label>
            <input
              id={ids.selector}
              value={selector}
              onChange={(e) => setSelector(e.target.value)}
              placeholder="app=web,tier!=db"
              aria-invalid={parsed.error ? true : undefined}
              className="w-64 rounded border border-field bg-transparent px-2 py-1 font-mono"
            />
          </div>
          {list.status === 'ready' && (
            <p className="ml-auto text-muted" role={list.listing || list.counting ? 'status' : undefined}>
              {list.listing
                ? `Listing ${def.label} from the cluster: ${total} so far in ${where}…`
                : list.counting
                  ? `Counting: ${list.total} so far of ${total} in ${where}…`
                  : `${list.total === total ? `${total}` : `${list.total} of ${total}`} in ${where}`}
            </p>
          )}
        </div>
      )}
      {parsed.error && (
        <p role="alert" className="text-sm text-bad">
          Invalid label selector: {parsed.error}.
        </p>
      )}
      {list.staleSince && list.status === 'ready' && (
        <Callout tone="warning" title="Reconnecting to the cluster">
          <p>
            Showing the last known state, stale since {new Date(list.staleSince).toLocaleTimeString()}.
            Changes appear again as soon as the API server answers.
          </p>
        </Callout>
      )}
      {list.status === 'error' && list.error ? (
        <ListError error={list.error} />
      ) : list.status === 'loading' ? (
        <p role="status" className="text-sm text-muted">
          Loading {def.label}…
        </p>
      ) : list.size === 0 ? (
        <p className="text-sm text-muted">No {def.label} here.</p>
      ) : (
        <ScrollArea
          ref={scrollRef}
          label={`${def.label} table`}
          className="max-h-[calc(100vh-15rem)] rounded border border-line"
        >
          {/* A real table laid out as a grid: rows are absolutely placed (use-virtual-rows.ts). */}
          <table
            aria-label={def.label}
            aria-rowcount={list.total + 1}
            // Busy while a new window or query is on its way: the rows shown are the last ones.
            aria-busy={live.status === 'loading' || list.listing || list.counting ? true : undefined}
            // Set once the tab's stream (not only the server render) has given this list.
            data-live={live.status !== 'loading' && live !== first ? 'true' : undefined}
            className="grid text-left text-sm"
          >
            <thead className="sticky top-0 z-10 grid bg-canvas">
              <tr aria-rowindex={1} className="grid border-b border-line" style={layout}>
                {columns.map((c) => {
                  const active = sort.key === c.key;
                  return (
                    <th
                      key={c.key}
                      scope="col"
                      aria-sort={active ? (sort.dir === 'asc' ? 'ascending' : 'descending') : 'none'}
                      // A column shown under the row has no header cell in the grid, but keeps its
                      // name for screen readers and its sort button for the keyboard.
                      className={`whitespace-nowrap px-3 py-2 font-medium text-muted ${c.below ? 'sr-only' : ''}`}
                    >
                      <button
                        type="button"
                        onClick={() => sortBy(c.key)}
                        className="inline-flex items-center gap-1 hover:text-fg"
                      >
                        {c.label}
                        <span aria-hidden className="w-3 text-xs">
                          {active ? (sort.dir === 'asc' ? '▲' : '▼') : ''}
                        </span>
                      </button>
                    </th>
                  );
                })}
              </tr>
            </thead>
            <tbody className="relative grid" style={{ height: Math.max(virtual.size, ROW_HEIGHT) }}>
              {list.total === 0 && (
                <tr className="grid">
                  <td className="p-3 text-muted">No {def.label} match the filter.</td>
                </tr>
              )}
              {items.map((vi) => {
                const r = rowAt(vi.index);
                if (!r)
                  return (
                    <tr
                      key={`row-${vi.index}`}
                      aria-rowindex={vi.index + 2}
                      aria-busy="true"
                      className="absolute left-0 grid w-full border-b border-line-subtle"
                      style={{ minHeight: ROW_HEIGHT, transform: `translateY(${vi.start}px)` }}
                    >
                      <td className="px-3 py-2 text-muted">Loading…</td>
                    </tr>
                  );
                return (
                  <LiveRow
                    key={r.key}
                    row={r}
                    index={vi.index}
                    start={vi.start}
                    layout={layout}
                    columns={columns}
                    now={now}
                    context={context}
                    namespaceSegment={namespaceSegment}
                    kind={kind}
                    measure={virtual.measure}
                  />
                );
              })}
            </tbody>
          </table>
        </ScrollArea>
      )}
    </div>
  );
}
