import { listenPort } from './bind';
import { type AuthMode, serverEnv } from './env';
import { AppError } from './errors';

/**
 * The one Host/Origin rule. A request is served only when its Host is one this dashboard answers
 * to, and a change only when its Origin is one of the same origins. Both are compared with the
 * CONFIGURED origins, never with the request's own Host: under DNS rebinding a hostile page at
 * http://evil.example:PORT (resolving to 127.0.0.1) sends Host and Origin both evil.example:PORT,
 * which agree with each other and must still be refused.
 *
 * Local mode answers to the loopback names on the bound port; token mode to WHEELHOUSE_PUBLIC_URL
 * (one or more) plus the same loopback names (port-forward, probes on the pod itself).
 */

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Origins this dashboard serves, as `URL.origin` spells them (lower case, default ports dropped). */
export function servedOrigins(mode: AuthMode, port: number, publicUrls: readonly string[]): string[] {
  const loopback = ['127.0.0.1', 'localhost', '[::1]'].map((h) => `http://${h}:${port}`);
  return mode !== 'local' ? [...new Set([...publicUrls, ...loopback])] : loopback;
}

/**
 * The port this server listens on. Next's start-server sets PORT to the port it actually bound
 * (next start and next dev alike, whatever the flags) before serving; the standalone server.js
 * listens on PORT. The command line is the fallback.
 */
function servingPort(): number {
  const env = Number(process.env.PORT);
  return Number.isInteger(env) && env > 0 && env < 65536 ? env : listenPort(process.argv, process.env);
}

/** This process's served origins, from its settings and the port it serves on. */
export function configuredOrigins(): string[] {
  const env = serverEnv();
  return servedOrigins(env.WHEELHOUSE_AUTH_MODE, servingPort(), env.WHEELHOUSE_PUBLIC_URL);
}

/** Why a request with this Host header is not served here (421), or undefined. */
export function hostRefusal(host: string | null, origins: readonly string[]): string | undefined {
  const h = (host ?? '').trim().toLowerCase();
  if (h && origins.some((o) => new URL(o).host === h)) return undefined;
  const shown = h ? `"${h.slice(0, 100)}"` : 'no name';
  return `This dashboard does not answer to ${shown}: open it at ${origins[0] ?? 'its own address'}${
    origins.length > 1 ? ' (or another configured address, see WHEELHOUSE_PUBLIC_URL)' : ''
  }. A web page under another name could otherwise reach it (DNS rebinding).`;
}

/**
 * Why a state-changing request is refused as cross-site (403), or undefined when it may go on.
 * Origin is required: every browser sends it on a non-GET fetch or form post, and a client that
 * leaves it out (curl, a script) can add it as easily. Scheme, host and port must all match.
 */
export function originRefusal(
  method: string,
  origin: string | null,
  origins: readonly string[],
): string | undefined {
  if (SAFE_METHODS.has(method.toUpperCase())) return undefined;
  if (!origin || origin === 'null')
    return 'The request has no Origin header, so it may come from another site.';
  let parsed: string;
  try {
    parsed = new URL(origin).origin;
  } catch {
    return 'The request has a malformed Origin header.';
  }
  if (origins.includes(parsed)) return undefined;
  return `The request comes from another site (${origin.slice(0, 100)}); changes are only accepted from Wheelhouse's own pages.`;
}

/**
 * The same rule for a WebSocket upgrade, which is a GET but opens a channel that changes things (a
 * terminal): a page on another site may open a WebSocket to any address with the person's cookies
 * (cross-site WebSocket hijacking), and the browser always sends its Origin, so it is required.
 */
export function upgradeRefusal(
  host: string | undefined,
  origin: string | undefined,
  origins: readonly string[],
): { status: 421 | 403; message: string } | undefined {
  const wrongHost = hostRefusal(host ?? null, origins);
  if (wrongHost) return { status: 421, message: wrongHost };
  const crossSite = originRefusal('POST', origin ?? null, origins);
  return crossSite ? { status: 403, message: crossSite } : undefined;
}

/** The same rule inside a route handler, for changes that must never depend on proxy.ts alone. */
export function assertSameOrigin(request: Request): void {
  const origins = configuredOrigins();
  const refusal =
    hostRefusal(request.headers.get('host'), origins) ??
    originRefusal(request.method, request.headers.get('origin'), origins);
  if (refusal) throw new AppError(403, refusal, 'cross_origin');
}
