import 'server-only';
import { AuthenticationV1Api } from '@kubernetes/client-node';
import { apiClient } from './client';
import { toAppError } from './errors';

export interface Identity {
  username: string;
  groups: string[];
}

const cache = new Map<string, { at: number; who: Identity }>();
const TTL_MS = 60_000;

/** Who the cluster says the credentials of this context are (SelfSubjectReview), cached briefly. */
export async function whoAmI(context: string): Promise<Identity> {
  const hit = cache.get(context);
  if (hit && Date.now() - hit.at < TTL_MS) return hit.who;
  try {
    const review = await apiClient(context, AuthenticationV1Api).createSelfSubjectReview({
      body: { apiVersion: 'authentication.k8s.io/v1', kind: 'SelfSubjectReview' },
    });
    const info = review.status?.userInfo;
    const who = { username: info?.username ?? 'unknown', groups: info?.groups ?? [] };
    cache.set(context, { at: Date.now(), who });
    return who;
  } catch (e) {
    throw toAppError(e, { context, verb: 'create', resource: 'selfsubjectreviews' });
  }
}
