import { AppError } from './errors';

/**
 * CSRF guard for mutations: a browser always sends Origin on a cross-origin POST, so a request whose
 * Origin is not this server's Host came from another site's page. Requests without Origin and
 * without Sec-Fetch-Site come from non-browser clients (curl, scripts), which carry no ambient
 * credentials for us to protect, so they pass.
 */
export function assertSameOrigin(request: Request): void {
  const origin = request.headers.get('origin');
  const host = request.headers.get('host');
  if (origin === null) {
    const site = request.headers.get('sec-fetch-site');
    if (site === null || site === 'same-origin' || site === 'none') return;
    throw forbidden();
  }
  let originHost: string;
  try {
    originHost = new URL(origin).host;
  } catch {
    throw forbidden();
  }
  if (!host || originHost !== host) throw forbidden();
}

function forbidden(): AppError {
  return new AppError(
    403,
    'This change was requested from another site; Wheelhouse only accepts changes made from its own pages.',
    'cross_origin',
  );
}
