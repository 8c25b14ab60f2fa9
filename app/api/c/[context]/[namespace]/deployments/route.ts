import { errorResponse } from '@/lib/http';
import { listDeployments } from '@/lib/k8s/deployments';
import { parseScope } from '@/lib/params';

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
