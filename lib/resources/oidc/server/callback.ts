import 'server-only';
import { randomUUID } from 'node:crypto';
import { authMode, serverEnv } from '../../../env';
import { AppError, isAppError } from '../../../errors';
import { currentContext } from '../../../kube/client';
import { whoAmI } from '../../../kube/identity';
import { cookieAttributes, SESSION_COOKIE, seal } from '../../../session-seal';
import { cookieSeconds, FLOW_COOKIE, FLOW_PATH, openFlow, sessionFromTokens } from '../session';
import { finishSignIn } from './provider';

/** Browsers keep about 4096 bytes per cookie, name and attributes included. */
const MAX_COOKIE_VALUE = 3800;

export const NOT_TRUSTED =
  'You signed in with the provider, but the cluster does not accept its ID token: its API server must trust this issuer (structured authentication configuration, with this client id as an audience).';

function cookieValue(request: Request, name: string): string | undefined {
  for (const part of (request.headers.get('cookie') ?? '').split(';')) {
    const i = part.indexOf('=');
    if (i > 0 && part.slice(0, i).trim() === name) return part.slice(i + 1).trim();
  }
  return undefined;
}

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function html(status: number, title: string, body: string, cookies: string[], refreshTo?: string): Response {
  const headers = new Headers({ 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' });
  for (const c of cookies) headers.append('Set-Cookie', c);
  const refresh = refreshTo ? `<meta http-equiv="refresh" content="0;url=${esc(refreshTo)}">` : '';
  return new Response(
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${esc(title)} · Wheelhouse</title>
<meta name="color-scheme" content="light dark">${refresh}</head><body><main><h1>${esc(title)}</h1>${body}</main></body></html>`,
    { status, headers },
  );
}

/**
 * The provider's redirect back: checks the flow (state, nonce, PKCE through openid-client), asks
 * the cluster who the ID token is (SelfSubjectReview: the API server, not Wheelhouse, decides whether
 * it trusts the provider), and seals the session. The answer is a page that moves on by itself
 * rather than a redirect: after a chain of redirects that began on the provider's site, a browser
 * would not send the new SameSite=Strict cookie with the next request.
 */
export async function completeSignIn(request: Request): Promise<Response> {
  const url = new URL(request.url);
  const clearFlow = `${FLOW_COOKIE}=; ${cookieAttributes(request, 0, { sameSite: 'Lax', path: FLOW_PATH })}`;
  try {
    if (authMode() !== 'oidc') throw new AppError(404, 'Single sign-on is not configured here.', 'not_found');
    const env = serverEnv();
    const key = env.WHEELHOUSE_SESSION_KEY;
    if (!key) throw new AppError(500, 'WHEELHOUSE_SESSION_KEY is not set.', 'misconfigured');
    const refused = url.searchParams.get('error');
    if (refused) {
      const why = url.searchParams.get('error_description') || refused;
      throw new AppError(401, `The sign-in provider refused: ${why.slice(0, 200)}`, 'unauthenticated');
    }
    const flow = openFlow(cookieValue(request, FLOW_COOKIE), key);
    if (!flow) {
      throw new AppError(
        400,
        'This sign-in took too long or was started in another browser. Start again.',
        'bad_request',
      );
    }
    const tokens = await finishSignIn(url.search, flow);
    const ctx = currentContext();
    if (!ctx) throw new AppError(503, 'There is no cluster configured to sign in to.', 'no_kubeconfig');
    let who: Awaited<ReturnType<typeof whoAmI>>;
    try {
      who = await whoAmI(ctx.name, { token: tokens.idToken });
    } catch (e) {
      if (isAppError(e) && e.status === 401) throw new AppError(401, NOT_TRUSTED, 'unauthenticated');
      throw e;
    }
    const session = sessionFromTokens(tokens, who, randomUUID(), env.WHEELHOUSE_SESSION_HOURS);
    const value = seal(session, key);
    if (value.length > MAX_COOKIE_VALUE) {
      throw new AppError(
        500,
        `The provider's tokens are too large for a browser cookie (${value.length} characters sealed). Ask the provider for a smaller ID token (fewer groups or claims).`,
        'too_large',
      );
    }
    const sessionCookie = `${SESSION_COOKIE}=${value}; ${cookieAttributes(request, cookieSeconds(session))}`;
    return html(
      200,
      'Signed in',
      `<p>Signed in as ${esc(who.username)}. <a href="${esc(flow.next)}">Continue</a></p>`,
      [sessionCookie, clearFlow],
      flow.next,
    );
  } catch (e) {
    const err = isAppError(e)
      ? e
      : new AppError(500, 'The sign-in failed on the Wheelhouse server; it has been logged.');
    if (!isAppError(e)) console.error('[wheelhouse] OIDC callback failed', e);
    return html(
      err.status,
      'Sign-in failed',
      `<p role="alert">${esc(err.message)}</p><p><a href="/sign-in">Sign in again</a></p>`,
      [clearFlow],
    );
  }
}
