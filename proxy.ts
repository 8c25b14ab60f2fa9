import { type NextRequest, NextResponse } from 'next/server';
import { authMode, serverEnv, signsIn } from '@/lib/env';
import { configuredOrigins, hostRefusal, originRefusal } from '@/lib/origin';
import { badAddress } from '@/lib/params';
import { liveOidcSession } from '@/lib/resources/oidc/server/refresh';
import { cookieSeconds } from '@/lib/resources/oidc/session';
import { API_CSP, isPublicPath, pageCsp, STATIC_SECURITY_HEADERS } from '@/lib/security';
import { cookieAttributes, SESSION_COOKIE, seal, unseal } from '@/lib/session-seal';

/**
 * Runs before every route: refuses Host names this dashboard does not serve (421, DNS rebinding) and
 * cross-site changes (403), signs people in (token and OIDC modes: 401 for the API, a redirect
 * for pages; an OIDC ID token about to expire is refreshed here, once, for every handler), rejects malformed scope segments with a real 400 (a server component
 * can only produce 404 or 500), and puts the security headers on every answer.
 */
export async function proxy(request: NextRequest) {
  const { pathname } = request.nextUrl;
  const isApi = pathname === '/api' || pathname.startsWith('/api/');
  const nonce = Buffer.from(crypto.randomUUID()).toString('base64');
  const csp = isApi ? API_CSP : pageCsp(nonce, process.env.NODE_ENV === 'development');
  const finish = (res: NextResponse, stream = false) => withHeaders(res, csp, stream);

  const origins = configuredOrigins();
  // The health probe carries nothing and is asked for by the pod IP (kubelet), so any Host may ask.
  const probe = pathname === '/api/healthz' && ['GET', 'HEAD'].includes(request.method);
  const wrongHost = probe ? undefined : hostRefusal(request.headers.get('host'), origins);
  if (wrongHost)
    return finish(
      isApi ? jsonError(421, 'wrong_host', wrongHost) : htmlError(421, 'Wrong address', wrongHost),
    );
  const refusal = originRefusal(request.method, request.headers.get('origin'), origins);
  if (refusal) return finish(jsonError(403, 'cross_origin', refusal));

  // Changes go to /api route handlers only. Wheelhouse has no Server Actions, and a form-encoded
  // POST to a page would make Next try to run one (and, with an RSC header, fail with a 500).
  if (!isApi && !['GET', 'HEAD', 'OPTIONS'].includes(request.method)) {
    const res = jsonError(405, 'method_not_allowed', 'Pages only answer GET; changes go through /api.');
    res.headers.set('Allow', 'GET, HEAD');
    return finish(res);
  }

  const scopeError = badAddress(pathname);
  if (scopeError) {
    return finish(
      isApi ? jsonError(400, 'bad_request', scopeError) : htmlError(400, 'Bad address', scopeError),
    );
  }

  // Next reads the nonce from the request's CSP header and puts it on its own scripts.
  const requestHeaders = new Headers(request.headers);
  let renewedCookie: string | undefined;
  if (signsIn(authMode()) && !isPublicPath(pathname)) {
    const env = serverEnv();
    const key = env.WHEELHOUSE_SESSION_KEY;
    let session = key ? unseal(request.cookies.get(SESSION_COOKIE)?.value, key) : undefined;
    if (session?.oidc && key) {
      const live = await liveOidcSession(session, env.WHEELHOUSE_OIDC_REFRESH_SECONDS);
      session = live?.session;
      if (live?.renewed) {
        const value = seal(live.session, key);
        // Handlers read the renewed session from the request; the browser keeps it from the answer.
        requestHeaders.set('cookie', withCookie(request.headers.get('cookie') ?? '', SESSION_COOKIE, value));
        renewedCookie = `${SESSION_COOKIE}=${value}; ${cookieAttributes(request, cookieSeconds(live.session))}`;
      }
    }
    if (!session) {
      const hadCookie = request.cookies.has(SESSION_COOKIE);
      if (isApi) {
        return finish(
          jsonError(
            401,
            'unauthenticated',
            'You are not signed in, or your sign-in has expired. Sign in again.',
          ),
        );
      }
      const to = new URL('/sign-in', request.url);
      to.searchParams.set('next', `${pathname}${request.nextUrl.search}`);
      if (hadCookie) to.searchParams.set('reason', 'expired');
      return finish(NextResponse.redirect(to, 303));
    }
  }

  requestHeaders.set('x-nonce', nonce);
  requestHeaders.set('Content-Security-Policy', csp);
  const res = NextResponse.next({ request: { headers: requestHeaders } });
  if (renewedCookie) res.headers.append('Set-Cookie', renewedCookie);
  // Only a request that reaches a stream route gets the stream's caching; refusals above are no-store.
  return finish(res, isEventStream(pathname));
}

/** A Cookie header with one cookie's value replaced (or added). */
function withCookie(header: string, name: string, value: string): string {
  const rest = header
    .split(';')
    .map((p) => p.trim())
    .filter((p) => p && !p.startsWith(`${name}=`));
  return [...rest, `${name}=${value}`].join('; ');
}

/** Server-sent event routes: the tab stream and pod or workload log streams. */
function isEventStream(pathname: string): boolean {
  return pathname === '/api/stream' || (pathname.startsWith('/api/c/') && pathname.endsWith('/log'));
}

function withHeaders(res: NextResponse, csp: string, stream = false): NextResponse {
  res.headers.set('Content-Security-Policy', csp);
  for (const [k, v] of Object.entries(STATIC_SECURITY_HEADERS)) res.headers.set(k, v);
  // Pages and API answers carry cluster data: never keep them in a shared or browser cache.
  // The event stream must not be compressed or buffered by proxies either (no-transform).
  res.headers.set('Cache-Control', stream ? 'no-cache, no-transform' : 'no-store');
  return res;
}

function jsonError(status: number, code: string, message: string): NextResponse {
  return NextResponse.json({ error: { status, code, message } }, { status });
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function htmlError(status: number, title: string, message: string): NextResponse {
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title} · Wheelhouse</title>
<meta name="color-scheme" content="light dark"></head>
<body style="font-family:system-ui,sans-serif;max-width:40rem;margin:3rem auto;padding:0 1rem">
<main><h1>${title}</h1><p role="alert">${escapeHtml(message)}</p>${status === 421 ? '' : '<p><a href="/">Go to the current context</a></p>'}</main>
</body></html>`;
  return new NextResponse(html, { status, headers: { 'Content-Type': 'text/html; charset=utf-8' } });
}

export const config = {
  // Everything but build assets, which carry no data and get their headers from next.config.js.
  matcher: ['/((?!_next/static|_next/image|favicon.ico).*)'],
};
