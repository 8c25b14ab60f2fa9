import { errorResponse } from '@/lib/http';
import { getPodDetail } from '@/lib/k8s/pods';
import { parseNamedScope } from '@/lib/named-scope';

export async function GET(
  _request: Request,
  { params }: { params: Promise<{ context: string; namespace: string; name: string }> },
) {
  try {
    const { context, namespace, name } = parseNamedScope(await params);
    const detail = await getPodDetail(context, namespace, name);
    return Response.json({ detail, now: Date.now() }, { headers: { 'Cache-Control': 'no-store' } });
  } catch (e) {
    return errorResponse(e);
  }
}
