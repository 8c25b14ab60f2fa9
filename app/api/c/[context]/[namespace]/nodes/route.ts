import { errorResponse } from '@/lib/http';
import { listNodeRows } from '@/lib/k8s/nodes';
import { parseScope } from '@/lib/params';

/** Nodes are cluster-wide: the namespace segment only keeps the URL shape of every other view. */
export async function GET(
  _request: Request,
  { params }: { params: Promise<{ context: string; namespace: string }> },
) {
  try {
    const scope = parseScope(await params);
    return Response.json(await listNodeRows(scope.context), { headers: { 'Cache-Control': 'no-store' } });
  } catch (e) {
    return errorResponse(e);
  }
}
