import { z } from 'zod';
import { openValue, type Session, sealValue, tokenExpiry } from '../../session-seal';

/**
 * The pure rules of OIDC sign-in (authorization code with PKCE): the short-lived flow cookie that
 * carries state, nonce and the PKCE verifier from the redirect to the callback, the session built
 * from the provider's tokens, and when the ID token must be refreshed. No `server-only`: proxy.ts
 * refreshes sessions with the same rules.
 */

export const FLOW_COOKIE = 'wheelhouse_oidc_flow';
/** The flow cookie only travels to the two OIDC routes. */
export const FLOW_PATH = '/api/session/oidc';
export const CALLBACK_PATH = '/api/session/oidc/callback';
/** Time to get through the provider's pages. */
export const FLOW_SECONDS = 600;
const FLOW_AAD = Buffer.from('wheelhouse-oidc-flow-v1');

const flowSchema = z.object({
  state: z.string().min(16),
  nonce: z.string().min(16),
  verifier: z.string().min(43),
  next: z.string(),
  exp: z.number(),
});

export type Flow = z.infer<typeof flowSchema>;

export function sealFlow(flow: Flow, key: Buffer): string {
  return sealValue(flow, key, FLOW_AAD);
}

export function openFlow(
  value: string | undefined,
  key: Buffer,
  nowSec = Date.now() / 1000,
): Flow | undefined {
  const parsed = flowSchema.safeParse(openValue(value, key, FLOW_AAD));
  return parsed.success && parsed.data.exp > nowSec ? parsed.data : undefined;
}

/** Where the provider sends people back: the first public address, never the request's Host. */
export function redirectUri(publicUrls: readonly string[]): string {
  const base = publicUrls[0];
  if (!base) throw new Error('oidc mode needs WHEELHOUSE_PUBLIC_URL');
  return `${base}${CALLBACK_PATH}`;
}

export interface ProviderTokens {
  idToken: string;
  refreshToken?: string;
}

/**
 * A new session from the tokens of a sign-in. Without a refresh token the session ends with the ID
 * token; with one it may last `maxHours`, each ID token being refreshed before it expires.
 */
export function sessionFromTokens(
  tokens: ProviderTokens,
  who: { username: string; groups: string[] },
  sid: string,
  maxHours: number,
  nowSec = Math.floor(Date.now() / 1000),
): Session {
  const until = Math.floor(nowSec + maxHours * 3600);
  const exp = Math.min(until, tokenExpiry(tokens.idToken) ?? nowSec);
  return {
    v: 1,
    token: tokens.idToken,
    username: who.username,
    groups: who.groups,
    iat: nowSec,
    exp,
    oidc: { sid, refreshToken: tokens.refreshToken, until },
  };
}

/** True when the session's ID token has less than `marginSec` left and a refresh token may renew it. */
export function needsRefresh(s: Session, marginSec: number, nowSec = Date.now() / 1000): boolean {
  if (!s.oidc?.refreshToken || s.oidc.until <= nowSec) return false;
  return s.exp - nowSec < marginSec;
}

/**
 * The session after a refresh. A provider may rotate the refresh token or keep it (then the old one
 * stays). The session never outlives `until`, however long the new ID token is valid.
 */
export function refreshedSession(s: Session, tokens: ProviderTokens, nowSec = Date.now() / 1000): Session {
  const until = s.oidc?.until ?? s.exp;
  return {
    ...s,
    token: tokens.idToken,
    exp: Math.min(until, tokenExpiry(tokens.idToken) ?? nowSec),
    oidc: {
      sid: s.oidc?.sid ?? '',
      refreshToken: tokens.refreshToken ?? s.oidc?.refreshToken,
      until,
    },
  };
}

/** Seconds the session cookie should live: to the end of the sign-in, not of one ID token. */
export function cookieSeconds(s: Session, nowSec = Math.floor(Date.now() / 1000)): number {
  return Math.max(0, Math.floor((s.oidc?.until ?? s.exp) - nowSec));
}
