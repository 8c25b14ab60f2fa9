import { authMode, serverEnv } from '@/lib/env';
import { AppError } from '@/lib/errors';
import { errorResponse } from '@/lib/kube/http';
import { startSignIn } from '@/lib/resources/oidc/server/provider';
import { FLOW_COOKIE, FLOW_PATH, FLOW_SECONDS, sealFlow } from '@/lib/resources/oidc/session';
import { safeNext } from '@/lib/security';
import { cookieAttributes } from '@/lib/session-seal';

/** Starts an OIDC sign-in: the browser goes to the provider, with this flow's checks in a sealed cookie. */
export async function GET(request: Request) {
  try {
    if (authMode() !== 'oidc') {
      throw new AppError(404, 'Single sign-on is not configured on this dashboard.', 'not_found');
    }
    const key = serverEnv().WHEELHOUSE_SESSION_KEY;
    if (!key) throw new AppError(500, 'WHEELHOUSE_SESSION_KEY is not set.', 'misconfigured');
    const next = safeNext(new URL(request.url).searchParams.get('next'));
    const { url, flow } = await startSignIn(next);
    // Lax: it must come back with the provider's redirect, a top-level GET from another site.
    const attrs = cookieAttributes(request, FLOW_SECONDS, { sameSite: 'Lax', path: FLOW_PATH });
    return new Response(null, {
      status: 303,
      headers: {
        'Cache-Control': 'no-store',
        Location: url.href,
        'Set-Cookie': `${FLOW_COOKIE}=${sealFlow(flow, key)}; ${attrs}`,
      },
    });
  } catch (e) {
    return errorResponse(e);
  }
}
