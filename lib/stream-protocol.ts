import type { Row } from './k8s/rows/types';
import type { Change } from './k8s/watch-reducer';

/**
 * The wire format of the one SSE stream per browser tab, shared by the server and the browser.
 * A tab sets its whole list of subscriptions at once (POST), and receives `batch` events whose items
 * each belong to one subscription.
 */

export interface SubscriptionSpec {
  context: string;
  kind: string;
  /** A namespace or `_all`. Cluster-scoped kinds are always listed whole. */
  namespace: string;
}

export interface ErrorInfo {
  status: number;
  code: string;
  message: string;
}

export type StreamItem =
  /** Large snapshots come in parts (`more` on all but the last) so no browser task parses them whole. */
  | { s: string; t: 'snapshot'; rows: Row[]; more?: true }
  | { s: string; t: 'append'; rows: Row[]; more?: true }
  | { s: string; t: 'changes'; changes: Change[] }
  | { s: string; t: 'error'; error: ErrorInfo }
  | { s: string; t: 'status'; state: 'live' | 'reconnecting'; since?: number };

export function subscriptionId(s: SubscriptionSpec): string {
  return JSON.stringify([s.context, s.kind, s.namespace]);
}
