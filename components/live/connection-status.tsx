'use client';

import { useConnectionState } from '@/components/live/use-watched-list';

const styles = {
  idle: 'bg-neutral-line',
  connecting: 'bg-neutral-solid',
  live: 'bg-good-solid',
  reconnecting: 'bg-warn-solid animate-pulse',
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
      className="inline-flex items-center gap-2 text-sm text-muted"
    >
      <span aria-hidden className={`h-2.5 w-2.5 rounded-full ${styles[c.state]}`} />
      {text}
    </output>
  );
}
