/**
 * Sign-ins that were signed out on this server: their sealed cookie still opens, so the proxy refuses
 * it by its id until it would have ended anyway. Other replicas learn it when they next refresh the
 * ID token, which the provider then refuses (the refresh token was revoked at sign-out); a short ID
 * token lifetime at the provider bounds that. No `server-only`: proxy.ts reads it.
 */

const MAX_ENDED = 10_000;

// On globalThis: proxy.ts and the route handlers are bundled separately but share one process.
const shared = globalThis as typeof globalThis & { __wheelhouseEndedSignIns?: Map<string, number> };
shared.__wheelhouseEndedSignIns ??= new Map();
const ended = shared.__wheelhouseEndedSignIns;

/** Remembers that sign-in `sid` ended; `untilSec` is when its cookie would stop opening anyway. */
export function endSignIn(sid: string, untilSec: number, nowSec = Date.now() / 1000): void {
  for (const [k, until] of ended) if (until <= nowSec) ended.delete(k);
  if (ended.size >= MAX_ENDED) ended.delete(ended.keys().next().value ?? '');
  ended.set(sid, untilSec);
}

export function signInEnded(sid: string): boolean {
  return ended.has(sid);
}
