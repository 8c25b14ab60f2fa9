/** The bench's view of a tab stream: snapshot size, change bytes and when each change arrived. */
import type { SubscriptionSpec } from '@/lib/live/protocol';
import { openHttpTab } from '../support/http-tab';

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

export function openStream(base: string, spec: SubscriptionSpec): BenchStream {
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
    close: () => {},
  };
  const tab = openHttpTab(base, [spec], (block) => {
    if (!block.startsWith('event: batch')) return;
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
  });
  tab.done.catch(() => undefined);
  s.close = tab.close;
  return s;
}
