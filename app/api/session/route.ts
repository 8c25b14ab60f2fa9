import { z } from 'zod';
import { authMode, serverEnv, signsIn } from '@/lib/env';
import { AppError } from '@/lib/errors';
import { currentContext } from '@/lib/kube/client';
import { errorResponse } from '@/lib/kube/http';
import { whoAmI } from '@/lib/kube/identity';
import { currentSession } from '@/lib/kube/session';
import { parseOrThrow } from '@/lib/params';
import { signOutOidc } from '@/lib/resources/oidc/server/sign-out';
import { safeNext } from '@/lib/security';
import { cookieAttributes, SESSION_COOKIE, seal, sessionExpiry } from '@/lib/session-seal';

const NO_STORE = { 'Cache-Control': 'no-store' };

const signInBody = z.object({
  token: z
    .string()
    .trim()
    .min(1, 'paste a token')
    .max(16_384, 'a token has at most 16384 characters')
    .regex(/^[\x21-\x7e]+$/, 'a bearer token is printable ASCII without spaces'),
});

function requireTokenMode(): void {
  if (authMode() !== 'token') {
    throw new AppError(
      404,
      'Sign-in is only used in token mode; this dashboard acts with the kubeconfig.',
      'not_found',
    );
  }
}

/** Who is signed in (token or OIDC mode), from the sealed cookie; 401 when nobody is. */
export async function GET() {
  try {
    if (!signsIn(authMode())) requireTokenMode();
    const s = await currentSession();
    if (!s) throw new AppError(401, 'You are not signed in.', 'unauthenticated');
    return Response.json({ username: s.username, groups: s.groups, expires: s.exp }, { headers: NO_STORE });
  } catch (e) {
    return errorResponse(e);
  }
}

/** The body as JSON (the page's fetch) or as a form post (the same form before hydration, or without JavaScript). */
async function readSignIn(request: Request): Promise<{ raw: unknown; form: boolean; next: string }> {
  const type = request.headers.get('content-type') ?? '';
  if (type.startsWith('application/x-www-form-urlencoded')) {
    const form = new URLSearchParams(await request.text());
    return { raw: { token: form.get('token') ?? '' }, form: true, next: safeNext(form.get('next')) };
  }
  try {
    return { raw: await request.json(), form: false, next: '/' };
  } catch {
    throw new AppError(400, 'The request body must be JSON: {"token": "…"}.', 'bad_request');
  }
}

/** A form post is answered like a page: back to where it came from, never with the token in a URL. */
function formAnswer(to: string, cookie?: string): Response {
  const headers: Record<string, string> = { ...NO_STORE, Location: to };
  if (cookie) headers['Set-Cookie'] = cookie;
  return new Response(null, { status: 303, headers });
}

async function signIn(request: Request, raw: unknown) {
  const { token } = parseOrThrow(signInBody, raw, 'sign-in');
  const ctx = currentContext();
  if (!ctx) throw new AppError(503, 'There is no cluster configured to sign in to.', 'no_kubeconfig');
  let who: Awaited<ReturnType<typeof whoAmI>>;
  try {
    who = await whoAmI(ctx.name, { token });
  } catch (e) {
    if (e instanceof AppError && e.status === 401) {
      throw new AppError(
        401,
        'The cluster did not accept this token: it may be mistyped, expired or revoked.',
        'unauthenticated',
      );
    }
    throw e;
  }
  const env = serverEnv();
  const now = Math.floor(Date.now() / 1000);
  const exp = sessionExpiry(token, env.WHEELHOUSE_SESSION_HOURS, now);
  if (exp <= now) throw new AppError(401, 'This token has already expired.', 'unauthenticated');
  const key = env.WHEELHOUSE_SESSION_KEY;
  if (!key) throw new AppError(500, 'WHEELHOUSE_SESSION_KEY is not set.', 'misconfigured');
  const value = seal({ v: 1, token, username: who.username, groups: who.groups, iat: now, exp }, key);
  return {
    body: { username: who.username, groups: who.groups, context: ctx.name, expires: exp },
    cookie: `${SESSION_COOKIE}=${value}; ${cookieAttributes(request, exp - now)}`,
  };
}

/** Signs in with a Kubernetes bearer token, after the cluster says whose it is (SelfSubjectReview). */
export async function POST(request: Request) {
  let form: { next: string } | undefined;
  try {
    requireTokenMode();
    const body = await readSignIn(request);
    if (body.form) form = { next: body.next };
    const done = await signIn(request, body.raw);
    if (form) return formAnswer(form.next, done.cookie);
    return Response.json(done.body, { headers: { ...NO_STORE, 'Set-Cookie': done.cookie } });
  } catch (e) {
    if (form && e instanceof AppError && (e.status === 400 || e.status === 401)) {
      return formAnswer(`/sign-in?${new URLSearchParams({ next: form.next, reason: 'invalid' })}`);
    }
    return errorResponse(e);
  }
}

/**
 * Signs out: the cookie is the whole session, so clearing it is enough on every replica for a pasted
 * token. An OIDC sign-in also ends at the provider (see lib/resources/oidc/server/sign-out.ts); the
 * answer then names the provider's end-session page for the browser to visit.
 */
export async function DELETE(request: Request) {
  const headers = { ...NO_STORE, 'Set-Cookie': `${SESSION_COOKIE}=; ${cookieAttributes(request, 0)}` };
  const session = authMode() === 'oidc' ? await currentSession() : undefined;
  if (!session?.oidc) return new Response(null, { status: 204, headers });
  const endSession = await signOutOidc(session);
  return Response.json({ endSession }, { headers });
}
