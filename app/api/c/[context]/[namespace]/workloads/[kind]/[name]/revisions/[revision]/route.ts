import { errorResponse } from '@/lib/http';
import { getRevision } from '@/lib/k8s/rollouts';
import { parseOrThrow } from '@/lib/params';
import { parseTarget, revisionNumber, type WorkloadParams } from '@/lib/rollout-params';

export async function GET(
  _request: Request,
  { params }: { params: Promise<WorkloadParams & { revision: string }> },
) {
  try {
    const raw = await params;
    const target = parseTarget(raw);
    const revision = parseOrThrow(revisionNumber, raw.revision, 'revision');
    return Response.json(await getRevision(target, revision), { headers: { 'Cache-Control': 'no-store' } });
  } catch (e) {
    return errorResponse(e);
  }
}
