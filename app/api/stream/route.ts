import { z } from 'zod';
import { AppError } from '@/lib/errors';
import { errorResponse } from '@/lib/kube/http';
import { openTab } from '@/lib/live/hub';
import { subscriptionsParam } from '@/lib/live/validation';
import { requestPrincipal } from '@/lib/live/watch-cache';
import { parseOrThrow } from '@/lib/params';
import { assertListKinds } from '@/lib/resources/api-kinds/server/discovery';

export const dynamic = 'force-dynamic';

const SSE_HEADERS = {
  'Content-Type': 'text/event-stream; charset=utf-8',
  'Cache-Control': 'no-cache, no-transform',
  'X-Accel-Buffering': 'no',
  Connection: 'keep-alive',
};

const tabId = z.uuid('a tab id is a UUID');

/**
 * GET /api/stream?tab=<uuid>&s=<JSON subscriptions>: the tab's one event stream, carrying the whole
 * subscription set, so any replica can serve it (no state shared between requests). A tab that wants
 * another set opens a new stream with it (components/live/use-watched-list.ts).
 */
export async function GET(request: Request) {
  try {
    const params = new URL(request.url).searchParams;
    const tab = parseOrThrow(tabId, params.get('tab') ?? '', 'tab id');
    const r = subscriptionsParam.safeParse(params.get('s') ?? '[]');
    if (!r.success) {
      const i = r.error.issues[0];
      const where = i?.path.length ? `${i.path.join('.')}: ` : '';
      throw new AppError(400, `Invalid subscriptions: ${where}${i?.message ?? 'not valid'}.`, 'bad_request');
    }
    // A tab opening re-checks the token with the cluster now, not from a recent answer.
    const principal = await requestPrincipal(0);
    // Discovered kinds (CRDs) are checked against the cluster before any stream opens.
    await assertListKinds(r.data, principal);
    return new Response(openTab(tab, request.signal, principal, r.data), { headers: SSE_HEADERS });
  } catch (e) {
    return errorResponse(e);
  }
}

/** Next answers HEAD by running GET and never cancels it: answer HEAD without opening a stream. */
export async function HEAD() {
  return new Response(null, { headers: SSE_HEADERS });
}
