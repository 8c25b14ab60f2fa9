import { z } from 'zod';
import { KIND_SLUGS, kindBySlug } from './k8s/kinds';
import { contextName, namespaceScope } from './params';

/** Validation of what a tab asks the stream for (server side; the browser never needs zod for it). */

export const MAX_SUBSCRIPTIONS = 50;

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
