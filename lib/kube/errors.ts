import { AppError } from '../errors';

/** What we were trying to do when the cluster said no; used to write the sentence. */
export interface Attempt {
  context: string;
  verb: 'list' | 'get' | 'watch' | 'patch' | 'create' | 'delete' | 'update';
  resource: string;
  namespace?: string;
  name?: string;
}

interface StatusBody {
  message?: string;
  reason?: string;
  details?: { causes?: { field?: string; message?: string }[] };
}

function statusCode(e: unknown): number | undefined {
  if (typeof e !== 'object' || e === null) return undefined;
  const code = (e as { code?: unknown }).code;
  return typeof code === 'number' ? code : undefined;
}

function statusBody(e: unknown): StatusBody | undefined {
  const body = (e as { body?: unknown }).body;
  if (typeof body === 'string') {
    try {
      return JSON.parse(body) as StatusBody;
    } catch {
      return undefined;
    }
  }
  return typeof body === 'object' && body !== null ? (body as StatusBody) : undefined;
}

/** Node's fetch wraps socket errors as `TypeError: fetch failed` with the errno in `cause`. */
function networkCode(e: unknown): string | undefined {
  let cur: unknown = e;
  for (let i = 0; i < 4 && typeof cur === 'object' && cur !== null; i++) {
    const code = (cur as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    cur = (cur as { cause?: unknown }).cause;
  }
  return undefined;
}

const CLUSTER_SCOPED = new Set([
  'namespaces',
  'namespace',
  'nodes',
  'node',
  'persistentvolumes',
  'storageclasses',
]);

function where(a: Attempt): string {
  if (CLUSTER_SCOPED.has(a.resource)) return 'in this cluster';
  return a.namespace ? `in namespace "${a.namespace}"` : 'across all namespaces';
}

function target(a: Attempt): string {
  return a.name ? `${a.resource} "${a.name}"` : a.resource;
}

/**
 * Maps anything thrown by @kubernetes/client-node (or fetch beneath it) to an AppError whose message
 * is safe to show. Only the Status `reason`, and field causes for 422, are taken from the body.
 */
export function toAppError(e: unknown, a: Attempt): AppError {
  if (e instanceof AppError) return e;
  const code = statusCode(e);
  switch (code) {
    case 400:
      return new AppError(400, `The cluster refused the request to ${a.verb} ${target(a)} as malformed.`);
    case 401:
      return new AppError(
        401,
        `The cluster for context "${a.context}" did not accept the credentials (401). Sign in again or check the kubeconfig.`,
        'unauthorized',
      );
    case 403:
      return new AppError(403, `You may not ${a.verb} ${target(a)} ${where(a)}.`, 'forbidden');
    case 404:
      return new AppError(
        404,
        a.name
          ? `${capitalize(a.resource)} "${a.name}" was not found ${where(a)}.`
          : `No ${a.resource} found ${where(a)}.`,
        'not_found',
      );
    case 409:
      return new AppError(
        409,
        `${capitalize(target(a))} changed since you looked at it. Review the latest version and try again.`,
        'conflict',
      );
    case 410:
      return new AppError(
        410,
        'The cluster no longer has that version of the data (410 Gone); reload.',
        'gone',
      );
    case 422: {
      const causes = (statusBody(e)?.details?.causes ?? [])
        .map((c) => [c.field, c.message].filter(Boolean).join(': '))
        .filter(Boolean)
        .slice(0, 3);
      const why = causes.length ? ` ${causes.join('; ')}.` : '';
      return new AppError(
        422,
        `The cluster rejected the change to ${target(a)} as invalid.${why}`,
        'invalid',
      );
    }
    case 429:
      return new AppError(
        503,
        'The cluster is overloaded and asked us to slow down (429). Try again shortly.',
      );
    case 500:
    case 502:
    case 503:
    case 504:
      return new AppError(502, `The cluster for context "${a.context}" answered with an error (${code}).`);
  }
  const net = networkCode(e);
  if (net === 'ECONNREFUSED' || net === 'ENOTFOUND' || net === 'EHOSTUNREACH' || net === 'ECONNRESET') {
    return new AppError(503, `Cannot reach the cluster for context "${a.context}" (${net}).`, 'unreachable');
  }
  if (net === 'ETIMEDOUT' || net === 'UND_ERR_CONNECT_TIMEOUT' || net === 'ABORT_ERR') {
    return new AppError(504, `The cluster for context "${a.context}" did not answer in time.`, 'timeout');
  }
  if (
    net?.startsWith('ERR_TLS') ||
    net === 'DEPTH_ZERO_SELF_SIGNED_CERT' ||
    net === 'SELF_SIGNED_CERT_IN_CHAIN'
  ) {
    return new AppError(502, `The TLS connection to the cluster for context "${a.context}" failed (${net}).`);
  }
  // undici reports connection failures it has no errno for (a blocked port, a reset during TLS) this way.
  if (e instanceof TypeError && e.message === 'fetch failed') {
    return new AppError(503, `Cannot reach the cluster for context "${a.context}".`, 'unreachable');
  }
  return new AppError(
    502,
    `Talking to the cluster for context "${a.context}" failed unexpectedly.`,
    'upstream',
  );
}

function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
