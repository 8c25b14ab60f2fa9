import { errorResponse } from '@/lib/http';
import { auditHistory } from '@/lib/k8s/audit-events';
import { parseScope } from '@/lib/params';

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
