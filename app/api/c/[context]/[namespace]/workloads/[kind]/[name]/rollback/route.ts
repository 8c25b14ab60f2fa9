import { z } from 'zod';
import { errorResponse } from '@/lib/kube/http';
import { assertSameOrigin } from '@/lib/origin';
import { parseOrThrow } from '@/lib/params';
import { parseBody, parseTarget, rollbackBody, type WorkloadParams } from '@/lib/resources/workloads/params';
import { previewRollback, rollback } from '@/lib/resources/workloads/server/rollouts';

const previewRevision = z.coerce
  .number()
  .int('a revision is a whole number')
  .min(0, 'a revision cannot be negative');

/** The plan for `?revision=N` (0 = previous): target, diff, resourceVersion. Changes nothing. */
export async function GET(request: Request, { params }: { params: Promise<WorkloadParams> }) {
  try {
    const target = parseTarget(await params);
    const raw = new URL(request.url).searchParams.get('revision') ?? '0';
    const plan = await previewRollback(target, parseOrThrow(previewRevision, raw, 'revision'));
    const { patch: _patch, ...view } = plan;
    return Response.json(view, { headers: { 'Cache-Control': 'no-store' } });
  } catch (e) {
    return errorResponse(e);
  }
}

export async function POST(request: Request, { params }: { params: Promise<WorkloadParams> }) {
  try {
    assertSameOrigin(request);
    const target = parseTarget(await params);
    const body = await parseBody(request, rollbackBody);
    return Response.json(await rollback(target, body));
  } catch (e) {
    return errorResponse(e);
  }
}
