import { errorResponse } from '@/lib/http';
import { listPodRows } from '@/lib/k8s/pods';
import { parseScope } from '@/lib/params';

export async function GET(
  _request: Request,
  { params }: { params: Promise<{ context: string; namespace: string }> },
) {
  try {
    const scope = parseScope(await params);
    const items = await listPodRows(scope.context, scope.namespace);
    return Response.json({ items, now: Date.now() }, { headers: { 'Cache-Control': 'no-store' } });
  } catch (e) {
    return errorResponse(e);
  }
}
