import { randomUUID } from 'node:crypto';
import type { SubscriptionSpec } from '@/lib/live/protocol';

export interface HttpTab {
  /** Settles when the stream ends, is closed, or fails (a non-200 stream, a refused subscription). */
  done: Promise<void>;
  close: () => void;
}

/**
 * A browser tab's stream over real HTTP: GET /api/stream with the tab's whole subscription set in the
 * URL, as the page opens it. Every complete SSE block (its text, ending in a blank line) goes to
 * `onBlock`, whose own work may await.
 */
export function openHttpTab(
  base: string,
  subscriptions: SubscriptionSpec[],
  onBlock: (block: string) => void | Promise<void>,
  /** Extra request headers (a session Cookie in token mode). */
  headers: Record<string, string> = {},
): HttpTab {
  const abort = new AbortController();
  const done = (async () => {
    const res = await fetch(streamUrl(base, subscriptions), { signal: abort.signal, headers });
    if (res.status !== 200 || !res.body) throw new Error(`the stream answered ${res.status}`);
    const decoder = new TextDecoder();
    let buf = '';
    for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
      buf += decoder.decode(chunk, { stream: true });
      for (let end = buf.indexOf('\n\n'); end >= 0; end = buf.indexOf('\n\n')) {
        const block = buf.slice(0, end + 2);
        buf = buf.slice(end + 2);
        await onBlock(block);
      }
    }
  })().catch((e: unknown) => {
    if (!abort.signal.aborted) throw e;
  });
  return { done, close: () => abort.abort() };
}

/** The stream's address for a new tab with this subscription set (as components/live/use-watched-list.ts builds it). */
export function streamUrl(base: string, subscriptions: SubscriptionSpec[], tab = randomUUID()): string {
  return `${base}/api/stream?${new URLSearchParams({ tab, s: JSON.stringify(subscriptions) })}`;
}
