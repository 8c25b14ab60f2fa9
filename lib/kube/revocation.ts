import 'server-only';
import { AuthenticationV1Api } from '@kubernetes/client-node';
import { serverEnv } from '../env';
import { AppError, isAppError } from '../errors';
import { apiClient, currentContext } from './client';
import { forgetCredential, tokenHash } from './credentials';
import { toAppError } from './errors';

/**
 * A sealed cookie stays valid for hours, but the cluster may stop accepting its token at any moment
 * (Secret or ServiceAccount deleted). Whatever is served from the shared caches instead of a fresh
 * API call (lists, search, streams) must therefore re-check the token: when a tab opens, at most
 * RECENT_MS before any other cache-served request, and every WHEELHOUSE_TOKEN_RECHECK_SECONDS while
 * streams are open. A token the cluster refuses (401) is revoked here for good: its cached answers
 * and lists are dropped and its streams end with "signed out".
 */

export const REVOKED_MESSAGE =
  'Signed out: the cluster no longer accepts your token (it expired or was revoked). Sign in again.';

/** A request served from the caches trusts a check this recent. */
const RECENT_MS = 5_000;
const MAX_REVOKED = 10_000;

interface Watched {
  token: string;
  refs: number;
  timer: NodeJS.Timeout;
}

const shared = globalThis as typeof globalThis & {
  __wheelhouseRevocation?: {
    revoked: Set<string>;
    checkedAt: Map<string, number>;
    inflight: Map<string, Promise<void>>;
    watched: Map<string, Watched>;
    listeners: Set<(hash: string) => void>;
  };
};
shared.__wheelhouseRevocation ??= {
  revoked: new Set(),
  checkedAt: new Map(),
  inflight: new Map(),
  watched: new Map(),
  listeners: new Set(),
};
const state = shared.__wheelhouseRevocation;

export function revokedError(): AppError {
  return new AppError(401, REVOKED_MESSAGE, 'unauthenticated');
}

export function isRevoked(hash: string): boolean {
  return state.revoked.has(hash);
}

/** Called with a token's hash when it is revoked (the stream hub ends its tabs, the cache its lists). */
export function onRevoked(listener: (hash: string) => void): void {
  state.listeners.add(listener);
}

export function revoke(hash: string): void {
  if (state.revoked.has(hash)) return;
  if (state.revoked.size >= MAX_REVOKED) state.revoked.delete(state.revoked.values().next().value ?? '');
  state.revoked.add(hash);
  state.checkedAt.delete(hash);
  forgetCredential(hash);
  for (const l of state.listeners) {
    try {
      l(hash);
    } catch (e) {
      console.error('[wheelhouse] revocation listener failed', e);
    }
  }
}

/** Asks the cluster (SelfSubjectReview, with the token itself) whether it still accepts the token. */
async function ask(token: string, hash: string): Promise<void> {
  const context = currentContext()?.name;
  if (!context) return;
  try {
    await apiClient(context, AuthenticationV1Api, { token }).createSelfSubjectReview({
      body: { apiVersion: 'authentication.k8s.io/v1', kind: 'SelfSubjectReview' },
    });
    state.checkedAt.set(hash, Date.now());
  } catch (e) {
    const err = isAppError(e)
      ? e
      : toAppError(e, { context, verb: 'create', resource: 'selfsubjectreviews' });
    // Only the cluster saying "who is this?" revokes; an unreachable cluster refuses nothing by itself.
    if (err.status === 401) revoke(hash);
  }
}

/**
 * Throws 401 unless the cluster accepted this token within `maxAgeMs` (0: ask now). Concurrent
 * checks of one token share one request.
 */
export async function assertTokenLive(token: string, maxAgeMs = RECENT_MS): Promise<void> {
  const hash = tokenHash(token);
  if (state.revoked.has(hash)) throw revokedError();
  const at = state.checkedAt.get(hash);
  if (at !== undefined && maxAgeMs > 0 && Date.now() - at < maxAgeMs) return;
  let p = state.inflight.get(hash);
  if (!p) {
    p = ask(token, hash).finally(() => state.inflight.delete(hash));
    state.inflight.set(hash, p);
  }
  await p;
  if (state.revoked.has(hash)) throw revokedError();
}

/**
 * Keeps re-checking a token while something (an open tab) holds it; returns the release. One timer
 * per token whatever the number of its tabs.
 */
export function holdToken(token: string): () => void {
  const hash = tokenHash(token);
  let w = state.watched.get(hash);
  if (!w) {
    const every = serverEnv().WHEELHOUSE_TOKEN_RECHECK_SECONDS * 1000;
    const timer = setInterval(() => void assertTokenLive(token, 0).catch(() => undefined), every);
    timer.unref?.();
    w = { token, refs: 0, timer };
    state.watched.set(hash, w);
  }
  w.refs++;
  let released = false;
  return () => {
    if (released) return;
    released = true;
    const cur = state.watched.get(hash);
    if (!cur || --cur.refs > 0) return;
    clearInterval(cur.timer);
    state.watched.delete(hash);
  };
}
