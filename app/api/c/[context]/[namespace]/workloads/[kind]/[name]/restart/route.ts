import { errorResponse } from '@/lib/http';
import { restart } from '@/lib/k8s/rollouts';
import { assertSameOrigin } from '@/lib/origin';
import { parseBody, parseTarget, simpleBody, type WorkloadParams } from '@/lib/rollout-params';

export async function POST(request: Request, { params }: { params: Promise<WorkloadParams> }) {
  try {
    assertSameOrigin(request);
    const target = parseTarget(await params);
    return Response.json(await restart(target, await parseBody(request, simpleBody)));
  } catch (e) {
    return errorResponse(e);
  }
}
