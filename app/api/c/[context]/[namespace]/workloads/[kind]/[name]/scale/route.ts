import { errorResponse } from '@/lib/http';
import { scale } from '@/lib/k8s/rollouts';
import { assertSameOrigin } from '@/lib/origin';
import { parseBody, parseTarget, scaleBody, type WorkloadParams } from '@/lib/rollout-params';

export async function POST(request: Request, { params }: { params: Promise<WorkloadParams> }) {
  try {
    assertSameOrigin(request);
    const target = parseTarget(await params);
    return Response.json(await scale(target, await parseBody(request, scaleBody)));
  } catch (e) {
    return errorResponse(e);
  }
}
