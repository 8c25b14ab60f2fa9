import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { z } from 'zod';
import { isLoopback } from './bind';

/**
 * The sign-in, sealed into a cookie with AES-256-GCM: the cookie is the whole session, so any replica
 * with the same key serves any request and a restart signs nobody out. No `server-only`: proxy.ts
 * opens the same cookie.
 */

export const SESSION_COOKIE = 'wheelhouse_session';
const AAD = Buffer.from('wheelhouse-session-v1');

const sessionSchema = z.object({
  v: z.literal(1),
  /** The bearer credential sent to the API server: a pasted token, or the provider's ID token. */
  token: z.string().min(1),
  username: z.string(),
  groups: z.array(z.string()),
  /** seconds since the epoch */
  iat: z.number(),
  /** When `token` expires (an OIDC session refreshes it before then). */
  exp: z.number(),
  /** OIDC sign-ins only. */
  oidc: z
    .object({
      /** This sign-in's id, so a sign-out can refuse its old cookie. */
      sid: z.string().min(1),
      refreshToken: z.string().min(1).optional(),
      /** The sign-in ends here whatever the refreshes (WHEELHOUSE_SESSION_HOURS). */
      until: z.number(),
    })
    .optional(),
});

export type Session = z.infer<typeof sessionSchema>;

/** AES-256-GCM over JSON; `aad` names what is sealed, so one sealed thing never opens as another. */
export function sealValue(value: unknown, key: Buffer, aad: Buffer = AAD): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(aad);
  const body = Buffer.concat([cipher.update(JSON.stringify(value), 'utf8'), cipher.final()]);
  return Buffer.concat([iv, body, cipher.getAuthTag()]).toString('base64url');
}

/** The JSON sealed by sealValue, or undefined when it is forged, damaged or sealed with another key. */
export function openValue(value: string | undefined, key: Buffer, aad: Buffer = AAD): unknown {
  if (!value || value.length > 8192) return undefined;
  try {
    const raw = Buffer.from(value, 'base64url');
    if (raw.length < 12 + 16 + 1) return undefined;
    const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, 12));
    decipher.setAAD(aad);
    decipher.setAuthTag(raw.subarray(raw.length - 16));
    const text = Buffer.concat([
      decipher.update(raw.subarray(12, raw.length - 16)),
      decipher.final(),
    ]).toString('utf8');
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

export function seal(session: Session, key: Buffer): string {
  return sealValue(session, key);
}

/**
 * The session in a cookie value, or undefined when it is forged, damaged, sealed with another key or
 * over. An OIDC session with a refresh token outlives its ID token until `until`: the proxy
 * refreshes the token before any handler sees it.
 */
export function unseal(
  value: string | undefined,
  key: Buffer,
  nowSec = Date.now() / 1000,
): Session | undefined {
  const parsed = sessionSchema.safeParse(openValue(value, key));
  if (!parsed.success) return undefined;
  const s = parsed.data;
  const refreshable = s.oidc?.refreshToken !== undefined && s.oidc.until > nowSec;
  if (s.exp <= nowSec && !refreshable) return undefined;
  return s;
}

/** The `exp` claim of a JWT (ServiceAccount and OIDC tokens are JWTs), without trusting it for anything but a deadline. */
export function tokenExpiry(token: string): number | undefined {
  const payload = token.split('.')[1];
  if (!payload) return undefined;
  try {
    const exp = (JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { exp?: unknown }).exp;
    return typeof exp === 'number' && Number.isFinite(exp) ? exp : undefined;
  } catch {
    return undefined;
  }
}

/** A session lasts as long as the token, but never longer than `maxHours`. */
export function sessionExpiry(token: string, maxHours: number, nowSec = Date.now() / 1000): number {
  const cap = Math.floor(nowSec + maxHours * 3600);
  const exp = tokenExpiry(token);
  return exp === undefined ? cap : Math.min(cap, exp);
}

/** Secure everywhere except plain-http loopback, where browsers still treat the origin as secure but curl and tests do not. */
export function cookieIsSecure(protocol: string, loopback: boolean): boolean {
  return protocol === 'https:' || !loopback;
}

/**
 * The attributes of a sign-in cookie for a response to `request`. Strict by default: the session
 * cookie never travels with another site's requests. `Lax` is for the OIDC flow cookie, which must
 * come back on the provider's redirect (a top-level GET from the provider's site).
 */
export function cookieAttributes(
  request: Request,
  maxAge: number,
  options: { sameSite?: 'Strict' | 'Lax'; path?: string } = {},
): string {
  const url = new URL(request.url);
  const host = request.headers.get('host') ?? url.host;
  const secure = cookieIsSecure(url.protocol, isLoopback(host.replace(/:\d+$/, '')));
  return `Path=${options.path ?? '/'}; HttpOnly; SameSite=${options.sameSite ?? 'Strict'}; Max-Age=${maxAge}${secure ? '; Secure' : ''}`;
}
