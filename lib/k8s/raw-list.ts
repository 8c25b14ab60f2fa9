import 'server-only';
import {
  HttpMethod,
  IsomorphicFetchHttpLibrary,
  type KubeConfig,
  RequestContext,
} from '@kubernetes/client-node';
import { collectionPath, type KindDef, type KubeObject, type Row } from './kinds';

export async function getJson(kc: KubeConfig, url: string, signal: AbortSignal): Promise<unknown> {
  const ctx = new RequestContext(url, HttpMethod.GET);
  ctx.setSignal(signal);
  ctx.setHeaderParam('Accept', 'application/json');
  await kc.applySecurityAuthentication(ctx);
  const res = await new IsomorphicFetchHttpLibrary().send(ctx).toPromise();
  const text = await res.body.text();
  if (res.httpStatusCode !== 200) {
    // Only the status travels on: the body can echo request details.
    throw Object.assign(new Error(`HTTP ${res.httpStatusCode}`), { code: res.httpStatusCode });
  }
  return JSON.parse(text);
}

interface ListBody {
  metadata?: { resourceVersion?: string; continue?: string };
  items?: KubeObject[];
}

/**
 * A paged LIST (limit/continue) of one kind with the context's own credentials, as rows. Every page
 * is the same snapshot; its resourceVersion is where the watch starts.
 */
export async function listRows(
  kc: KubeConfig,
  kind: KindDef,
  namespace: string | undefined,
  pageSize: number,
  signal: AbortSignal,
  fieldSelector?: string,
): Promise<{ rows: Row[]; rv: string }> {
  const server = kc.getCurrentCluster()?.server ?? '';
  const path = collectionPath(kind, namespace);
  const rows: Row[] = [];
  let rv = '';
  let cont: string | undefined;
  do {
    const q = new URLSearchParams({ limit: String(pageSize) });
    if (cont) q.set('continue', cont);
    if (fieldSelector) q.set('fieldSelector', fieldSelector);
    const body = (await getJson(kc, `${server}${path}?${q}`, signal)) as ListBody;
    if (!rv) rv = body.metadata?.resourceVersion ?? '';
    for (const item of body.items ?? []) rows.push(kind.toRow(item));
    cont = body.metadata?.continue || undefined;
  } while (cont && !signal.aborted);
  return { rows, rv };
}
