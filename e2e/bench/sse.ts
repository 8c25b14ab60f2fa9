/** A minimal tab stream client over HTTP, as the browser's EventSource would use it. */
import { randomUUID } from 'node:crypto';

export interface BenchStream {
  snapshotRows: number;
  snapshotBytes: number;
  changeBytes: number;
  changes: number;
  /** When each (key, resourceVersion) arrived on this stream. */
  arrivals: Map<string, [string, number][]>;
  ready: Promise<void>;
  close: () => void;
}

export function openStream(
  base: string,
  spec: { context: string; kind: string; namespace: string },
): BenchStream {
  const tab = randomUUID();
  const abort = new AbortController();
  let resolveReady = () => {};
  const s: BenchStream = {
    snapshotRows: 0,
    snapshotBytes: 0,
    changeBytes: 0,
    changes: 0,
    arrivals: new Map(),
    ready: new Promise<void>((r) => {
      resolveReady = r;
    }),
    close: () => abort.abort(),
  };
  void (async () => {
    const res = await fetch(`${base}/api/stream?tab=${tab}`, { signal: abort.signal });
    if (!res.body) throw new Error('no stream body');
    const decoder = new TextDecoder();
    let buf = '';
    for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
      buf += decoder.decode(chunk, { stream: true });
      let end = buf.indexOf('\n\n');
      while (end >= 0) {
        const block = buf.slice(0, end + 2);
        buf = buf.slice(end + 2);
        end = buf.indexOf('\n\n');
        if (block.includes('event: hello')) {
          await fetch(`${base}/api/stream/subscriptions`, {
            method: 'POST',
            // proxy.ts accepts changes only from the dashboard's own origin, as a page would send.
            headers: { 'Content-Type': 'application/json', Origin: base },
            body: JSON.stringify({ tab, subscriptions: [spec] }),
          });
        } else if (block.startsWith('event: batch')) {
          const items = JSON.parse(block.slice(block.indexOf('data: ') + 6)) as {
            t: string;
            rows?: unknown[];
            more?: boolean;
            changes?: { key: string; row?: { rv: string } }[];
          }[];
          const now = Date.now();
          const bytes = Buffer.byteLength(block);
          for (const i of items) {
            if (i.t === 'snapshot' || i.t === 'append') {
              s.snapshotRows = (i.t === 'snapshot' ? 0 : s.snapshotRows) + (i.rows?.length ?? 0);
              s.snapshotBytes = (i.t === 'snapshot' ? 0 : s.snapshotBytes) + bytes;
              if (!i.more) resolveReady();
            } else if (i.t === 'changes') {
              s.changes += i.changes?.length ?? 0;
              s.changeBytes += bytes;
              for (const c of i.changes ?? []) {
                if (!c.row) continue;
                const list = s.arrivals.get(c.key) ?? [];
                list.push([c.row.rv, now]);
                s.arrivals.set(c.key, list);
              }
            }
          }
        }
      }
    }
  })().catch(() => undefined);
  return s;
}
