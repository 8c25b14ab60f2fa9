import { errorResponse } from '@/lib/http';
import { getWorkloadDetail } from '@/lib/k8s/rollouts';
import { parseTarget, type WorkloadParams } from '@/lib/rollout-params';

/** The detail view model; the page polls it for live status. */
export async function GET(_request: Request, { params }: { params: Promise<WorkloadParams> }) {
  try {
    const detail = await getWorkloadDetail(parseTarget(await params));
    return Response.json(detail, { headers: { 'Cache-Control': 'no-store' } });
  } catch (e) {
    return errorResponse(e);
  }
}
