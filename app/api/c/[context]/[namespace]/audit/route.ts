import { errorResponse } from '@/lib/kube/http';
import { parseScope } from '@/lib/params';
import { auditHistory } from '@/lib/resources/audit/server/events';

export async function GET(
  _request: Request,
  { params }: { params: Promise<{ context: string; namespace: string }> },
) {
  try {
    const scope = parseScope(await params);
    const history = await auditHistory(scope.context, scope.namespace);
    return Response.json(history, { headers: { 'Cache-Control': 'no-store' } });
  } catch (e) {
    return errorResponse(e);
  }
}
