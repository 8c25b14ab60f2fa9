'use client';

import { useEffect, useRef } from 'react';
import useSWR from 'swr';
import { retryDelayMs } from '@/lib/poll-retry';
import { registerPoller } from '@/lib/use-watched-list';

/** How often live views poll their JSON route until the shared watch-backed streams replace it. */
export const POLL_MS = 2000;
/** The longest wait between retries once refreshes fail: a recovered cluster shows within this. */
const RETRY_MAX_MS = 10_000;

export class FetchError extends Error {
  readonly status: number;
  constructor(status: number, message: string) {
    super(message);
    this.status = status;
  }
}

export async function fetchJson<T>(url: string): Promise<T> {
  const res = await fetch(url, { cache: 'no-store' });
  if (!res.ok) {
    const body = (await res.json().catch(() => null)) as { error?: { message?: string } } | null;
    throw new FetchError(res.status, body?.error?.message ?? `The server answered ${res.status}.`);
  }
  return (await res.json()) as T;
}

/** Server-rendered data first, then refreshed every POLL_MS; a failed refresh keeps the last data. */
export function useLive<T>(url: string, fallbackData: T) {
  const { data, error } = useSWR<T, FetchError>(url, fetchJson, {
    refreshInterval: POLL_MS,
    fallbackData,
    keepPreviousData: true,
    revalidateOnMount: false,
    dedupingInterval: 500,
    // Offline, keep trying (and failing), so the header says the data is stale instead of "refreshing".
    refreshWhenOffline: true,
    // SWR stops the interval while a key is in error and retries on its own schedule: keep it short.
    onErrorRetry: (_err, _key, _config, revalidate, { retryCount }) => {
      setTimeout(
        () => revalidate({ retryCount }),
        retryDelayMs(retryCount, POLL_MS, RETRY_MAX_MS, Math.random()),
      );
    },
  });
  const poller = useRef<ReturnType<typeof registerPoller> | undefined>(undefined);
  useEffect(() => {
    const p = registerPoller();
    poller.current = p;
    return p.done;
  }, []);
  // The header says "reconnecting, stale since" while refreshes fail, as it does for the stream.
  const failingSince = useRef<number | undefined>(undefined);
  useEffect(() => {
    // A refusal (4xx) is the page's own error to show; only an unreachable server makes data stale.
    const down = error !== undefined && (!(error instanceof FetchError) || error.status >= 500);
    failingSince.current = down ? (failingSince.current ?? Date.now()) : undefined;
    poller.current?.failingSince(failingSince.current);
  }, [error]);
  return { data: data ?? fallbackData, error };
}
