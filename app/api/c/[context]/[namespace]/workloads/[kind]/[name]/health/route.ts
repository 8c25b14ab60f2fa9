import { errorResponse } from '@/lib/http';
import { getWorkloadDetail } from '@/lib/k8s/workload-health';
import { parseWorkloadScope } from '@/lib/named-scope';

export async function GET(
  _request: Request,
  { params }: { params: Promise<{ context: string; namespace: string; kind: string; name: string }> },
) {
  try {
    const s = parseWorkloadScope(await params);
    const detail = await getWorkloadDetail(s.context, s.namespace, s.kind, s.name);
    return Response.json({ detail, now: Date.now() }, { headers: { 'Cache-Control': 'no-store' } });
  } catch (e) {
    return errorResponse(e);
  }
}
