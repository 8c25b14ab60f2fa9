import { z } from 'zod';
import { AppError } from '@/lib/errors';
import { errorResponse } from '@/lib/kube/http';
import { parseOrThrow, parseScope } from '@/lib/params';
import { parseSelector } from '@/lib/resources/lists/query';
import { searchObjects } from '@/lib/resources/search/server/search';

const query = z.string().trim().min(1, 'type something to search for').max(200, 'at most 200 characters');

/** GET ?q=: objects of every kind whose name matches, or whose labels match a selector. */
export async function GET(
  request: Request,
  { params }: { params: Promise<{ context: string; namespace: string }> },
) {
  try {
    const scope = parseScope(await params);
    const q = parseOrThrow(query, new URL(request.url).searchParams.get('q') ?? '', 'search');
    if (/[=!]|\s(not)?in\s/.test(q)) {
      try {
        parseSelector(q);
      } catch (e) {
        throw new AppError(
          400,
          `Invalid label selector: ${e instanceof Error ? e.message : 'not valid'}.`,
          'bad_request',
        );
      }
    }
    const result = await searchObjects(scope.context, scope.namespace, q);
    return Response.json(result, { headers: { 'Cache-Control': 'no-store' } });
  } catch (e) {
    return errorResponse(e);
  }
}
