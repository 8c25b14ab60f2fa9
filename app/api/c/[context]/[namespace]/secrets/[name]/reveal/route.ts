import { z } from 'zod';
import { AppError } from '@/lib/errors';
import { errorResponse } from '@/lib/kube/http';
import { assertSameOrigin } from '@/lib/origin';
import { decodeSegment, objectName, parseOrThrow, parseScope } from '@/lib/params';
import { revealSecretKey } from '@/lib/resources/secrets/server/secrets';

const body = z
  .object({
    key: z
      .string()
      .min(1, 'a key cannot be empty')
      .max(253, 'a key has at most 253 characters')
      .regex(/^[-._a-zA-Z0-9]+$/, 'a Secret key consists of letters, digits, "-", "_" and "."'),
  })
  .strict();

const NO_STORE = { 'Cache-Control': 'no-store', Pragma: 'no-cache' };

/** Reveals ONE key of a Secret, read with the caller's context credentials; audited in lib. */
export async function POST(
  request: Request,
  { params }: { params: Promise<{ context: string; namespace: string; name: string }> },
) {
  try {
    assertSameOrigin(request);
    const raw = await params;
    const scope = parseScope(raw);
    if (!scope.namespace)
      throw new AppError(400, 'A Secret is revealed in one namespace, not across all.', 'bad_request');
    const name = parseOrThrow(objectName, decodeSegment(raw.name), 'Secret name');
    let json: unknown;
    try {
      json = await request.json();
    } catch {
      throw new AppError(400, 'The request body must be JSON like {"key": "password"}.', 'bad_request');
    }
    const parsed = body.safeParse(json);
    if (!parsed.success)
      throw new AppError(
        400,
        `Invalid reveal request: ${parsed.error.issues[0]?.message ?? 'not valid'}.`,
        'bad_request',
      );
    const value = await revealSecretKey(scope.context, scope.namespace, name, parsed.data.key);
    return Response.json(value, { headers: NO_STORE });
  } catch (e) {
    return errorResponse(e);
  }
}
