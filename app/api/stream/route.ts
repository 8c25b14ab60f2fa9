import { z } from 'zod';
import { errorResponse } from '@/lib/http';
import { requestPrincipal } from '@/lib/k8s/watch-cache';
import { parseOrThrow } from '@/lib/params';
import { openTab } from '@/lib/stream-hub';

export const dynamic = 'force-dynamic';

const SSE_HEADERS = {
  'Content-Type': 'text/event-stream; charset=utf-8',
  'Cache-Control': 'no-cache, no-transform',
  'X-Accel-Buffering': 'no',
  Connection: 'keep-alive',
};

const tabId = z.uuid('a tab id is a UUID');

/** GET /api/stream?tab=<uuid>: the tab's one event stream. Subscriptions are set by POST …/subscriptions. */
export async function GET(request: Request) {
  try {
    const tab = parseOrThrow(tabId, new URL(request.url).searchParams.get('tab') ?? '', 'tab id');
    // A tab opening re-checks the token with the cluster now, not from a recent answer.
    const principal = await requestPrincipal(0);
    return new Response(openTab(tab, request.signal, principal), { headers: SSE_HEADERS });
  } catch (e) {
    return errorResponse(e);
  }
}

/** Next answers HEAD by running GET and never cancels it: answer HEAD without opening a stream. */
export async function HEAD() {
  return new Response(null, { headers: SSE_HEADERS });
}
