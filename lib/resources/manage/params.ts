import { z } from 'zod';
import { AppError } from '../../errors';
import { decodeSegment, objectName, parseOrThrow, parseScope } from '../../params';
import { MAX_YAML_BYTES } from './yaml-docs';

/** Route params and bodies of the edit, create and delete routes (zod at the trust boundary). */

export interface ObjectParams {
  context: string;
  namespace: string;
  kind: string;
  name: string;
}

const slug = z
  .string()
  .regex(
    /^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/,
    'a kind in the address is a lower-case plural such as deployments',
  )
  .max(253);

export function parseObjectRef(raw: ObjectParams) {
  const scope = parseScope(raw);
  return {
    context: scope.context,
    namespace: scope.namespace,
    slug: parseOrThrow(slug, decodeSegment(raw.kind), 'kind'),
    name: parseOrThrow(objectName, decodeSegment(raw.name), 'name'),
  };
}

const reason = z.string().max(500, 'a reason has at most 500 characters').optional();
// The size itself is checked with a sentence by the lib (sizeProblem); this bound only stops abuse.
const yaml = z
  .string({ error: 'yaml must be the text of the YAML' })
  .max(MAX_YAML_BYTES * 2, 'the YAML is too large');
const mode = z.enum(['dry-run', 'apply'], { error: 'mode must be "dry-run" or "apply"' });

export const editBody = z.strictObject({
  yaml,
  resourceVersion: z.string().min(1, 'the resourceVersion you edited is required').max(64),
  mode,
  reason,
  secret: z
    .strictObject({
      set: z.record(
        z
          .string()
          .regex(/^[-._a-zA-Z0-9]+$/, 'a Secret key has only letters, digits, "-", "_" and "."')
          .max(253),
        z.string().max(1024 * 1024),
      ),
      remove: z.array(z.string().max(253)).max(1000),
    })
    .optional(),
});

export const createBody = z.strictObject({ yaml, mode, confirmPartial: z.boolean().optional(), reason });

export const deleteBody = z.strictObject({
  propagationPolicy: z.enum(['Background', 'Foreground', 'Orphan'], {
    error: 'propagationPolicy must be Background, Foreground or Orphan',
  }),
  uid: z.string().min(1, 'the uid of the object you confirmed is required').max(64),
  reason,
});

/** Room for the largest YAML plus JSON escaping and Secret values. */
export const MAX_BODY_BYTES = MAX_YAML_BYTES * 2 + 1024 * 1024;

function tooLarge(bytes?: number): AppError {
  const mb = (n: number) => `${(n / (1024 * 1024)).toFixed(1)} MB`;
  return new AppError(
    413,
    `The request is ${bytes ? mb(bytes) : `over ${mb(MAX_BODY_BYTES)}`}; Wheelhouse accepts YAML of at most ${mb(MAX_YAML_BYTES)} at once (the API server stores at most 1.5 MB per object).`,
    'too_large',
  );
}

/** A JSON body of bounded size, validated by `schema`; too large, malformed and wrong shapes are 4xx sentences. */
export async function parseCappedBody<T>(request: Request, schema: z.ZodType<T>): Promise<T> {
  const declared = Number(request.headers.get('content-length') ?? '');
  if (Number.isFinite(declared) && declared > MAX_BODY_BYTES) throw tooLarge(declared);
  const reader = request.body?.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  if (reader) {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.length;
      if (size > MAX_BODY_BYTES) {
        await reader.cancel();
        throw tooLarge();
      }
      chunks.push(value);
    }
  }
  let value: unknown;
  try {
    value = JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    throw new AppError(400, 'The request body must be JSON.', 'bad_request');
  }
  const r = schema.safeParse(value);
  if (r.success) return r.data;
  const issue = r.error.issues[0];
  const field = issue?.path.join('.') || 'body';
  throw new AppError(400, `Invalid ${field}: ${issue?.message ?? 'not valid'}.`, 'bad_request');
}
