import { errorResponse } from '@/lib/kube/http';
import { parseScope } from '@/lib/params';
import { listDeployments } from '@/lib/resources/workloads/server/deployment-list';

export async function GET(
  _request: Request,
  { params }: { params: Promise<{ context: string; namespace: string }> },
) {
  try {
    const scope = parseScope(await params);
    const items = await listDeployments(scope.context, scope.namespace);
    return Response.json({ items }, { headers: { 'Cache-Control': 'no-store' } });
  } catch (e) {
    return errorResponse(e);
  }
}
