import { errorResponse } from '@/lib/kube/http';
import { assertSameOrigin } from '@/lib/origin';
import { parseBody, parseTarget, scaleBody, type WorkloadParams } from '@/lib/resources/workloads/params';
import { scale } from '@/lib/resources/workloads/server/rollouts';

export async function POST(request: Request, { params }: { params: Promise<WorkloadParams> }) {
  try {
    assertSameOrigin(request);
    const target = parseTarget(await params);
    return Response.json(await scale(target, await parseBody(request, scaleBody)));
  } catch (e) {
    return errorResponse(e);
  }
}
