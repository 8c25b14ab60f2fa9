import { z } from 'zod';

/**
 * The dashboard's own settings, read once from the environment and validated, so that a typo in a
 * Deployment manifest stops the server at start with a sentence instead of surfacing as a 500 later.
 * No `server-only` here: proxy.ts and instrumentation.ts read the same settings.
 */

const SESSION_KEY_HELP =
  'WHEELHOUSE_SESSION_KEY must be 32 random bytes, base64-encoded (for example `openssl rand -base64 32`)';

/**
 * 32 random bytes hold about 30 distinct values; fewer than 16 means a placeholder (all zeros, a
 * repeated pattern), never `openssl rand`: the chance of that from a real generator is below 1e-20.
 */
export function looksRandom(key: Buffer): boolean {
  return new Set(key).size >= 16;
}

const sessionKey = z
  .string()
  .trim()
  .refine(
    (s) => /^[A-Za-z0-9+/_-]+={0,2}$/.test(s) && Buffer.from(s, 'base64').length === 32,
    SESSION_KEY_HELP,
  )
  .transform((s) => Buffer.from(s, 'base64'))
  .refine(looksRandom, `${SESSION_KEY_HELP}; this one is a pattern (such as all zeros), not random bytes`);

/**
 * The public address(es) of a token-mode dashboard, separated by commas or spaces: only these Host
 * and Origin values are served besides loopback. Each is an http(s) origin with no path.
 */
const publicUrls = z
  .string()
  .trim()
  .default('')
  .transform((s, ctx) => {
    const origins: string[] = [];
    for (const part of s.split(/[\s,]+/).filter(Boolean)) {
      let u: URL | undefined;
      try {
        u = new URL(part);
      } catch {
        u = undefined;
      }
      if (
        !u ||
        !['http:', 'https:'].includes(u.protocol) ||
        u.username ||
        u.password ||
        u.search ||
        u.hash ||
        u.pathname !== '/'
      ) {
        ctx.addIssue({
          code: 'custom',
          message: `"${part.slice(0, 100)}" is not an origin such as https://wheelhouse.example.com (http or https, no path)`,
        });
        return z.NEVER;
      }
      origins.push(u.origin);
    }
    return origins;
  });

/** An https URL (http only for loopback, as OAuth allows for native and test setups). */
const httpsUrl = z
  .string()
  .trim()
  .refine((s) => {
    try {
      const u = new URL(s);
      return (
        u.protocol === 'https:' ||
        (u.protocol === 'http:' && ['127.0.0.1', 'localhost', '[::1]'].includes(u.hostname))
      );
    } catch {
      return false;
    }
  }, 'must be an https URL, such as https://login.example.com')
  .transform((s) => s.replace(/\/+$/, ''));

const limit = (fallback: number, max: number) =>
  z.coerce.number().int().positive().max(max).default(fallback);

const schema = z
  .object({
    WHEELHOUSE_AUTH_MODE: z
      .enum(['local', 'token', 'oidc'], {
        message: 'WHEELHOUSE_AUTH_MODE must be "local", "token" or "oidc"',
      })
      .default('local'),
    WHEELHOUSE_SESSION_KEY: sessionKey.optional(),
    /** Overrides for the mounted ServiceAccount files, so in-cluster mode can be tested off-cluster. */
    WHEELHOUSE_SA_TOKEN_FILE: z
      .string()
      .min(1)
      .default('/var/run/secrets/kubernetes.io/serviceaccount/token'),
    WHEELHOUSE_SA_CA_FILE: z.string().min(1).default('/var/run/secrets/kubernetes.io/serviceaccount/ca.crt'),
    /** How long a sign-in lasts at most, whatever the token's own lifetime. */
    WHEELHOUSE_SESSION_HOURS: z.coerce
      .number()
      .positive()
      .max(24 * 30)
      .default(8),
    WHEELHOUSE_PUBLIC_URL: publicUrls,
    /** Per-principal bounds (one person's excess never refuses another; see lib/live/principal-limits.ts). */
    WHEELHOUSE_MAX_TABS_PER_USER: limit(20, 10_000),
    WHEELHOUSE_MAX_SUBSCRIPTIONS_PER_TAB: limit(50, 1_000),
    WHEELHOUSE_MAX_WATCHES_PER_USER: limit(100, 100_000),
    WHEELHOUSE_SEARCHES_PER_MINUTE: limit(30, 10_000),
    /** The operator's switch for terminals into pods (see lib/resources/exec): "off" hides and refuses them all. */
    WHEELHOUSE_EXEC: z
      .enum(['on', 'off'], { message: 'WHEELHOUSE_EXEC must be "on" or "off"' })
      .default('on'),
    WHEELHOUSE_MAX_EXEC_PER_USER: limit(3, 100),
    /** How often a signed-in token with open streams is re-checked with the cluster (at most 60). */
    WHEELHOUSE_TOKEN_RECHECK_SECONDS: limit(60, 60),
    /** OIDC mode: the provider (its discovery document is ISSUER/.well-known/openid-configuration). */
    WHEELHOUSE_OIDC_ISSUER_URL: httpsUrl.optional(),
    WHEELHOUSE_OIDC_CLIENT_ID: z.string().trim().min(1).optional(),
    /** Unset for a public client (PKCE alone). */
    WHEELHOUSE_OIDC_CLIENT_SECRET: z.string().trim().min(1).optional(),
    /** PEM file of the CA that signed a private provider's certificate. */
    WHEELHOUSE_OIDC_CA_FILE: z.string().trim().min(1).optional(),
    WHEELHOUSE_OIDC_SCOPES: z
      .string()
      .trim()
      .default('openid profile email groups offline_access')
      .refine((s) => s.split(/\s+/).includes('openid'), 'WHEELHOUSE_OIDC_SCOPES must include "openid"'),
    /** Refresh the ID token when it has less than this left. */
    WHEELHOUSE_OIDC_REFRESH_SECONDS: limit(120, 24 * 3600),
  })
  .superRefine((env, ctx) => {
    const mode = env.WHEELHOUSE_AUTH_MODE;
    if (signsIn(mode) && !env.WHEELHOUSE_SESSION_KEY) {
      ctx.addIssue({
        code: 'custom',
        path: ['WHEELHOUSE_SESSION_KEY'],
        message: `${mode} mode keeps sign-ins in an encrypted cookie: ${SESSION_KEY_HELP}`,
      });
    }
    if (mode !== 'oidc') return;
    const need = (key: keyof typeof env, why: string) => {
      if (env[key] === undefined) ctx.addIssue({ code: 'custom', path: [key], message: why });
    };
    need('WHEELHOUSE_OIDC_ISSUER_URL', 'oidc mode needs the provider, such as https://login.example.com');
    need('WHEELHOUSE_OIDC_CLIENT_ID', 'oidc mode needs the client id registered with the provider');
    // The provider sends the browser back to one fixed address, so it must be known, not guessed from Host.
    if (env.WHEELHOUSE_PUBLIC_URL.length === 0) {
      ctx.addIssue({
        code: 'custom',
        path: ['WHEELHOUSE_PUBLIC_URL'],
        message:
          'oidc mode needs the public address of the dashboard: the provider returns people to WHEELHOUSE_PUBLIC_URL/api/session/oidc/callback',
      });
    }
  });

export type ServerEnv = z.infer<typeof schema>;
export type AuthMode = ServerEnv['WHEELHOUSE_AUTH_MODE'];

/** Parses an environment; throws an Error whose message lists every problem. */
export function parseEnv(env: Record<string, string | undefined>): ServerEnv {
  const r = schema.safeParse(env);
  if (r.success) return r.data;
  const problems = r.error.issues.map((i) => `${i.path.join('.') || 'environment'}: ${i.message}`);
  throw new Error(`Wheelhouse settings are not valid:\n  - ${problems.join('\n  - ')}`);
}

let cached: { source: string; env: ServerEnv } | undefined;

/** The process environment, parsed; re-parsed only when the relevant variables change (tests). */
export function serverEnv(): ServerEnv {
  const relevant = Object.fromEntries(
    Object.entries(process.env).filter(([k]) => k.startsWith('WHEELHOUSE_')),
  );
  const source = JSON.stringify(relevant);
  if (cached?.source !== source) cached = { source, env: parseEnv(relevant) };
  return cached.env;
}

/** Modes where people sign in and act with their own credentials, kept in the sealed session cookie. */
export function signsIn(mode: AuthMode): boolean {
  return mode !== 'local';
}

export function authMode(): AuthMode {
  return serverEnv().WHEELHOUSE_AUTH_MODE;
}
