'use client';

import { useWatchedView } from '@/components/live/use-watched-list';
import type { ErrorInfo, ViewSpec } from '@/lib/live/protocol';

/** Why a live view is not current (the server's sentence and status); the page keeps the last data. */
export type LiveError = ErrorInfo;

/**
 * A server-side view (lib/live/views), server-rendered first, then pushed over the tab's one stream
 * whenever it changes. Nothing polls: the server derives it from its shared watch cache.
 */
export function useLive<T>(spec: ViewSpec, initial: T): { data: T; error?: LiveError } {
  return useWatchedView(spec, initial);
}
