import { z } from 'zod';
import { KIND_SLUGS, kindBySlug } from './k8s/kinds';
import { contextName, namespaceScope } from './params';

/** Validation of what a tab asks the stream for (server side; the browser never needs zod for it). */

/** A hard ceiling on the body; the configured bound is WHEELHOUSE_MAX_SUBSCRIPTIONS_PER_TAB (principal-limits.ts). */
export const MAX_SUBSCRIPTIONS = 1000;

const kind = z.string().refine((k) => kindBySlug(k) !== undefined, {
  error: (i) => `unknown kind "${String(i.input).slice(0, 60)}"; known kinds are ${KIND_SLUGS.join(', ')}`,
});

export const subscriptionsBody = z.object({
  tab: z.uuid('the tab id is a UUID'),
  subscriptions: z
    .array(z.object({ context: contextName, kind, namespace: namespaceScope }))
    .max(MAX_SUBSCRIPTIONS, `a tab has at most ${MAX_SUBSCRIPTIONS} subscriptions`),
});

export type SubscriptionsBody = z.infer<typeof subscriptionsBody>;
