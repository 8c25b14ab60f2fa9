import { errorResponse } from '@/lib/kube/http';
import { SSE_HEADERS } from '@/lib/live/sse';
import { legacyWorkloadKind, parseWorkloadScope } from '@/lib/named-scope';
import { parseLogQuery } from '@/lib/resources/logs/server/logs';
import { resolveWorkloadContainer, workloadLogStream } from '@/lib/resources/logs/server/workload-logs';
import { readWorkload } from '@/lib/resources/workloads/server/workloads';

type Ctx = { params: Promise<{ context: string; namespace: string; kind: string; name: string }> };

async function prepare(request: Request, { params }: Ctx) {
  const s = parseWorkloadScope(await params);
  const q = parseLogQuery(new URL(request.url).searchParams);
  const w = await readWorkload(s);
  return { s, q, w, container: resolveWorkloadContainer(w, q.container) };
}

/** Old addresses named the kind in the singular: 308 to the plural one, query kept. */
async function legacyRedirect(request: Request, { params }: Ctx): Promise<Response | undefined> {
  const p = await params;
  const plural = legacyWorkloadKind(p.kind);
  if (!plural) return undefined;
  const url = new URL(request.url);
  const to = url.pathname.replace(`/workloads/${p.kind}/`, `/workloads/${plural}/`);
  // A relative Location: the Host the server sees (localhost behind a proxy) may not be the browser's.
  return new Response(null, { status: 308, headers: { Location: `${to}${url.search}` } });
}

/** Every pod of a workload, followed and interleaved as server-sent events labelled by pod. */
export async function GET(request: Request, ctx: Ctx) {
  const moved = await legacyRedirect(request, ctx);
  if (moved) return moved;
  try {
    const { s, q, w, container } = await prepare(request, ctx);
    return new Response(workloadLogStream(s.context, s.namespace, w, container, q, request.signal), {
      headers: SSE_HEADERS,
    });
  } catch (e) {
    return errorResponse(e);
  }
}

/** Next runs GET for HEAD and never cancels a stream: answer the checks without opening one. */
export async function HEAD(request: Request, ctx: Ctx) {
  const moved = await legacyRedirect(request, ctx);
  if (moved) return moved;
  try {
    await prepare(request, ctx);
    return new Response(null, { headers: SSE_HEADERS });
  } catch (e) {
    const res = errorResponse(e);
    return new Response(null, { status: res.status, headers: res.headers });
  }
}
