import 'server-only';
import { AuthorizationV1Api } from '@kubernetes/client-node';
import { apiClient } from './client';
import { toAppError } from './errors';

export interface AccessQuestion {
  verb: string;
  group: string;
  resource: string;
  namespace?: string;
  name?: string;
}

export interface AccessAnswer {
  allowed: boolean;
  /** Set when not allowed: a sentence to show next to the disabled control. */
  reason?: string;
}

const cache = new Map<string, { at: number; answer: AccessAnswer }>();
const TTL_MS = 30_000;

/**
 * SelfSubjectAccessReview: may this context's credentials do this? Cached briefly because every
 * detail poll asks, and RBAC changes are rare enough that 30 s of staleness is acceptable; the
 * cluster still enforces on the real request.
 */
export async function canI(context: string, q: AccessQuestion): Promise<AccessAnswer> {
  const key = JSON.stringify([context, q.verb, q.group, q.resource, q.namespace ?? '', q.name ?? '']);
  const hit = cache.get(key);
  if (hit && Date.now() - hit.at < TTL_MS) return hit.answer;
  try {
    const review = await apiClient(context, AuthorizationV1Api).createSelfSubjectAccessReview({
      body: {
        apiVersion: 'authorization.k8s.io/v1',
        kind: 'SelfSubjectAccessReview',
        spec: { resourceAttributes: { ...q } },
      },
    });
    const allowed = review.status?.allowed === true;
    const where = q.namespace ? ` in namespace "${q.namespace}"` : '';
    const answer: AccessAnswer = allowed
      ? { allowed }
      : { allowed, reason: `You may not ${q.verb} ${q.resource}${where}.` };
    cache.set(key, { at: Date.now(), answer });
    return answer;
  } catch (e) {
    throw toAppError(e, { context, verb: 'create', resource: 'selfsubjectaccessreviews' });
  }
}
