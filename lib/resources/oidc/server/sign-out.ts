import 'server-only';
import { serverEnv } from '../../../env';
import { tokenHash } from '../../../kube/credentials';
import { revoke } from '../../../kube/revocation';
import type { Session } from '../../../session-seal';
import { endSignIn } from '../ended';
import { endSessionUrl, revokeRefreshToken } from './provider';

/**
 * Ends an OIDC sign-in everywhere Wheelhouse can: this server refuses its cookie from now on and
 * closes its streams and cached answers (the ID token stays valid at the API server until it
 * expires: a JWT cannot be recalled), the provider revokes its refresh token (so no replica can
 * renew it), and the provider's own session ends when the browser visits the returned URL.
 */
export async function signOutOidc(session: Session): Promise<string | undefined> {
  const oidc = session.oidc;
  if (!oidc) return undefined;
  endSignIn(oidc.sid, oidc.until);
  revoke(tokenHash(session.token));
  if (oidc.refreshToken) await revokeRefreshToken(oidc.refreshToken);
  const base = serverEnv().WHEELHOUSE_PUBLIC_URL[0];
  return base ? endSessionUrl(session.token, `${base}/sign-in?reason=signed_out`) : undefined;
}
