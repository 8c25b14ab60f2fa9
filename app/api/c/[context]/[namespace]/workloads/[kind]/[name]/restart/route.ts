import { errorResponse } from '@/lib/kube/http';
import { assertSameOrigin } from '@/lib/origin';
import { parseBody, parseTarget, simpleBody, type WorkloadParams } from '@/lib/resources/workloads/params';
import { restart } from '@/lib/resources/workloads/server/rollouts';

export async function POST(request: Request, { params }: { params: Promise<WorkloadParams> }) {
  try {
    assertSameOrigin(request);
    const target = parseTarget(await params);
    return Response.json(await restart(target, await parseBody(request, simpleBody)));
  } catch (e) {
    return errorResponse(e);
  }
}
