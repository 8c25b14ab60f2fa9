import { errorResponse } from '@/lib/http';
import { getHistory } from '@/lib/k8s/rollouts';
import { parseTarget, type WorkloadParams } from '@/lib/rollout-params';

export async function GET(_request: Request, { params }: { params: Promise<WorkloadParams> }) {
  try {
    const items = await getHistory(parseTarget(await params));
    return Response.json({ items }, { headers: { 'Cache-Control': 'no-store' } });
  } catch (e) {
    return errorResponse(e);
  }
}
