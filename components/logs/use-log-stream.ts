'use client';

import { useCallback, useEffect, useRef, useState } from 'react';
import { readSse } from '@/components/live/sse-client';

export interface LogLine {
  id: number;
  pod?: string;
  text: string;
  /** A message from the viewer or server (joined, stopped, deleted), not a log line. */
  note?: boolean;
}

/** Lines kept in memory (and in a download); older ones are dropped. */
export const MAX_KEPT_LINES = 20_000;

const RETRY_MS = 3000;

export type StreamState = 'connecting' | 'streaming' | 'ended' | 'error';

/**
 * Follows one SSE log URL. Incoming lines are batched (every 100 ms) so a chatty container cannot
 * re-render per line; while paused they wait in a buffer and `pending` counts them.
 */
export function useLogStream(url: string, paused: boolean) {
  const [lines, setLines] = useState<LogLine[]>([]);
  const [state, setState] = useState<StreamState>('connecting');
  const [message, setMessage] = useState<string | null>(null);
  const [pending, setPending] = useState(0);
  const [attempt, setAttempt] = useState(0);
  const buffer = useRef<LogLine[]>([]);
  const nextId = useRef(0);
  const pausedRef = useRef(paused);
  pausedRef.current = paused;

  const flush = useCallback(() => {
    if (pausedRef.current) {
      setPending(buffer.current.length);
      return;
    }
    if (buffer.current.length === 0) return;
    const batch = buffer.current;
    buffer.current = [];
    setPending(0);
    setLines((old) => {
      const all = old.concat(batch);
      return all.length > MAX_KEPT_LINES ? all.slice(all.length - MAX_KEPT_LINES) : all;
    });
  }, []);

  useEffect(() => {
    const ac = new AbortController();
    setLines([]);
    buffer.current = [];
    setState('connecting');
    setMessage(null);
    const push = (l: Omit<LogLine, 'id'>) => {
      buffer.current.push({ ...l, id: nextId.current++ });
    };
    const timer = setInterval(flush, 100);
    let retryTimer: ReturnType<typeof setTimeout> | undefined;
    (async () => {
      const res = await fetch(url, { signal: ac.signal, cache: 'no-store' });
      if (!res.ok) {
        const body = (await res.json().catch(() => null)) as { error?: { message?: string } } | null;
        setState('error');
        const why = body?.error?.message ?? `The server answered ${res.status}.`;
        setMessage(
          res.status === 409
            ? `${why} Trying again every ${RETRY_MS / 1000} s (attempt ${attempt + 1}).`
            : why,
        );
        // 409: the container has not started yet; try again until it has, as `kubectl logs -f` users do by hand.
        if (res.status === 409) retryTimer = setTimeout(() => setAttempt((n) => n + 1), RETRY_MS);
        return;
      }
      setState('streaming');
      let ended = false;
      await readSse(res, ({ event, data }) => {
        const d = JSON.parse(data) as { lines?: string[]; pod?: string; message?: string };
        if (event === 'lines') for (const text of d.lines ?? []) push({ pod: d.pod, text });
        else if (event === 'status') push({ pod: d.pod, text: d.message ?? '', note: true });
        else if (event === 'error' || event === 'end') {
          ended = true;
          push({ text: d.message ?? '', note: true });
          setState(event === 'error' ? 'error' : 'ended');
          setMessage(d.message ?? null);
        }
      });
      if (!ended) {
        setState('ended');
        setMessage('The log stream closed.');
      }
    })()
      .catch((e: unknown) => {
        if (ac.signal.aborted) return;
        setState('error');
        setMessage(e instanceof Error ? `The log stream broke: ${e.message}` : 'The log stream broke.');
      })
      .finally(() => flush());
    return () => {
      ac.abort();
      clearInterval(timer);
      clearTimeout(retryTimer);
    };
  }, [url, flush, attempt]);

  useEffect(() => {
    if (!paused) flush();
  }, [paused, flush]);

  return { lines, state, message, pending };
}
