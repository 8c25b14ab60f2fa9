/**
 * Pure rules applied by proxy.ts to every request: same-origin for anything that changes state, and
 * the security headers. Kept out of proxy.ts so they are unit-tested.
 */

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Why a state-changing request is refused as cross-site, or undefined when it may go on. The Origin
 * header is required (every browser sends it on a non-GET fetch or form post) and must name this
 * host; a missing one is refused too, since non-browser clients can send it trivially.
 */
export function crossOriginRefusal(
  method: string,
  origin: string | null,
  host: string | null,
): string | undefined {
  if (SAFE_METHODS.has(method.toUpperCase())) return undefined;
  if (!origin || origin === 'null')
    return 'The request has no Origin header, so it may come from another site.';
  let originHost: string;
  try {
    originHost = new URL(origin).host;
  } catch {
    return 'The request has a malformed Origin header.';
  }
  if (!host || originHost.toLowerCase() !== host.toLowerCase()) {
    return `The request comes from another site (${origin.slice(0, 100)}); changes are only accepted from Wheelhouse's own pages.`;
  }
  return undefined;
}

export function pageCsp(nonce: string, dev: boolean): string {
  return [
    "default-src 'self'",
    // strict-dynamic lets Next's nonce'd loader pull its chunks; nothing inline runs without the nonce.
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ''}`,
    `style-src 'self' 'nonce-${nonce}'`,
    // style="" attributes (virtualised rows) cannot run script; allow those, not <style> elements.
    "style-src-attr 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** JSON and other non-documents need no scripts at all. */
export const API_CSP = "default-src 'none'; frame-ancestors 'none'";

export const STATIC_SECURITY_HEADERS: Record<string, string> = {
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Permissions-Policy': 'camera=(), microphone=(), geolocation=()',
};

/** Paths that answer without a sign-in in token mode. */
export function isPublicPath(pathname: string): boolean {
  return (
    pathname === '/sign-in' ||
    pathname === '/api/session' ||
    pathname === '/api/healthz' ||
    pathname.startsWith('/_next/') ||
    pathname === '/favicon.ico'
  );
}

/** Where to go after signing in: only a path on this site, never `//evil` or a full URL. */
export function safeNext(next: string | null | undefined): string {
  if (!next?.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return '/';
  return next.length > 2000 ? '/' : next;
}
