import 'server-only';
import { AppError } from '../../../errors';
import { kubeConfig, type Principal } from '../../../kube/client';
import { toAppError } from '../../../kube/errors';
import { getJson } from '../../../kube/upstream';
import { cacheKind, registerKinds } from '../../../live/cache-kinds';
import { httpStatus } from '../../../live/reducer';
import { credentialsKey, currentRows } from '../../../live/watch-cache';
import type { KindDef } from '../../lists/kinds';
import {
  type ApiResource,
  crdResources,
  DISCOVERY_ACCEPT,
  kindDefOf,
  mergeResources,
  parseDiscovery,
  slugOf,
} from '../discovery';

/**
 * Aggregated discovery (`/api` and `/apis`, two requests for every group and kind), read with the
 * user's credentials and kept per credentials. Read when a page is rendered (at most every
 * REREAD_MS) and when a URL names a kind not known yet; between those, the navigation follows the
 * CRDs through the watch cache (lib/live/views/api-kinds.ts).
 */

export interface DiscoverySnapshot {
  resources: ApiResource[];
  /** Slugs discovery served from CRDs when it was read (a CRD's name is its slug). */
  crdBacked: Set<string>;
  at: number;
}

const REREAD_MS = 30_000;
const MISS_REREAD_MS = 1_000;

const shared = globalThis as typeof globalThis & {
  __wheelhouseDiscovery?: {
    snapshots: Map<string, DiscoverySnapshot>;
    pending: Map<string, Promise<DiscoverySnapshot>>;
    /** The CRDs' kinds as the navigation view last saw them, per credentials. */
    lastCrds: Map<string, ApiResource[]>;
  };
};
shared.__wheelhouseDiscovery ??= { snapshots: new Map(), pending: new Map(), lastCrds: new Map() };
const { snapshots, pending, lastCrds } = shared.__wheelhouseDiscovery;
const MAX_SNAPSHOTS = 1000;

/** The last discovery these credentials read, if any (what the navigation view merges the CRDs into). */
export function discoverySnapshot(credentials: string): DiscoverySnapshot | undefined {
  return snapshots.get(credentials);
}

async function read(
  context: string,
  principal: Principal | undefined,
  key: string,
): Promise<DiscoverySnapshot> {
  const kc = kubeConfig(context, principal);
  const server = kc.getCurrentCluster()?.server ?? '';
  const signal = AbortSignal.timeout(15_000);
  let bodies: unknown[];
  try {
    bodies = await Promise.all(
      ['/api', '/apis'].map((p) => getJson(kc, `${server}${p}`, signal, DISCOVERY_ACCEPT)),
    );
  } catch (e) {
    const status = httpStatus(e);
    throw toAppError(status ? { code: status } : e, { context, verb: 'get', resource: 'API discovery' });
  }
  const resources = bodies.flatMap(parseDiscovery);
  // The CRDs' names from the shared watch cache (the navigation view keeps that list): a CRD's name
  // is "<plural>.<group>", its slug. Refused (no right to list CRDs): discovery alone decides.
  let crdNames: string[] = [];
  try {
    crdNames = (
      (await currentRows(context, 'customresourcedefinitions', undefined, 5000, principal)) ?? []
    ).map((r) => r.name);
  } catch {
    crdNames = [];
  }
  const crdBacked = new Set(resources.map(slugOf).filter((s) => crdNames.includes(s)));
  const snap = { resources, crdBacked, at: Date.now() };
  if (!snapshots.has(key) && snapshots.size >= MAX_SNAPSHOTS)
    snapshots.delete(snapshots.keys().next().value ?? '');
  snapshots.set(key, snap);
  registerKinds(context, mergeResources(resources, crdBacked, lastCrds.get(key)).map(kindDefOf));
  return snap;
}

/** Discovery for these credentials, read again when older than `maxAgeMs`; concurrent callers share one read. */
export async function ensureDiscovery(
  context: string,
  principal?: Principal,
  maxAgeMs = REREAD_MS,
): Promise<DiscoverySnapshot> {
  const key = credentialsKey(context, principal);
  const snap = snapshots.get(key);
  if (snap && Date.now() - snap.at < maxAgeMs) return snap;
  let p = pending.get(key);
  if (!p) {
    p = read(context, principal, key).finally(() => pending.delete(key));
    pending.set(key, p);
  }
  return p;
}

/**
 * Discovery merged with the CRDs as the navigation view sees them now, registered for the watch
 * cache: an established CRD's kind is listable at once, a deleted one's is gone.
 */
export function currentKinds(
  context: string,
  credentials: string,
  crds: readonly unknown[] | undefined,
): ApiResource[] {
  const snap = snapshots.get(credentials);
  const fromCrds = crds ? crdResources(crds) : undefined;
  if (fromCrds) lastCrds.set(credentials, fromCrds);
  const merged = mergeResources(snap?.resources ?? [], snap?.crdBacked ?? new Set(), fromCrds);
  registerKinds(context, merged.map(kindDefOf));
  return merged;
}

const SLUG = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

/**
 * The kind a URL names (plural, group-qualified outside the core group): Wheelhouse's own, or one the
 * cluster serves. Throws 400 for what cannot be a kind, 404 with a sentence for one nobody serves.
 */
export async function resolveApiKind(context: string, slug: string, principal?: Principal): Promise<KindDef> {
  if (slug.length > 253 || !SLUG.test(slug))
    throw new AppError(
      400,
      `"${slug.slice(0, 60)}" is not a kind: a kind in the address is a lower-case plural resource name, with its API group after a dot outside the core group (certificates.cert-manager.io).`,
      'bad_request',
    );
  const known = cacheKind(slug, context);
  if (known) return known;
  // Not seen yet: a CRD installed a moment ago. Read discovery again (shared, at most once a second).
  await ensureDiscovery(context, principal, MISS_REREAD_MS);
  const found = cacheKind(slug, context);
  if (found) return found;
  const dot = slug.indexOf('.');
  throw new AppError(
    404,
    dot < 0
      ? `The cluster serves no kind "${slug}" in the core API group; kinds of other groups are named with their group, such as certificates.cert-manager.io.`
      : `The cluster serves no kind "${slug.slice(0, dot)}" in the API group "${slug.slice(dot + 1)}".`,
    'unknown_kind',
  );
}

/**
 * Every list a tab asks for names a kind the cluster serves (discovery read again once for one it
 * does not know yet), so that the watch cache can start it; otherwise a 400 that says which.
 */
export async function assertListKinds(
  specs: readonly ({ context: string; kind: string } | { context: string; view: string })[],
  principal?: Principal,
): Promise<void> {
  for (const s of specs) {
    if (!('kind' in s) || 'view' in s || cacheKind(s.kind, s.context)) continue;
    try {
      await resolveApiKind(s.context, s.kind, principal);
    } catch (e) {
      if (e instanceof AppError && (e.code === 'unknown_kind' || e.status === 400))
        throw new AppError(
          400,
          `Invalid subscriptions: unknown kind "${s.kind.slice(0, 60)}". ${e.message}`,
          'bad_request',
        );
      throw e;
    }
  }
}

/** A page's kind from its URL segment, or undefined (the page answers 404) when the cluster serves none. */
export async function kindForPage(
  context: string,
  slug: string,
  principal?: Principal,
): Promise<KindDef | undefined> {
  try {
    return await resolveApiKind(context, slug, principal);
  } catch (e) {
    if (e instanceof AppError && (e.code === 'unknown_kind' || e.status === 400 || e.status === 404))
      return undefined;
    throw e;
  }
}
