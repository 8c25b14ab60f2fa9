import 'server-only';
import { createHash } from 'node:crypto';
import { AuthenticationV1Api } from '@kubernetes/client-node';
import { authMode } from '../env';
import { requireSession } from '../session';
import { apiClient, type Principal } from './client';
import { toAppError } from './errors';

export interface Identity {
  username: string;
  groups: string[];
}

const cache = new Map<string, { at: number; who: Identity }>();
const TTL_MS = 60_000;
const MAX_ENTRIES = 500;

/** Whose credentials a call for this context would use; the cache is keyed by them, never by context alone. */
async function credentialKey(context: string, principal?: Principal): Promise<string> {
  const token = principal?.token ?? (authMode() === 'token' ? (await requireSession()).token : undefined);
  return token ? `${context}\u0000${createHash('sha256').update(token).digest('hex')}` : context;
}

/**
 * Who the cluster says the credentials are (SelfSubjectReview), cached briefly: the kubeconfig's for
 * this context in local mode, the signed-in person's in token mode, or an explicit principal's.
 */
export async function whoAmI(context: string, principal?: Principal): Promise<Identity> {
  const key = await credentialKey(context, principal);
  // A token can be revoked at any moment: for sign-ins and sessions, asking each time makes that show at once.
  const cacheable = authMode() === 'local' && principal === undefined;
  const hit = cacheable ? cache.get(key) : undefined;
  if (hit && Date.now() - hit.at < TTL_MS) return hit.who;
  try {
    const review = await apiClient(context, AuthenticationV1Api, principal).createSelfSubjectReview({
      body: { apiVersion: 'authentication.k8s.io/v1', kind: 'SelfSubjectReview' },
    });
    const info = review.status?.userInfo;
    const who = { username: info?.username ?? 'unknown', groups: info?.groups ?? [] };
    if (cache.size >= MAX_ENTRIES) cache.delete(cache.keys().next().value ?? '');
    if (cacheable) cache.set(key, { at: Date.now(), who });
    return who;
  } catch (e) {
    throw toAppError(e, { context, verb: 'create', resource: 'selfsubjectreviews' });
  }
}
