/**
 * How long a polling view waits before retrying after a failed refresh. SWR's default doubles without
 * a useful cap (5 s up to about 21 min), so a page that saw one outage could stay stale for minutes
 * after the cluster came back. Here: the poll interval, doubling, at most `maxMs`, with ±25% jitter so
 * that many tabs do not retry in step.
 */
export function retryDelayMs(retryCount: number, pollMs: number, maxMs: number, random: number): number {
  const base = Math.min(pollMs * 2 ** Math.max(0, Math.min(retryCount - 1, 10)), maxMs);
  return Math.round(base * (0.75 + random * 0.5));
}
