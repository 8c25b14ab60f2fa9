import 'server-only';
import {
  HttpMethod,
  IsomorphicFetchHttpLibrary,
  type KubeConfig,
  RequestContext,
  Watch,
} from '@kubernetes/client-node';
import { isTable, TABLE_ACCEPT, type TableColumnDefinition, tableRow } from '../resources/api-kinds/table';
import { collectionPath, type KindDef, type KubeObject, type Row } from '../resources/lists/kinds';

/**
 * The requests the watch cache makes upstream, with the context's own credentials: a WATCH that
 * streams the initial list where the API server can, a paged LIST where it cannot, and a WATCH from a
 * resourceVersion (client-node's Watch, not its informer, which gives up on errors other than 410).
 */

export async function getJson(
  kc: KubeConfig,
  url: string,
  signal: AbortSignal,
  accept = 'application/json',
): Promise<unknown> {
  const ctx = new RequestContext(url, HttpMethod.GET);
  ctx.setSignal(signal);
  ctx.setHeaderParam('Accept', accept);
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
 * A paged LIST (limit/continue) of one kind with the context's own credentials, each object handed
 * to `onItem` as its page arrives: only one page of full objects is alive at a time (10,000 pods
 * held whole until the last page are ~100 MiB of heap). Every page is the same snapshot; its
 * resourceVersion is where the watch starts.
 */
export async function listObjects(
  kc: KubeConfig,
  kind: KindDef,
  namespace: string | undefined,
  pageSize: number,
  signal: AbortSignal,
  onItem: (item: KubeObject) => void,
  fieldSelector?: string,
): Promise<{ rv: string }> {
  const server = kc.getCurrentCluster()?.server ?? '';
  const path = collectionPath(kind, namespace);
  let rv = '';
  let cont: string | undefined;
  do {
    const q = new URLSearchParams({ limit: String(pageSize) });
    if (cont) q.set('continue', cont);
    if (fieldSelector) q.set('fieldSelector', fieldSelector);
    const body = (await getJson(kc, `${server}${path}?${q}`, signal)) as ListBody;
    if (!rv) rv = body.metadata?.resourceVersion ?? '';
    for (const item of body.items ?? []) onItem(item);
    cont = body.metadata?.continue || undefined;
  } while (cont && !signal.aborted);
  return { rv };
}

/**
 * The same paged LIST in the API server's Table format (`kubectl get`'s columns): rows, the column
 * definitions of the first page, and the resourceVersion to watch from.
 */
export async function listTable(
  kc: KubeConfig,
  kind: KindDef,
  namespace: string | undefined,
  pageSize: number,
  signal: AbortSignal,
): Promise<{ rows: Row[]; defs: TableColumnDefinition[]; rv: string }> {
  const server = kc.getCurrentCluster()?.server ?? '';
  const path = collectionPath(kind, namespace);
  const rows: Row[] = [];
  let defs: TableColumnDefinition[] | undefined;
  let rv = '';
  let cont: string | undefined;
  do {
    const q = new URLSearchParams({ limit: String(pageSize) });
    if (cont) q.set('continue', cont);
    const body = await getJson(kc, `${server}${path}?${q}`, signal, TABLE_ACCEPT);
    if (!isTable(body)) throw Object.assign(new Error('not a Table'), { code: 406 });
    defs ??= body.columnDefinitions ?? [];
    if (!rv) rv = body.metadata?.resourceVersion ?? '';
    for (const r of body.rows ?? []) rows.push(tableRow(r, defs));
    cont = body.metadata?.continue || undefined;
  } while (cont && !signal.aborted);
  return { rows, defs: defs ?? [], rv };
}

/** The same LIST, as rows. */
export async function listRows(
  kc: KubeConfig,
  kind: KindDef,
  namespace: string | undefined,
  pageSize: number,
  signal: AbortSignal,
  fieldSelector?: string,
): Promise<{ rows: Row[]; rv: string }> {
  const rows: Row[] = [];
  const { rv } = await listObjects(
    kc,
    kind,
    namespace,
    pageSize,
    signal,
    (o) => rows.push(kind.toRow(o)),
    fieldSelector,
  );
  return { rows, rv };
}

export interface WatchHandlers {
  onEvent: (type: 'ADDED' | 'MODIFIED' | 'DELETED' | 'BOOKMARK', obj: KubeObject) => void;
  /** The API server accepted the watch (response headers arrived). */
  onConnected: () => void;
  /** Tests only: true while watches must not be established. */
  holdOff: () => boolean;
  setController: (c: AbortController) => void;
  /** Events in the API server's Table format (one row each; column definitions on the first only). */
  table?: boolean;
  /**
   * A streaming list: the watch starts with the current state as ADDED events, ends it with a
   * bookmark annotated `k8s.io/initial-events-end`, then goes on with the changes (`rv` unused).
   */
  initialEvents?: boolean;
}

/**
 * client-node's Watch asks for JSON and takes no headers; the Table format needs its Accept header,
 * so the watch gets a view of the config that adds it after authenticating.
 */
function withAccept(kc: KubeConfig, accept: string): KubeConfig {
  const view: KubeConfig = Object.create(kc);
  view.applySecurityAuthentication = async (ctx) => {
    await kc.applySecurityAuthentication(ctx);
    ctx.setHeaderParam('Accept', accept);
  };
  return view;
}

/**
 * One WATCH from `rv`, with bookmarks. Resolves when it ends cleanly (or `signal` aborts), rejects
 * with the error otherwise: `{ code: 410 }` when `rv` was compacted away, whether the API server says
 * so with a status code or with an ERROR event.
 */
export function watchOnce(
  kc: KubeConfig,
  kind: KindDef,
  namespace: string | undefined,
  rv: string,
  signal: AbortSignal,
  h: WatchHandlers,
): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    let finished = false;
    let controller: AbortController | undefined;
    const finish = (err: unknown) => {
      if (finished) return;
      finished = true;
      signal.removeEventListener('abort', onAbort);
      controller?.abort();
      if (err) reject(err);
      else resolve();
    };
    const onAbort = () => finish(null);
    signal.addEventListener('abort', onAbort);
    const onEvent = (type: string, obj: unknown) => {
      if (finished) return;
      if (type === 'ERROR') {
        finish(Object.assign(new Error('watch error'), { code: (obj as { code?: number }).code ?? 500 }));
        return;
      }
      if (type === 'ADDED' || type === 'MODIFIED' || type === 'DELETED' || type === 'BOOKMARK')
        h.onEvent(type, obj as KubeObject);
    };
    new Watch(h.table ? withAccept(kc, TABLE_ACCEPT) : kc)
      .watch(
        collectionPath(kind, namespace),
        h.initialEvents
          ? { allowWatchBookmarks: true, sendInitialEvents: true, resourceVersionMatch: 'NotOlderThan' }
          : { allowWatchBookmarks: true, resourceVersion: rv },
        onEvent,
        (err: unknown) => finish(err ?? null),
      )
      .then((c) => {
        controller = c;
        h.setController(c);
        // watch() resolves after the response headers, also on failure (done has run by then).
        if (finished || signal.aborted || h.holdOff()) finish(null);
        else h.onConnected();
      })
      // watch() can reject without calling done (auth setup, TLS): treat it as the end of this watch.
      .catch((err: unknown) => finish(err ?? new Error('watch failed')));
  });
}
