import { AppError } from '@/lib/errors';
import { errorResponse } from '@/lib/http';
import { requestPrincipal } from '@/lib/k8s/watch-cache';
import { assertListKinds } from '@/lib/resources/api-kinds/server/discovery';
import { setSubscriptions } from '@/lib/stream-hub';
import { subscriptionsBody } from '@/lib/stream-validation';

export const dynamic = 'force-dynamic';

/** POST {tab, subscriptions: [{context, kind, namespace}]}: the full set the tab wants from now on. */
export async function POST(request: Request) {
  try {
    let json: unknown;
    try {
      json = await request.json();
    } catch {
      throw new AppError(400, 'The body is not JSON.', 'bad_request');
    }
    const r = subscriptionsBody.safeParse(json);
    if (!r.success) {
      const i = r.error.issues[0];
      const where = i?.path.length ? `${i.path.join('.')}: ` : '';
      throw new AppError(400, `Invalid subscriptions: ${where}${i?.message ?? 'not valid'}.`, 'bad_request');
    }
    const principal = await requestPrincipal();
    await assertListKinds(r.data.subscriptions, principal);
    const ids = setSubscriptions(r.data.tab, r.data.subscriptions, principal);
    return Response.json({ subscriptions: ids }, { headers: { 'Cache-Control': 'no-store' } });
  } catch (e) {
    return errorResponse(e);
  }
}
