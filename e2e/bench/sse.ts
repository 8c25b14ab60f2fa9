/**
 * The bench's view of a tab stream: snapshot size, change bytes and when each change arrived. A
 * window subscription (what pages ask for) counts its first whole window as the snapshot, and each
 * later window item's rows as changes.
 */
import type { SubscriptionSpec } from '@/lib/live/protocol';
import { openHttpTab } from '../support/http-tab';

export interface BenchStream {
  snapshotRows: number;
  snapshotBytes: number;
  /** When the first rows arrived (a window's first, maybe of a list still arriving). */
  firstRowsAt: number | undefined;
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
    firstRowsAt: undefined,
    changeBytes: 0,
    changes: 0,
    arrivals: new Map(),
    ready: new Promise<void>((r) => {
      resolveReady = r;
    }),
    close: () => {},
  };
  let ready = false;
  const arrived = (key: string, rv: string, at: number) => {
    const list = s.arrivals.get(key) ?? [];
    list.push([rv, at]);
    s.arrivals.set(key, list);
  };
  const tab = openHttpTab(base, [spec], (block) => {
    if (!block.startsWith('event: batch')) return;
    const items = JSON.parse(block.slice(block.indexOf('data: ') + 6)) as {
      t: string;
      rows?: unknown[];
      more?: boolean;
      listing?: true;
      changes?: { key: string; row?: { rv: string } }[];
    }[];
    const now = Date.now();
    const bytes = Buffer.byteLength(block);
    for (const i of items) {
      if (i.rows?.length) s.firstRowsAt ??= now;
      if (i.t === 'snapshot' || i.t === 'append') {
        s.snapshotRows = (i.t === 'snapshot' ? 0 : s.snapshotRows) + (i.rows?.length ?? 0);
        s.snapshotBytes = (i.t === 'snapshot' ? 0 : s.snapshotBytes) + bytes;
        if (!i.more) resolveReady();
      } else if (i.t === 'window' && !ready) {
        // The rows so far of a list still arriving do not make it ready: the whole list does.
        s.snapshotRows = i.rows?.length ?? 0;
        s.snapshotBytes = bytes;
        if (!i.listing) {
          ready = true;
          resolveReady();
        }
      } else if (i.t === 'window') {
        const rows = (i.rows ?? []) as { key: string; rv: string }[];
        s.changes += rows.length;
        s.changeBytes += bytes;
        for (const r of rows) arrived(r.key, r.rv, now);
      } else if (i.t === 'changes') {
        s.changes += i.changes?.length ?? 0;
        s.changeBytes += bytes;
        for (const c of i.changes ?? []) if (c.row) arrived(c.key, c.row.rv, now);
      }
    }
  });
  tab.done.catch(() => undefined);
  s.close = tab.close;
  return s;
}
