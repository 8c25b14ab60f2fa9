import { z } from 'zod';
import { contextName, namespaceScope, objectName } from '../params';
import { KIND_SLUGS, kindBySlug } from '../resources/lists/kinds';
import { listQuerySchema, selectorError } from '../resources/lists/query-params';
import { VIEW_NAMES } from './protocol';

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

/** The largest window a tab may ask for: a screenful and a margin on each side is a few hundred. */
export const MAX_WINDOW = 1000;

const window = z.strictObject({
  ...listQuerySchema.shape,
  offset: z.number().int().min(0).max(10_000_000),
  count: z.number().int().min(1).max(MAX_WINDOW, `a window has at most ${MAX_WINDOW} rows`),
});

const list = z.strictObject({
  context: contextName,
  kind,
  namespace: namespaceScope,
  window: window
    .refine((w) => selectorError(w.selector) === undefined, {
      error: (i) => `label selector: ${selectorError((i.input as { selector: string }).selector)}`,
    })
    .optional(),
});

/** Which parameters each view needs is checked where views are started (lib/live/views). */
const view = z.strictObject({
  context: contextName,
  view: z.enum(VIEW_NAMES, { error: `a view is one of ${VIEW_NAMES.join(', ')}` }),
  namespace: namespaceScope,
  kind: z.string().max(63).optional(),
  name: objectName.optional(),
});

export const subscriptionList = z
  .array(z.union([view, list]))
  .max(MAX_SUBSCRIPTIONS, `a tab has at most ${MAX_SUBSCRIPTIONS} subscriptions`);

/**
 * The longest `s` parameter accepted (decoded): the set rides in the stream's URL so that any replica
 * can serve it. Percent-encoded it grows by about 1.7 times; pages follow a handful of lists and views
 * (about 90 encoded bytes each), so even the default bound of 50 per tab stays under the 8 KiB
 * request line common proxies accept (nginx's default buffer); the largest sets need 16 KiB there.
 */
export const MAX_SUBSCRIPTIONS_PARAM = 8000;

/** The `s` query parameter of GET /api/stream: the tab's whole subscription set, as JSON. */
export const subscriptionsParam = z
  .string()
  .max(MAX_SUBSCRIPTIONS_PARAM, `the subscription set is at most ${MAX_SUBSCRIPTIONS_PARAM} characters`)
  .transform((text, ctx) => {
    try {
      return JSON.parse(text) as unknown;
    } catch {
      ctx.addIssue({ code: 'custom', message: 'the subscription set is not JSON' });
      return z.NEVER;
    }
  })
  .pipe(subscriptionList);
