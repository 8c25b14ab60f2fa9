import { errorResponse } from '@/lib/kube/http';
import { assertSameOrigin } from '@/lib/origin';
import { cordonBody, type NodeRouteParams, parseNodeTarget } from '@/lib/resources/nodes/node-params';
import { cordon } from '@/lib/resources/nodes/server/node-actions';
import { parseBody } from '@/lib/resources/workloads/params';

export async function POST(request: Request, { params }: { params: Promise<NodeRouteParams> }) {
  try {
    assertSameOrigin(request);
    const t = parseNodeTarget(await params);
    const body = await parseBody(request, cordonBody);
    return Response.json(await cordon(t.context, t.name, false, body.reason));
  } catch (e) {
    return errorResponse(e);
  }
}
