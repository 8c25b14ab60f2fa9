import 'server-only';
import { AuthorizationV1Api } from '@kubernetes/client-node';
import { apiClient } from './client';
import { toAppError } from './errors';

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
  /** A sentence for a disabled control, set when not allowed. */
  reason?: string;
}

/**
 * Asks the cluster whether the current credentials may do something (SelfSubjectAccessReview), to
 * disable controls with the reason. The cluster still decides when the action is taken.
 */
export async function canI(context: string, q: AccessQuestion): Promise<AccessAnswer> {
  try {
    const review = await apiClient(context, AuthorizationV1Api).createSelfSubjectAccessReview({
      body: {
        apiVersion: 'authorization.k8s.io/v1',
        kind: 'SelfSubjectAccessReview',
        spec: {
          resourceAttributes: {
            verb: q.verb,
            resource: q.resource,
            group: q.group ?? '',
            subresource: q.subresource,
            namespace: q.namespace,
            name: q.name,
          },
        },
      },
    });
    if (review.status?.allowed) return { allowed: true };
    const what = [q.resource, q.subresource].filter(Boolean).join('/');
    const where = q.namespace ? ` in namespace "${q.namespace}"` : '';
    return { allowed: false, reason: `You may not ${q.verb} ${what}${where}.` };
  } catch (e) {
    throw toAppError(e, { context, verb: 'create', resource: 'selfsubjectaccessreviews' });
  }
}
