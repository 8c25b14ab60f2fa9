import 'server-only';
import { AuthorizationV1Api } from '@kubernetes/client-node';
import { apiClient, type Principal } from './client';
import { CredentialCache, credentialKey } from './credentials';
import { toAppError } from './errors';

/**
 * The one permission layer: SelfSubjectAccessReview, "may these credentials do this?", to disable
 * controls with the reason. The cluster still decides when the action is taken.
 */

export interface AccessQuestion {
  verb: string;
  resource: string;
  /** API group; '' (the default) is the core group. */
  group?: string;
  subresource?: string;
  namespace?: string;
  name?: string;
}

export interface AccessAnswer {
  allowed: boolean;
  /** Set when not allowed: a sentence to show next to the disabled control. */
  reason?: string;
}

// Every detail view asks, and RBAC changes are rare enough that 30 s of staleness is acceptable.
// Keyed by the credential: the viewer must never be shown the admin's buttons, nor the reverse.
const answers = new CredentialCache<AccessAnswer>(30_000);

/** `principal`: explicit credentials, for callers outside a Next request (the terminal WebSocket). */
export async function canI(context: string, q: AccessQuestion, principal?: Principal): Promise<AccessAnswer> {
  const credential = await credentialKey(context, principal);
  const attributes = {
    verb: q.verb,
    resource: q.resource,
    group: q.group ?? '',
    subresource: q.subresource,
    namespace: q.namespace,
    name: q.name,
  };
  const key = JSON.stringify(attributes);
  const hit = answers.get(credential, key);
  if (hit) return hit;
  try {
    const review = await apiClient(context, AuthorizationV1Api, principal).createSelfSubjectAccessReview({
      body: {
        apiVersion: 'authorization.k8s.io/v1',
        kind: 'SelfSubjectAccessReview',
        spec: { resourceAttributes: attributes },
      },
    });
    const what = [q.resource, q.subresource].filter(Boolean).join('/');
    const where = q.namespace ? ` in namespace "${q.namespace}"` : '';
    const answer: AccessAnswer = review.status?.allowed
      ? { allowed: true }
      : { allowed: false, reason: `You may not ${q.verb} ${what}${where}.` };
    answers.set(credential, key, answer);
    return answer;
  } catch (e) {
    throw toAppError(e, { context, verb: 'create', resource: 'selfsubjectaccessreviews' });
  }
}
