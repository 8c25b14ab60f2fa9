/**
 * Pure rules applied by proxy.ts to every request: the security headers, public paths and safe
 * redirects (the Host/Origin rule is lib/origin.ts). Kept out of proxy.ts so they are unit-tested.
 */

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

/** Paths that answer without a sign-in in token and OIDC modes. */
export function isPublicPath(pathname: string): boolean {
  return (
    pathname === '/sign-in' ||
    pathname === '/api/session' ||
    // OIDC sign-in: the redirect to the provider and its redirect back.
    pathname === '/api/session/oidc' ||
    pathname === '/api/session/oidc/callback' ||
    pathname === '/api/healthz' ||
    pathname.startsWith('/_next/') ||
    // Static files from public/: the icon and the rule that keeps the dashboard out of search engines.
    pathname === '/favicon.ico' ||
    pathname === '/icon.svg' ||
    pathname === '/robots.txt'
  );
}

const SITE = 'http://wheelhouse.invalid';

/**
 * Where to go after signing in: a path on this site, or '/'. The target is parsed as a URL against
 * a placeholder origin and kept only if it is still on that origin; before that, anything a browser
 * would silently drop or rewrite is refused outright (control characters such as the newline in
 * `/%0A/evil`, which leaves `//evil`; backslashes, which browsers read as `/`; scheme-relative forms).
 */
export function safeNext(next: string | null | undefined): string {
  if (!next || next.length > 2000 || !next.startsWith('/')) return '/';
  // Control characters (C0, DEL, C1), backslashes and whitespace other than a plain space.
  if (/[\p{Cc}\\\s]/u.test(next.replace(/ /g, ''))) return '/';
  if (next.startsWith('//')) return '/';
  let url: URL;
  try {
    url = new URL(next, SITE);
  } catch {
    return '/';
  }
  if (url.origin !== SITE) return '/';
  const path = `${url.pathname}${url.search}${url.hash}`;
  return path.startsWith('/') && !path.startsWith('//') ? path : '/';
}
