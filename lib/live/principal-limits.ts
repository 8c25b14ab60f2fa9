import 'server-only';
import { serverEnv } from '../env';
import { AppError, isAppError } from '../errors';
import { CredentialCache } from '../kube/credentials';
import { ALL_NAMESPACES } from '../params';
import { assertNamespaceExists } from '../resources/namespaces/server/namespaces';
import { cacheKind } from './cache-kinds';
import { isViewSpec, type SubscriptionSpec } from './protocol';
import { type CachePrincipal, type ErrorInfo, hasWatch, ownerOf, watchCountOf } from './watch-cache';

/**
 * Bounds per principal (token mode: per signed-in token), so that one person's excess is refused to
 * that person and never to anyone else: open tabs, subscriptions per tab, distinct upstream lists,
 * searches per minute (WHEELHOUSE_MAX_* and WHEELHOUSE_SEARCHES_PER_MINUTE). Local mode has one
 * person, the kubeconfig's, and keeps only the server-wide bounds. Subscriptions to a namespace that
 * does not exist are refused after one check instead of being watched (both modes). Every count is
 * this replica's: each replica bounds its own load, so behind N replicas one person may hold up to N
 * times as much in all; nothing here needs another replica's state.
 */

function bounded(principal: CachePrincipal | undefined): principal is CachePrincipal {
  return principal !== undefined;
}

export function assertTabAllowed(principal: CachePrincipal | undefined, openTabsOfOwner: number): void {
  const max = serverEnv().WHEELHOUSE_MAX_TABS_PER_USER;
  if (bounded(principal) && openTabsOfOwner >= max)
    throw new AppError(
      429,
      `You already have ${openTabsOfOwner} dashboard tabs open, the most one sign-in may have (WHEELHOUSE_MAX_TABS_PER_USER); close one and reload.`,
      'too_many_tabs',
    );
}

export function assertSubscriptionCount(n: number): void {
  const max = serverEnv().WHEELHOUSE_MAX_SUBSCRIPTIONS_PER_TAB;
  if (n > max)
    throw new AppError(
      429,
      `A tab may follow at most ${max} lists at once (WHEELHOUSE_MAX_SUBSCRIPTIONS_PER_TAB); this one asked for ${n}.`,
      'too_many_subscriptions',
    );
}

const searches = new Map<string, number[]>();

/** Counts one search against the principal's minute; throws 429 past the limit. */
export function takeSearch(principal: CachePrincipal | undefined): void {
  if (!bounded(principal)) return;
  const owner = ownerOf(principal);
  const max = serverEnv().WHEELHOUSE_SEARCHES_PER_MINUTE;
  const now = Date.now();
  const recent = (searches.get(owner) ?? []).filter((t) => now - t < 60_000);
  if (recent.length >= max) {
    searches.set(owner, recent);
    const wait = Math.ceil((60_000 - (now - (recent[0] ?? now))) / 1000);
    throw new AppError(
      429,
      `You have searched ${recent.length} times in the last minute, the most allowed (WHEELHOUSE_SEARCHES_PER_MINUTE); try again in ${wait} s.`,
      'too_many_searches',
    );
  }
  recent.push(now);
  if (!searches.has(owner) && searches.size >= 10_000) searches.delete(searches.keys().next().value ?? '');
  searches.set(owner, recent);
}

/** Why these credentials may not start one more upstream list, or undefined. */
export function watchRefusal(
  context: string,
  slug: string,
  namespace: string | undefined,
  principal: CachePrincipal | undefined,
): ErrorInfo | undefined {
  if (!bounded(principal) || hasWatch(context, slug, namespace, principal)) return undefined;
  const max = serverEnv().WHEELHOUSE_MAX_WATCHES_PER_USER;
  const n = watchCountOf(ownerOf(principal));
  if (n < max) return undefined;
  return {
    status: 429,
    code: 'too_many_watches',
    message: `You are following ${n} different lists, the most one sign-in may (WHEELHOUSE_MAX_WATCHES_PER_USER); close some tabs or views and reload.`,
  };
}

// Whether a namespace exists, as these credentials can tell; 'absent' is kept briefly so a
// namespace created a moment later is seen, and a stream of made-up names costs one check each.
const namespaceAnswers = new CredentialCache<ErrorInfo | null>(10_000, 5000);

/** A sentence when the namespace does not exist (404); a 403 is not proof of absence, so it passes. */
export async function namespaceRefusal(
  context: string,
  namespace: string | undefined,
  principal: CachePrincipal | undefined,
): Promise<ErrorInfo | undefined> {
  if (namespace === undefined || namespace === ALL_NAMESPACES) return undefined;
  const credential = `${context}\u0000${ownerOf(principal)}`;
  const hit = namespaceAnswers.get(credential, namespace);
  if (hit !== undefined) return hit ?? undefined;
  // Tabs opened together ask together: one check answers them all.
  const key = `${credential}\u0000${namespace}`;
  let pending = namespaceChecks.get(key);
  if (!pending) {
    pending = checkNamespace(context, namespace, principal, credential).finally(() =>
      namespaceChecks.delete(key),
    );
    namespaceChecks.set(key, pending);
  }
  return pending;
}

const namespaceChecks = new Map<string, Promise<ErrorInfo | undefined>>();

async function checkNamespace(
  context: string,
  namespace: string,
  principal: CachePrincipal | undefined,
  credential: string,
): Promise<ErrorInfo | undefined> {
  let answer: ErrorInfo | null = null;
  try {
    await assertNamespaceExists(context, namespace, principal);
  } catch (e) {
    // Unreachable and the like: let the list itself report it, and do not remember it.
    if (!isAppError(e) || e.status !== 404) return undefined;
    answer = { status: 404, code: 'not_found', message: e.message };
  }
  namespaceAnswers.set(credential, namespace, answer);
  return answer ?? undefined;
}

function scopeOf(spec: SubscriptionSpec): string | undefined {
  return spec.namespace === ALL_NAMESPACES ? undefined : spec.namespace;
}

/** Why a subscription must not start because its namespace does not exist (one check), or undefined. */
export async function subscriptionNamespaceRefusal(
  spec: SubscriptionSpec,
  principal: CachePrincipal | undefined,
): Promise<ErrorInfo | undefined> {
  // A view reads namespaced lists of its namespace; a list only when its kind is namespaced.
  if (!isViewSpec(spec) && !cacheKind(spec.kind, spec.context)?.namespaced) return undefined;
  return namespaceRefusal(spec.context, scopeOf(spec), principal);
}

/**
 * Why a subscription must not start one more upstream list. Synchronous, and to be called right
 * before subscribing: subscriptions admitted together must each see the ones started before them.
 */
export function subscriptionWatchRefusal(
  spec: SubscriptionSpec,
  principal: CachePrincipal | undefined,
): ErrorInfo | undefined {
  // A view reads a fixed, small set of lists in its namespace, bounded with the tab's subscriptions
  // (and by the namespace check above); the per-person watch bound counts lists.
  if (isViewSpec(spec)) return undefined;
  return watchRefusal(spec.context, spec.kind, scopeOf(spec), principal);
}
