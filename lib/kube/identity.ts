import 'server-only';
import { AuthenticationV1Api } from '@kubernetes/client-node';
import { authMode } from '../env';
import { apiClient, type Principal } from './client';
import { CredentialCache, credentialKey } from './credentials';
import { toAppError } from './errors';

export interface Identity {
  username: string;
  groups: string[];
}

const cache = new CredentialCache<Identity>(60_000, 500);

/**
 * Who the cluster says the credentials are (SelfSubjectReview), cached briefly: the kubeconfig's for
 * this context in local mode, the signed-in person's in token mode, or an explicit principal's.
 */
export async function whoAmI(context: string, principal?: Principal): Promise<Identity> {
  const key = await credentialKey(context, principal);
  // A token can be revoked at any moment: for sign-ins and sessions, asking each time makes that show at once.
  const cacheable = authMode() === 'local' && principal === undefined;
  const hit = cacheable ? cache.get(key, 'who') : undefined;
  if (hit) return hit;
  try {
    const review = await apiClient(context, AuthenticationV1Api, principal).createSelfSubjectReview({
      body: { apiVersion: 'authentication.k8s.io/v1', kind: 'SelfSubjectReview' },
    });
    const info = review.status?.userInfo;
    const who = { username: info?.username ?? 'unknown', groups: info?.groups ?? [] };
    if (cacheable) cache.set(key, 'who', who);
    return who;
  } catch (e) {
    throw toAppError(e, { context, verb: 'create', resource: 'selfsubjectreviews' });
  }
}
