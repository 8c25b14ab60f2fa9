/**
 * Usage samples from the Metrics API and a short history per pod and node. PURE: the server's poller
 * feeds it; views and tests read it.
 */

export interface Usage {
  /** Cores. */
  cpu: number;
  /** Bytes. */
  memory: number;
}

export interface Sample extends Usage {
  /** The Metrics API's timestamp of the window, ms since the epoch. */
  t: number;
}

export interface PodUsage {
  namespace: string;
  name: string;
  t: number;
  containers: Record<string, Usage>;
  total: Usage;
}

/** How far back the charts go. */
export const HISTORY_MS = 15 * 60_000;

/**
 * Appends a sample unless the window is the one already held (metrics-server refreshes its windows
 * every 15 s; polls in between see the same one), and drops what is older than `HISTORY_MS`.
 */
export function pushSample(ring: Sample[], s: Sample): Sample[] {
  const last = ring[ring.length - 1];
  if (last && last.t >= s.t) return ring;
  const cutoff = s.t - HISTORY_MS;
  const kept = ring.filter((x) => x.t > cutoff);
  kept.push(s);
  return kept;
}

export function sumUsage(list: Iterable<Usage>): Usage {
  let cpu = 0;
  let memory = 0;
  for (const u of list) {
    cpu += u.cpu;
    memory += u.memory;
  }
  return { cpu, memory };
}

/** The top `n` pods by one resource, as `kubectl top pod --sort-by` orders them (ties by name). */
export function topPods(pods: readonly PodUsage[], by: keyof Usage, n: number): PodUsage[] {
  return [...pods]
    .sort(
      (a, b) =>
        b.total[by] - a.total[by] || a.namespace.localeCompare(b.namespace) || a.name.localeCompare(b.name),
    )
    .slice(0, n);
}

/**
 * How close usage is to a limit: the warning shows from 80% and is urgent from 90% of the memory
 * limit, where the kernel's OOM killer ends the container at 100%.
 */
export function limitPressure(used: number, limit: number | null): 'ok' | 'near' | 'critical' {
  if (!limit || limit <= 0) return 'ok';
  const r = used / limit;
  return r >= 0.9 ? 'critical' : r >= 0.8 ? 'near' : 'ok';
}

/** CPU as `kubectl top` prints it: millicores rounded up (Quantity.MilliValue). */
export function topCpu(cores: number): string {
  return `${Math.ceil(cores * 1000 - 1e-6)}m`;
}

/** Memory as `kubectl top` prints it: whole MiB, rounded down. */
export function topMemory(bytes: number): string {
  return `${Math.floor(bytes / 2 ** 20)}Mi`;
}
