import 'server-only';

/**
 * The first answer of a live subscription, for server rendering: subscribe, settle on the first
 * message `pick` decides on (a value, or an error), and unsubscribe, or settle with `onTimeout` after
 * `timeoutMs`. The unsubscribe is deferred a microtask so a cache entry the page just warmed stays
 * for the tab's stream to pick up.
 */
export function firstMessage<M, T>(
  subscribe: (listener: (m: M) => void) => () => void,
  pick: (m: M) => { value: T } | { error: unknown } | undefined,
  timeoutMs: number,
  onTimeout: () => { value: T } | { error: unknown },
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    let unsubscribe: (() => void) | undefined;
    let settled = false;
    const finish = (r: { value: T } | { error: unknown }) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      queueMicrotask(() => unsubscribe?.());
      if ('error' in r) reject(r.error);
      else resolve(r.value);
    };
    const timer = setTimeout(() => finish(onTimeout()), timeoutMs);
    unsubscribe = subscribe((m) => {
      const r = pick(m);
      if (r) finish(r);
    });
    if (settled) unsubscribe();
  });
}
