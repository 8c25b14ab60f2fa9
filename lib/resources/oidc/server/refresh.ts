import { isAppError } from '../../../errors';
import type { Session } from '../../../session-seal';
import { signInEnded } from '../ended';
import { needsRefresh, refreshedSession } from '../session';
import { refreshTokens } from './provider';

/**
 * What proxy.ts does with an OIDC session before any handler sees it: refuses a signed-out one,
 * and renews an ID token that is about to expire with the refresh token. `renewed` is set when the
 * cookie must be rewritten. Without `server-only`, which proxy.ts cannot import.
 */
export async function liveOidcSession(
  s: Session,
  marginSec: number,
  nowSec = Date.now() / 1000,
): Promise<{ session: Session; renewed: boolean } | undefined> {
  if (!s.oidc) return { session: s, renewed: false };
  if (signInEnded(s.oidc.sid)) return undefined;
  if (!needsRefresh(s, marginSec, nowSec) || !s.oidc.refreshToken) {
    return s.exp > nowSec ? { session: s, renewed: false } : undefined;
  }
  try {
    const tokens = await refreshTokens(s.oidc.refreshToken);
    // Refused (revoked at sign-out, or expired): the sign-in is over.
    if (!tokens) return undefined;
    return { session: refreshedSession(s, tokens, nowSec), renewed: true };
  } catch (e) {
    // The provider is unreachable: the current ID token serves while it lasts.
    if (isAppError(e) && s.exp > nowSec) return { session: s, renewed: false };
    return undefined;
  }
}
