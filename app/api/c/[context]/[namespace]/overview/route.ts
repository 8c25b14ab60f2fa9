import { errorResponse } from '@/lib/http';
import { getOverview } from '@/lib/k8s/overview';
import { parseScope } from '@/lib/params';

export async function GET(
  _request: Request,
  { params }: { params: Promise<{ context: string; namespace: string }> },
) {
  try {
    const scope = parseScope(await params);
    const overview = await getOverview(scope.context, scope.namespace);
    return Response.json(overview, { headers: { 'Cache-Control': 'no-store' } });
  } catch (e) {
    return errorResponse(e);
  }
}
