'use client';

import { useVirtualizer } from '@tanstack/react-virtual';
import { useDeferredValue, useEffect, useId, useMemo, useRef, useState } from 'react';
import { ListError } from '@/components/live/list-error';
import { LiveCell, layoutOf } from '@/components/live/live-cell';
import { useWatchedList, type WatchedList } from '@/components/live/use-watched-list';
import { Callout } from '@/components/ui/callout';
import { ScrollArea } from '@/components/ui/scroll-area';
import type { ErrorInfo } from '@/lib/live/protocol';
import { ALL_NAMESPACES, scopePath } from '@/lib/paths';
import type { Column, Row } from '@/lib/resources/lists/kinds';
import {
  type ListQuery,
  listQueryString,
  parseSelector,
  type View,
  viewOf,
} from '@/lib/resources/lists/query';

export interface InitialList {
  /** The first rows, filtered and sorted as the URL says. */
  rows: Row[];
  total: number;
  error?: ErrorInfo;
  /** The server's cache had no answer yet: rows come with the stream. */
  pending?: boolean;
  /** Kinds listed as the API server's Table (discovered kinds): kubectl get's columns. */
  columns?: Column[];
}

/** What a list needs to know of a kind Wheelhouse has no definition of (one found by discovery). */
export interface ListKind {
  label: string;
  namespaced: boolean;
  columns: Column[];
}

const ROW_HEIGHT = 36;

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
  const start = useMemo<WatchedList>(() => {
    if (initial.error) return { status: 'error', rows: new Map(), error: initial.error };
    if (initial.pending) return { status: 'loading', rows: new Map() };
    const rows = new Map(initial.rows.map((r) => [r.key, r]));
    const columns = initial.columns ? { columns: initial.columns } : {};
    return { status: 'ready', rows, partial: initial.rows.length < initial.total, ...columns };
  }, [initial]);
  const list = useWatchedList({ context, kind, namespace: namespaceSegment }, start);

  const [text, setText] = useState(query.q);
  const [selector, setSelector] = useState(query.selector);
  const [sort, setSort] = useState({ key: query.sort, dir: query.dir });
  const parsed = useMemo(() => {
    try {
      return { reqs: parseSelector(selector), error: undefined };
    } catch (e) {
      return { reqs: [], error: e instanceof Error ? e.message : 'not valid' };
    }
  }, [selector]);
  const deferredText = useDeferredValue(text);

  const columns = useMemo<Column[]>(() => {
    const showNs = def.namespaced && namespaceSegment === ALL_NAMESPACES;
    return [
      ...(showNs ? [{ key: 'namespace', label: 'Namespace', type: 'text' as const }] : []),
      { key: 'name', label: 'Name', type: 'text' },
      ...(list.columns ?? initial.columns ?? def.columns),
    ];
  }, [def, namespaceSegment, list.columns, initial.columns]);
  const layout = useMemo(() => layoutOf(columns), [columns]);

  const view = useRef<View | undefined>(undefined);
  const visible = useMemo(() => {
    view.current = viewOf(view.current, list.rows, columns, deferredText, parsed.reqs, sort.key, sort.dir);
    return view.current.shown;
  }, [list.rows, deferredText, parsed.reqs, columns, sort]);

  // The URL carries filters and sort, so the view can be shared; no server round trip for it.
  useEffect(() => {
    const t = setTimeout(() => {
      const qs = listQueryString({ q: text, selector, sort: sort.key, dir: sort.dir });
      if (window.location.search !== qs) window.history.replaceState(null, '', window.location.pathname + qs);
    }, 300);
    return () => clearTimeout(t);
  }, [text, selector, sort]);

  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: visible.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
    initialRect: { width: 1200, height: 900 },
    getItemKey: (i) => visible[i]?.key ?? i,
  });

  const total = list.partial ? Math.max(initial.total, list.rows.size) : list.rows.size;
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
            <p className="ml-auto text-muted">
              {visible.length === total ? `${total}` : `${visible.length} of ${total}`} in {where}
              {list.partial ? ' (loading the rest…)' : ''}
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
      ) : list.rows.size === 0 ? (
        <p className="text-sm text-muted">No {def.label} here.</p>
      ) : (
        <ScrollArea
          ref={scrollRef}
          label={`${def.label} table`}
          className="max-h-[calc(100vh-15rem)] rounded border border-line"
        >
          {/* A real table laid out as a grid: rows are absolutely placed by the virtualizer. */}
          <table aria-label={def.label} aria-rowcount={visible.length + 1} className="grid text-left text-sm">
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
                        onClick={() =>
                          setSort((s) =>
                            s.key === c.key
                              ? { key: c.key, dir: s.dir === 'asc' ? 'desc' : 'asc' }
                              : { key: c.key, dir: 'asc' },
                          )
                        }
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
            <tbody
              className="relative grid"
              style={{ height: Math.max(virtualizer.getTotalSize(), ROW_HEIGHT) }}
            >
              {visible.length === 0 && (
                <tr className="grid">
                  <td className="p-3 text-muted">No {def.label} match the filter.</td>
                </tr>
              )}
              {virtualizer.getVirtualItems().map((vi) => {
                const r = visible[vi.index];
                if (!r) return null;
                return (
                  <tr
                    key={vi.key}
                    // Measured, not fixed: a wrapped diagnosis makes its row taller instead of cut off.
                    ref={virtualizer.measureElement}
                    data-index={vi.index}
                    aria-rowindex={vi.index + 2}
                    data-key={r.key}
                    data-rv={r.rv}
                    className="absolute left-0 grid w-full border-b border-line-subtle hover:bg-hover"
                    style={{ ...layout, minHeight: ROW_HEIGHT, transform: `translateY(${vi.start}px)` }}
                  >
                    {columns.map((c) =>
                      c.below && (r.cells[c.key] ?? null) === null ? null : (
                        <LiveCell
                          key={c.key}
                          row={r}
                          column={c}
                          now={now}
                          href={
                            c.key === 'name'
                              ? scopePath(
                                  context,
                                  r.namespace || namespaceSegment,
                                  `${kind}/${encodeURIComponent(r.name)}`,
                                )
                              : undefined
                          }
                        />
                      ),
                    )}
                  </tr>
                );
              })}
            </tbody>
          </table>
        </ScrollArea>
      )}
    </div>
  );
}
