import { z } from 'zod';
import { KIND_SLUGS, kindBySlug } from './k8s/kinds';
import { contextName, namespaceScope, objectName } from './params';
import { VIEW_NAMES } from './stream-protocol';

/** Validation of what a tab asks the stream for (server side; the browser never needs zod for it). */

/** A hard ceiling on the body; the configured bound is WHEELHOUSE_MAX_SUBSCRIPTIONS_PER_TAB (principal-limits.ts). */
export const MAX_SUBSCRIPTIONS = 1000;

/** A plural resource name, group-qualified outside the core group; whether the cluster serves it is asked later. */
const KIND_PATTERN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

const kind = z
  .string()
  .max(253)
  .refine((k) => kindBySlug(k) !== undefined || KIND_PATTERN.test(k), {
    error: (i) =>
      `unknown kind "${String(i.input).slice(0, 60)}"; a kind is a lower-case plural such as ${KIND_SLUGS.slice(0, 3).join(', ')}, with its API group outside the core group (certificates.cert-manager.io)`,
  });

const list = z.strictObject({ context: contextName, kind, namespace: namespaceScope });

/** Which parameters each view needs is checked where views are started (lib/live/views). */
const view = z.strictObject({
  context: contextName,
  view: z.enum(VIEW_NAMES, { error: `a view is one of ${VIEW_NAMES.join(', ')}` }),
  namespace: namespaceScope,
  kind: z.string().max(63).optional(),
  name: objectName.optional(),
});

export const subscriptionsBody = z.object({
  tab: z.uuid('the tab id is a UUID'),
  subscriptions: z
    .array(z.union([view, list]))
    .max(MAX_SUBSCRIPTIONS, `a tab has at most ${MAX_SUBSCRIPTIONS} subscriptions`),
});

export type SubscriptionsBody = z.infer<typeof subscriptionsBody>;
