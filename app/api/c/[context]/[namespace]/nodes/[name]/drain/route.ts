import { errorResponse } from '@/lib/kube/http';
import { assertSameOrigin } from '@/lib/origin';
import { drainBody, type NodeRouteParams, parseNodeTarget } from '@/lib/resources/nodes/node-params';
import { drain } from '@/lib/resources/nodes/server/node-actions';
import { parseBody } from '@/lib/resources/workloads/params';

/** Cordons, then evicts; answers when every eviction is done or the timeout is reached, pod by pod. */
export async function POST(request: Request, { params }: { params: Promise<NodeRouteParams> }) {
  try {
    assertSameOrigin(request);
    const t = parseNodeTarget(await params);
    const body = await parseBody(request, drainBody);
    return Response.json(await drain(t.context, t.name, body));
  } catch (e) {
    return errorResponse(e);
  }
}
