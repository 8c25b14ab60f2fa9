import { errorResponse } from '@/lib/kube/http';
import { SSE_HEADERS } from '@/lib/live/sse';
import { parseNamedScope } from '@/lib/named-scope';
import {
  assertLogsAvailable,
  parseLogQuery,
  podLogStream,
  resolveContainer,
} from '@/lib/resources/logs/server/logs';
import { readPod } from '@/lib/resources/pods/server/pods';

type Ctx = { params: Promise<{ context: string; namespace: string; name: string }> };

async function prepare(request: Request, { params }: Ctx) {
  const s = parseNamedScope(await params);
  const q = parseLogQuery(new URL(request.url).searchParams);
  const pod = await readPod(s.context, s.namespace, s.name);
  const container = resolveContainer(pod, q.container);
  assertLogsAvailable(pod, container, q.previous);
  return { s, q, pod, container };
}

/** Live log of one container as server-sent events (`lines`, `status`, `error`, `end`). */
export async function GET(request: Request, ctx: Ctx) {
  try {
    const { s, q, pod, container } = await prepare(request, ctx);
    return new Response(podLogStream(s.context, pod, container, q, request.signal), { headers: SSE_HEADERS });
  } catch (e) {
    return errorResponse(e);
  }
}

/** Next runs GET for HEAD and never cancels a stream: answer the checks without opening one. */
export async function HEAD(request: Request, ctx: Ctx) {
  try {
    await prepare(request, ctx);
    return new Response(null, { headers: SSE_HEADERS });
  } catch (e) {
    const res = errorResponse(e);
    return new Response(null, { status: res.status, headers: res.headers });
  }
}
