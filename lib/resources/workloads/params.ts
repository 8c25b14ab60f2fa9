import { z } from 'zod';
import { AppError } from '../../errors';
import { ROLLOUT_KINDS, type RolloutKind } from '../../links';
import { parseNamedScope } from '../../named-scope';
import { decodeSegment, parseOrThrow } from '../../params';

/** Route params and bodies of the rollout routes (zod at the trust boundary). */

export const rolloutKind = z.enum(ROLLOUT_KINDS, {
  error: `the kind must be one of ${ROLLOUT_KINDS.join(', ')}`,
});

export const revisionNumber = z.coerce
  .number({ error: 'a revision is a number' })
  .int('a revision is a whole number')
  .positive('a revision is a positive number');

const reason = z.string().max(500, 'a reason has at most 500 characters').optional();
// The spec the user saw (metadata.generation), not the resourceVersion: status writes move that.
const generation = z
  .number({ error: 'the generation you saw is required (a number)' })
  .int('a generation is a whole number')
  .positive('a generation is a positive number');

export const rollbackBody = z.strictObject({
  // 0 means "the previous revision", as in kubectl rollout undo.
  revision: z.number().int('a revision is a whole number').min(0, 'a revision cannot be negative'),
  generation,
  // What the dialog showed: a history that moved since is a conflict, not a silent retarget.
  fromRevision: z.number().int('a revision is a whole number').positive().nullable().optional(),
  toSource: z.string().min(1).max(253, 'an object name has at most 253 characters').optional(),
  reason,
});

export const scaleBody = z.strictObject({
  replicas: z
    .number({ error: 'replicas must be a number' })
    .int('replicas must be a whole number')
    .min(0, 'replicas cannot be negative')
    .max(10_000, 'replicas can be at most 10000'),
  generation,
  reason,
});

export const simpleBody = z.strictObject({ generation, reason });

export interface WorkloadParams {
  context: string;
  namespace: string;
  kind: string;
  name: string;
}

/** A rollout route's target: the one named-object address rule, and a kind with rollout history. */
export function parseTarget(raw: WorkloadParams): {
  context: string;
  namespace: string;
  kind: RolloutKind;
  name: string;
} {
  const { context, namespace, name } = parseNamedScope(raw);
  return { context, namespace, kind: parseOrThrow(rolloutKind, decodeSegment(raw.kind), 'kind'), name };
}

/** A JSON body validated by `schema`; malformed JSON and wrong shapes are 400s that say why. */
export async function parseBody<T>(request: Request, schema: z.ZodType<T>): Promise<T> {
  let value: unknown;
  try {
    value = await request.json();
  } catch {
    throw new AppError(400, 'The request body must be JSON.', 'bad_request');
  }
  const r = schema.safeParse(value);
  if (r.success) return r.data;
  const issue = r.error.issues[0];
  const field = issue?.path.join('.') || 'body';
  throw new AppError(400, `Invalid ${field}: ${issue?.message ?? 'not valid'}.`, 'bad_request');
}
