import 'server-only';
import { cookies } from 'next/headers';
import { serverEnv } from '../env';
import { AppError } from '../errors';
import { signInEnded } from '../resources/oidc/ended';
import { SESSION_COOKIE, type Session, unseal } from '../session-seal';

/**
 * The signed-in person for the request being served (token and OIDC modes), read from the sealed cookie. Used
 * by lib/kube/client.ts at the moment a request to the cluster is made, so no caller can forget it.
 */

export const SIGNED_OUT_MESSAGE = 'You are not signed in, or your sign-in has expired. Sign in again.';

export async function currentSession(): Promise<Session | undefined> {
  const key = serverEnv().WHEELHOUSE_SESSION_KEY;
  if (!key) return undefined;
  let jar: Awaited<ReturnType<typeof cookies>>;
  try {
    jar = await cookies();
  } catch {
    // Outside a request (a background job): there is nobody to act for.
    return undefined;
  }
  const s = unseal(jar.get(SESSION_COOKIE)?.value, key);
  // An OIDC session is refreshed by proxy.ts before handlers run; a signed-out or stale one acts for nobody.
  if (s?.oidc && (signInEnded(s.oidc.sid) || s.exp <= Date.now() / 1000)) return undefined;
  return s;
}

export async function requireSession(): Promise<Session> {
  const s = await currentSession();
  if (!s) throw new AppError(401, SIGNED_OUT_MESSAGE, 'unauthenticated');
  return s;
}
