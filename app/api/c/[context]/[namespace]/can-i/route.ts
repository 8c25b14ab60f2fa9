import { z } from 'zod';
import { canI } from '@/lib/kube/access';
import { errorResponse } from '@/lib/kube/http';
import { objectName, parseOrThrow, parseScope } from '@/lib/params';

const word = z
  .string()
  .min(1)
  .max(63)
  .regex(/^[a-z*][a-z0-9.*-]*$/, 'lower-case letters, digits, ".", "-"');

const query = z.object({
  verb: word,
  resource: word,
  group: z.union([z.literal(''), word]).default(''),
  subresource: word.optional(),
  name: objectName.optional(),
});

/** May the person do this here? For disabling controls with the reason; the cluster still decides. */
export async function GET(
  request: Request,
  { params }: { params: Promise<{ context: string; namespace: string }> },
) {
  try {
    const scope = parseScope(await params);
    const q = parseOrThrow(query, Object.fromEntries(new URL(request.url).searchParams), 'access question');
    const answer = await canI(scope.context, { ...q, namespace: scope.namespace });
    return Response.json(answer, { headers: { 'Cache-Control': 'no-store' } });
  } catch (e) {
    return errorResponse(e);
  }
}
