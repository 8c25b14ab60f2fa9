'use client';

import { useConnectionState } from '@/lib/use-watched-list';

const styles = {
  idle: 'bg-zinc-300 dark:bg-zinc-700',
  connecting: 'bg-zinc-400',
  live: 'bg-emerald-500',
  reconnecting: 'bg-amber-500 animate-pulse',
} as const;

function clock(ms: number): string {
  return new Date(ms).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit', second: '2-digit' });
}

/** Live, connecting, or reconnecting with the time since which what is shown may be stale. */
export function ConnectionStatus() {
  const c = useConnectionState();
  const text =
    c.state === 'live'
      ? 'Live'
      : c.state === 'idle'
        ? 'No live stream on this page'
        : c.state === 'connecting'
          ? 'Connecting…'
          : `Reconnecting… stale since ${c.staleSince ? clock(c.staleSince) : 'now'}`;
  return (
    <output
      aria-label="Connection"
      aria-live="polite"
      className="inline-flex items-center gap-2 text-sm text-zinc-600 dark:text-zinc-400"
    >
      <span aria-hidden className={`h-2.5 w-2.5 rounded-full ${styles[c.state]}`} />
      {text}
    </output>
  );
}
