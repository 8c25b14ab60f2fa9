import { errorResponse } from '@/lib/kube/http';
import { assertSameOrigin } from '@/lib/origin';
import { parseBody, parseTarget, simpleBody, type WorkloadParams } from '@/lib/resources/workloads/params';
import { setPaused } from '@/lib/resources/workloads/server/rollouts';

export async function POST(request: Request, { params }: { params: Promise<WorkloadParams> }) {
  try {
    assertSameOrigin(request);
    const target = parseTarget(await params);
    const body = await parseBody(request, simpleBody);
    return Response.json(await setPaused(target, { ...body, paused: true }));
  } catch (e) {
    return errorResponse(e);
  }
}
