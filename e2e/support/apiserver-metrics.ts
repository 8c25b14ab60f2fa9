import { execFileSync } from 'node:child_process';

/**
 * What the API server itself counts, from its /metrics (read as the admin): requests by verb and
 * resource (apiserver_request_total, a counter) and the watches open now
 * (apiserver_longrunning_requests, a gauge). The dashboard's traffic is the difference between two
 * readings; controllers and KWOK add their own, measured the same way with no tab open.
 */

export interface ApiCounts {
  /** `VERB resource` (e.g. "LIST pods") → requests so far. */
  requests: Map<string, number>;
  /** `resource` → WATCH requests open now. */
  watches: Map<string, number>;
}

/** The resources the dashboard reads; leases, tokens and the controllers' own kinds are left out. */
export const DASHBOARD_RESOURCES = new Set([
  'pods',
  'replicasets',
  'deployments',
  'statefulsets',
  'daemonsets',
  'jobs',
  'cronjobs',
  'events',
  'nodes',
  'namespaces',
  'controllerrevisions',
  'horizontalpodautoscalers',
  'services',
  'endpointslices',
  'ingresses',
  'configmaps',
  'secrets',
  'persistentvolumeclaims',
  'persistentvolumes',
  'storageclasses',
  'selfsubjectaccessreviews',
]);

function label(line: string, name: string): string {
  const m = line.match(new RegExp(`[{,]${name}="([^"]*)"`));
  return m?.[1] ?? '';
}

/** `scope` keeps only requests of that scope ("cluster": across all namespaces; "namespace"; "resource"). */
export function parseMetrics(text: string, scope?: string): ApiCounts {
  const requests = new Map<string, number>();
  const watches = new Map<string, number>();
  for (const line of text.split('\n')) {
    const total = line.startsWith('apiserver_request_total{');
    const open = line.startsWith('apiserver_longrunning_requests{');
    if (!total && !open) continue;
    const resource = label(line, 'resource');
    if (!DASHBOARD_RESOURCES.has(resource)) continue;
    if (scope !== undefined && label(line, 'scope') !== scope) continue;
    const verb = label(line, 'verb');
    const value = Number(line.slice(line.lastIndexOf(' ') + 1));
    if (total) requests.set(`${verb} ${resource}`, (requests.get(`${verb} ${resource}`) ?? 0) + value);
    else if (verb === 'WATCH') watches.set(resource, (watches.get(resource) ?? 0) + value);
  }
  return { requests, watches };
}

export function readApiCounts(
  kubeconfig = process.env.KUBECONFIG ?? '',
  context?: string,
  scope?: string,
): ApiCounts {
  const bin = process.env.WHEELHOUSE_BIN ? `${process.env.WHEELHOUSE_BIN}/kubectl` : 'kubectl';
  const text = execFileSync(
    bin,
    ['--kubeconfig', kubeconfig, ...(context ? ['--context', context] : []), 'get', '--raw', '/metrics'],
    { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 },
  );
  return parseMetrics(text, scope);
}

/** Requests made between two readings, by `VERB resource`, without zeros. */
export function requestsBetween(before: ApiCounts, after: ApiCounts): Map<string, number> {
  const out = new Map<string, number>();
  for (const [k, v] of after.requests) {
    const d = v - (before.requests.get(k) ?? 0);
    if (d > 0) out.set(k, d);
  }
  return out;
}

export function sumVerb(m: Map<string, number>, verb: string): number {
  let n = 0;
  for (const [k, v] of m) if (k.startsWith(`${verb} `)) n += v;
  return n;
}

export function totalWatches(c: ApiCounts): number {
  let n = 0;
  for (const v of c.watches.values()) n += v;
  return n;
}
