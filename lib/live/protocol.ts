import type { ListQuery } from '../resources/lists/query';
import type { Column, Row } from '../resources/lists/rows/types';
import type { Change } from './reducer';

/**
 * The wire format of the one SSE stream per browser tab, shared by the server and the browser.
 * A tab opens the stream with its whole list of subscriptions (GET /api/stream?tab=…&s=<JSON>; a new
 * set is a new stream, so any replica can serve any request), and receives `batch` events whose items
 * each belong to one subscription; every stream starts each subscription with a snapshot or a view. A subscription is a live list (rows of one kind) or a view (a
 * model the server derives from cached lists: the overview, a workload's rollout, a pod…).
 */

export interface ListSpec {
  context: string;
  kind: string;
  /** A namespace or `_all`. Cluster-scoped kinds are always listed whole. */
  namespace: string;
  /**
   * Only these rows of the list: the query's order from `offset`, `count` of them. Without it, the
   * whole list (tests and tools; pages always ask for a window).
   */
  window?: ListWindow;
}

export interface ListWindow extends ListQuery {
  offset: number;
  count: number;
}

/** The server-side views (lib/live/views), by name. */
export const VIEW_NAMES = [
  'overview',
  'rollout',
  'workload-pods',
  'pod',
  'nodes',
  'node',
  'cronjob',
  'pod-usage',
  'node-usage',
  'top-usage',
  'service',
  'claim',
  'storage',
  'security',
  'api-kinds',
  'drift',
] as const;
export type ViewName = (typeof VIEW_NAMES)[number];

export interface ViewSpec {
  context: string;
  view: ViewName;
  /** A namespace, or `_all` where the view allows it (overview, nodes). */
  namespace: string;
  /** The workload's plural resource name (rollout, workload-pods). */
  kind?: string;
  /** The object's name (rollout, workload-pods, pod). */
  name?: string;
}

export type SubscriptionSpec = ListSpec | ViewSpec;

export interface ErrorInfo {
  status: number;
  code: string;
  message: string;
}

export type StreamItem =
  /** Large snapshots come in parts (`more` on all but the last) so no browser task parses them whole. */
  | { s: string; t: 'snapshot'; rows: Row[]; more?: true; columns?: Column[] }
  | { s: string; t: 'append'; rows: Row[]; more?: true }
  | { s: string; t: 'changes'; changes: Change[] }
  /**
   * A window's news: `keys` (the window's rows in order) when the order or membership changed, and
   * only the rows the tab does not have as they are; `total` rows match the query, of `size` listed.
   * The first item of a stream has them all; later ones leave out `offset` and the counts that did
   * not change (most row changes move neither), so they stand as last sent.
   */
  | {
      s: string;
      t: 'window';
      offset?: number;
      total?: number;
      size?: number;
      keys?: string[];
      rows: Row[];
      columns?: Column[];
      /** The list is still arriving from the API server: the rows so far, their order and counts. */
      listing?: true;
      /** The first rows of a new filter: `total` is those found so far, the rest are being found. */
      counting?: true;
    }
  /** A view's whole model, sent when it differs from the last one sent (never a partial diff). */
  | { s: string; t: 'view'; data: unknown }
  | { s: string; t: 'error'; error: ErrorInfo }
  | { s: string; t: 'status'; state: 'live' | 'reconnecting'; since?: number };

export function isViewSpec(s: SubscriptionSpec): s is ViewSpec {
  return 'view' in s;
}

/**
 * The subscription's name in the stream: every item carries it, so it is short. Its fields, each
 * URI-encoded (so none holds a space) and joined by spaces after a letter for the sort of
 * subscription: one name per spec, and JSON need not escape it (a JSON array here cost a tenth of
 * an item for one changed row).
 */
export function subscriptionId(s: SubscriptionSpec): string {
  const fields = isViewSpec(s)
    ? ['v', s.view, s.context, s.namespace, s.kind ?? '', s.name ?? '']
    : s.window
      ? [
          'w',
          s.context,
          s.kind,
          s.namespace,
          s.window.q,
          s.window.selector,
          s.window.sort,
          s.window.dir,
          String(s.window.offset),
          String(s.window.count),
        ]
      : ['l', s.context, s.kind, s.namespace];
  return fields.map(encodeURIComponent).join(' ');
}
