import 'server-only';
import { HttpMethod, RequestContext } from '@kubernetes/client-node';
import { fetch } from 'undici';
import type { Principal } from '../../../kube/client';
import { kubeConfig } from '../../../kube/client';
import { credentialsKey, type ErrorInfo, type ObjectFeed } from '../../../live/watch-cache';
import type { KubeObject } from '../../lists/rows/types';
import { parseQuantity } from '../../nodes/quantities';
import { type PodUsage, pushSample, type Sample, sumUsage, type Usage } from '../history';

/**
 * The one read of the Metrics API (metrics.k8s.io, served by metrics-server). It cannot be watched,
 * so the server polls it: one GET per interval per (credentials, kind, namespace), whatever the
 * number of tabs, shared by every view that shows usage; each pod and node keeps a short history
 * ring (lib/resources/metrics/history.ts), so charts come from the server and tabs add no load.
 * Polling stops a grace period after the last view lets go.
 */

export type MetricsScope = { kind: 'pods'; namespace?: string } | { kind: 'nodes' };

export interface MetricsSnapshot {
  /** When the last poll answered. */
  polledAt: number;
  pods: Map<string, PodUsage>;
  nodes: Map<string, Usage & { t: number }>;
  /** History by "namespace/name" (pods) or node name. */
  history: Map<string, Sample[]>;
}

interface Entry {
  key: string;
  context: string;
  principal: Principal | undefined;
  scope: MetricsScope;
  listeners: Set<() => void>;
  snapshot: MetricsSnapshot | undefined;
  error: ErrorInfo | undefined;
  timer: NodeJS.Timeout | undefined;
  stopTimer: NodeJS.Timeout | undefined;
  polls: number;
  inFlight: boolean;
  stopped: boolean;
}

const shared = globalThis as typeof globalThis & {
  __wheelhouseMetrics?: { settings: { intervalMs: number; graceMs: number }; entries: Map<string, Entry> };
};
// metrics-server's resolution is 15 s (kwokctl starts it with --metric-resolution=15s, its default).
shared.__wheelhouseMetrics ??= { settings: { intervalMs: 15_000, graceMs: 15_000 }, entries: new Map() };
const { settings, entries } = shared.__wheelhouseMetrics;

export function configureMetrics(s: Partial<typeof settings>): void {
  Object.assign(settings, s);
}

/** Polls made so far per entry: the figure behind "tabs add no load". */
export function metricsStats(): { key: string; polls: number; listeners: number }[] {
  return [...entries.values()].map((e) => ({ key: e.key, polls: e.polls, listeners: e.listeners.size }));
}

interface MetricsItem {
  metadata: { name: string; namespace?: string };
  timestamp: string;
  usage?: Record<string, string>;
  containers?: { name: string; usage: Record<string, string> }[];
}

function usageOf(u: Record<string, string> | undefined): Usage {
  return { cpu: parseQuantity(u?.cpu) || 0, memory: parseQuantity(u?.memory) || 0 };
}

function pathOf(scope: MetricsScope): string {
  if (scope.kind === 'nodes') return '/apis/metrics.k8s.io/v1beta1/nodes';
  return scope.namespace
    ? `/apis/metrics.k8s.io/v1beta1/namespaces/${encodeURIComponent(scope.namespace)}/pods`
    : '/apis/metrics.k8s.io/v1beta1/pods';
}

/** What a failed read means for the pages: one sentence, said once. */
export function metricsError(status: number, what: string): ErrorInfo {
  if (status === 404 || status === 503)
    return {
      status,
      code: 'metrics_unavailable',
      message:
        'This cluster does not serve the Metrics API (metrics-server), so CPU and memory use are not shown.',
    };
  if (status === 401 || status === 403)
    return { status, code: 'forbidden', message: `You may not read ${what} from the Metrics API.` };
  return { status, code: 'metrics_error', message: `The Metrics API did not answer (${status}).` };
}

async function readMetrics(e: Entry): Promise<MetricsItem[]> {
  const kc = kubeConfig(e.context, e.principal);
  const cluster = kc.getCurrentCluster();
  if (!cluster) throw metricsError(500, 'usage');
  const url = cluster.server + pathOf(e.scope);
  const ctx = new RequestContext(url, HttpMethod.GET);
  await kc.applySecurityAuthentication(ctx);
  let res: Awaited<ReturnType<typeof fetch>>;
  try {
    res = await fetch(url, {
      headers: ctx.getHeaders(),
      dispatcher: ctx.getDispatcher(),
      signal: AbortSignal.timeout(10_000),
    });
  } catch {
    throw metricsError(502, 'usage');
  }
  if (res.status !== 200) {
    await res.body?.cancel().catch(() => undefined);
    throw metricsError(res.status, e.scope.kind === 'nodes' ? 'node usage' : 'pod usage');
  }
  return ((await res.json()) as { items?: MetricsItem[] }).items ?? [];
}

function absorb(e: Entry, items: MetricsItem[]): void {
  const prev = e.snapshot;
  const history = prev?.history ?? new Map<string, Sample[]>();
  const pods = new Map<string, PodUsage>();
  const nodes = new Map<string, Usage & { t: number }>();
  for (const it of items) {
    const t = Date.parse(it.timestamp) || Date.now();
    if (e.scope.kind === 'nodes') {
      const u = usageOf(it.usage);
      nodes.set(it.metadata.name, { ...u, t });
      history.set(it.metadata.name, pushSample(history.get(it.metadata.name) ?? [], { ...u, t }));
    } else {
      const containers = Object.fromEntries((it.containers ?? []).map((c) => [c.name, usageOf(c.usage)]));
      const total = sumUsage(Object.values(containers));
      const key = `${it.metadata.namespace}/${it.metadata.name}`;
      pods.set(key, { namespace: it.metadata.namespace ?? '', name: it.metadata.name, t, containers, total });
      history.set(key, pushSample(history.get(key) ?? [], { ...total, t }));
    }
  }
  // Pods and nodes that went away take their history with them.
  const live = e.scope.kind === 'nodes' ? nodes : pods;
  for (const k of history.keys()) if (!live.has(k)) history.delete(k);
  e.snapshot = { polledAt: Date.now(), pods, nodes, history };
}

async function poll(e: Entry): Promise<void> {
  if (e.stopped || e.inFlight) return;
  e.inFlight = true;
  e.polls++;
  try {
    absorb(e, await readMetrics(e));
    e.error = undefined;
  } catch (err) {
    e.error = (err as ErrorInfo).code ? (err as ErrorInfo) : metricsError(500, 'usage');
  } finally {
    e.inFlight = false;
  }
  if (e.stopped) return;
  for (const l of e.listeners) l();
  e.timer = setTimeout(() => void poll(e), settings.intervalMs);
  e.timer.unref?.();
}

function stop(e: Entry): void {
  if (e.listeners.size > 0) return;
  e.stopped = true;
  clearTimeout(e.timer);
  if (entries.get(e.key) === e) entries.delete(e.key);
}

/**
 * A view input over the shared poll: `objects()` holds one MetricsSnapshot once the first poll has
 * answered, `error()` the sentence when it failed (not served, not allowed).
 */
export function watchMetrics(
  context: string,
  scope: MetricsScope,
  onChange: () => void,
  principal?: Principal,
): ObjectFeed {
  const key = [
    credentialsKey(context, principal),
    scope.kind,
    scope.kind === 'pods' ? (scope.namespace ?? '') : '',
  ].join('\u0000');
  let e = entries.get(key);
  if (!e) {
    e = {
      key,
      context,
      principal,
      scope,
      listeners: new Set(),
      snapshot: undefined,
      error: undefined,
      timer: undefined,
      stopTimer: undefined,
      polls: 0,
      inFlight: false,
      stopped: false,
    };
    entries.set(key, e);
    void poll(e);
  }
  const entry = e;
  clearTimeout(entry.stopTimer);
  entry.listeners.add(onChange);
  let closed = false;
  return {
    objects: () => (entry.snapshot ? [entry.snapshot as unknown as KubeObject] : undefined),
    get: () => undefined,
    error: () => (entry.snapshot ? undefined : entry.error),
    reconnectingSince: () => undefined,
    close: () => {
      if (closed) return;
      closed = true;
      entry.listeners.delete(onChange);
      if (entry.listeners.size > 0) return;
      entry.stopTimer = setTimeout(() => stop(entry), settings.graceMs);
      entry.stopTimer.unref?.();
    },
  };
}
