import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { z } from 'zod';

/**
 * The sign-in, sealed into a cookie with AES-256-GCM: the cookie is the whole session, so any replica
 * with the same key serves any request and a restart signs nobody out. No `server-only`: proxy.ts
 * opens the same cookie.
 */

export const SESSION_COOKIE = 'wheelhouse_session';
const AAD = Buffer.from('wheelhouse-session-v1');

const sessionSchema = z.object({
  v: z.literal(1),
  token: z.string().min(1),
  username: z.string(),
  groups: z.array(z.string()),
  /** seconds since the epoch */
  iat: z.number(),
  exp: z.number(),
});

export type Session = z.infer<typeof sessionSchema>;

export function seal(session: Session, key: Buffer): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(AAD);
  const body = Buffer.concat([cipher.update(JSON.stringify(session), 'utf8'), cipher.final()]);
  return Buffer.concat([iv, body, cipher.getAuthTag()]).toString('base64url');
}

/** The session in a cookie value, or undefined when it is forged, damaged, sealed with another key or expired. */
export function unseal(
  value: string | undefined,
  key: Buffer,
  nowSec = Date.now() / 1000,
): Session | undefined {
  if (!value || value.length > 8192) return undefined;
  try {
    const raw = Buffer.from(value, 'base64url');
    if (raw.length < 12 + 16 + 1) return undefined;
    const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, 12));
    decipher.setAAD(AAD);
    decipher.setAuthTag(raw.subarray(raw.length - 16));
    const text = Buffer.concat([
      decipher.update(raw.subarray(12, raw.length - 16)),
      decipher.final(),
    ]).toString('utf8');
    const parsed = sessionSchema.safeParse(JSON.parse(text));
    if (!parsed.success || parsed.data.exp <= nowSec) return undefined;
    return parsed.data;
  } catch {
    return undefined;
  }
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
