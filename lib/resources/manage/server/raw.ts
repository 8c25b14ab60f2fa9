import 'server-only';
import {
  HttpMethod,
  IsomorphicFetchHttpLibrary,
  type KubeConfig,
  KubernetesObjectApi,
  RequestContext,
  type V1APIResource,
} from '@kubernetes/client-node';
import { AppError } from '../../../errors';
import { kubeConfig } from '../../../kube/client';
import { type Attempt, toAppError } from '../../../kube/errors';

/**
 * The generic write path: client-node's KubernetesObjectApi resolves any apiVersion + kind to its
 * resource through discovery (built-ins and CRDs alike), with the user's credentials. The requests
 * themselves send and return raw JSON rather than client-node's typed models, whose deserializer
 * drops fields it does not know: a PUT built from them would erase newer or custom fields.
 */

export interface ResolvedKind {
  apiVersion: string;
  kind: string;
  group: string;
  version: string;
  /** The plural resource name, as RBAC and URLs use it. */
  resource: string;
  namespaced: boolean;
}

export type Json = Record<string, unknown>;

/** KubernetesObjectApi with its discovery lookup (protected there) made callable, cached per config. */
class ObjectDiscovery extends KubernetesObjectApi {
  lookup(apiVersion: string, kind: string): Promise<V1APIResource | undefined> {
    return this.resource(apiVersion, kind);
  }
}

const objectApis = new WeakMap<KubeConfig, ObjectDiscovery>();

function objectApi(kc: KubeConfig): ObjectDiscovery {
  let api = objectApis.get(kc);
  if (!api) {
    api = kc.makeApiClient(ObjectDiscovery);
    objectApis.set(kc, api);
  }
  return api;
}

/** apiVersion + kind → resource; an unknown one is a 400 that says what the cluster does serve. */
export async function resolveKind(context: string, apiVersion: string, kind: string): Promise<ResolvedKind> {
  const [group, version] = apiVersion.includes('/') ? apiVersion.split('/', 2) : ['', apiVersion];
  let found: V1APIResource | undefined;
  try {
    found = await objectApi(kubeConfig(context)).lookup(apiVersion, kind);
  } catch (e) {
    if ((e as { code?: unknown }).code === 404) {
      throw new AppError(
        400,
        `The cluster does not serve apiVersion "${apiVersion}" (for kind "${kind}"). Check the apiVersion, or install the CRD that defines it.`,
        'unknown_kind',
      );
    }
    throw toAppError(e, { context, verb: 'get', resource: 'API discovery' });
  }
  // Subresources (deployments/scale) share the kind of their parent: only top-level resources count.
  if (!found || found.name.includes('/')) {
    throw new AppError(
      400,
      `The cluster has no kind "${kind}" in apiVersion "${apiVersion}". Kinds are case-sensitive (Deployment, ConfigMap).`,
      'unknown_kind',
    );
  }
  return {
    apiVersion,
    kind,
    group: group ?? '',
    version: version ?? apiVersion,
    resource: found.name,
    namespaced: found.namespaced,
  };
}

export function resourcePath(r: ResolvedKind, namespace: string | undefined, name?: string): string {
  const base = r.group ? `/apis/${r.group}/${r.version}` : `/api/${r.version}`;
  const ns = r.namespaced && namespace ? `/namespaces/${encodeURIComponent(namespace)}` : '';
  return `${base}${ns}/${r.resource}${name ? `/${encodeURIComponent(name)}` : ''}`;
}

/** A non-2xx answer: the status code and the Status body, for the error mapping and the causes. */
export class UpstreamError extends Error {
  constructor(
    readonly code: number,
    readonly body: unknown,
  ) {
    super(`HTTP ${code}`);
  }
}

/** One request with the context's credentials (the user's), JSON in and out. */
export async function requestJson(
  context: string,
  method: 'GET' | 'POST' | 'PUT' | 'DELETE',
  path: string,
  query: Record<string, string> = {},
  body?: unknown,
): Promise<Json> {
  const kc = kubeConfig(context);
  const server = kc.getCurrentCluster()?.server ?? '';
  const q = new URLSearchParams(query).toString();
  const ctx = new RequestContext(`${server}${path}${q ? `?${q}` : ''}`, HttpMethod[method]);
  ctx.setSignal(AbortSignal.timeout(30_000));
  ctx.setHeaderParam('Accept', 'application/json');
  if (body !== undefined) {
    ctx.setHeaderParam('Content-Type', 'application/json');
    ctx.setBody(JSON.stringify(body));
  }
  await kc.applySecurityAuthentication(ctx);
  const res = await new IsomorphicFetchHttpLibrary().send(ctx).toPromise();
  const text = await res.body.text();
  let parsed: unknown;
  try {
    parsed = text ? JSON.parse(text) : {};
  } catch {
    parsed = {};
  }
  if (res.httpStatusCode < 200 || res.httpStatusCode > 299)
    throw new UpstreamError(res.httpStatusCode, parsed);
  return parsed as Json;
}

export interface Cause {
  field?: string;
  message: string;
}

interface StatusBody {
  message?: string;
  reason?: string;
  details?: { causes?: { field?: string; message?: string }[] };
}

function status(e: unknown): StatusBody | undefined {
  return e instanceof UpstreamError && typeof e.body === 'object' && e.body !== null
    ? (e.body as StatusBody)
    : undefined;
}

export function causesOf(e: unknown): Cause[] {
  return (status(e)?.details?.causes ?? [])
    .filter((c) => c.message)
    .map((c) => ({ ...(c.field ? { field: c.field } : {}), message: String(c.message).slice(0, 500) }))
    .slice(0, 20);
}

/**
 * The one error mapping (toAppError), plus the cluster's own sentence where it is the reason a
 * person needs: why RBAC or an admission webhook refused, or why the request was malformed. Status
 * messages are the API server's words about the request, never headers or credentials.
 */
export function writeError(e: unknown, a: Attempt): AppError {
  const err = toAppError(e, a);
  const said = status(e)?.message;
  const code = e instanceof UpstreamError ? e.code : undefined;
  // A 422's causes are already in toAppError's sentence; its message would only repeat them.
  const repeats = code === 422 && causesOf(e).length > 0;
  if (said && !repeats && (code === 400 || code === 403 || code === 404 || code === 409 || code === 422)) {
    return new AppError(err.status, `${err.message} The cluster said: ${said.slice(0, 500)}`, err.code);
  }
  return err;
}
