import 'server-only';
import { CoreV1Api, type V1Pod, Watch } from '@kubernetes/client-node';
import { apiClient, kubeConfig } from '../../../kube/client';

export type PodEvent = 'ADDED' | 'MODIFIED' | 'DELETED';

export interface PodWatchOptions {
  context: string;
  namespace: string;
  labelSelector?: string;
  fieldSelector?: string;
  onEvent: (type: PodEvent, pod: V1Pod) => void;
  /** The first list failed: nothing will be watched. */
  onError: (e: unknown) => void;
  signal: AbortSignal;
}

const sleep = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve) => {
    const t = setTimeout(resolve, ms);
    signal.addEventListener(
      'abort',
      () => {
        clearTimeout(t);
        resolve();
      },
      { once: true },
    );
  });

/**
 * List, then watch pods until `signal` aborts, re-watching from the last resourceVersion. The
 * client-node Watch gives up after 30 s without data and may reject without calling done, so each
 * round is its own promise; a 410 (too old) relists and reports the difference as events.
 */
export function watchPods(o: PodWatchOptions): void {
  const known = new Map<string, V1Pod>();
  const path = `/api/v1/namespaces/${encodeURIComponent(o.namespace)}/pods`;

  async function list(): Promise<string | undefined> {
    const res = await apiClient(o.context, CoreV1Api).listNamespacedPod({
      namespace: o.namespace,
      labelSelector: o.labelSelector,
      fieldSelector: o.fieldSelector,
    });
    const seen = new Set<string>();
    for (const pod of res.items) {
      const uid = pod.metadata?.uid ?? '';
      seen.add(uid);
      o.onEvent(known.has(uid) ? 'MODIFIED' : 'ADDED', pod);
      known.set(uid, pod);
    }
    for (const [uid, pod] of known) {
      if (!seen.has(uid)) {
        known.delete(uid);
        o.onEvent('DELETED', pod);
      }
    }
    return res.metadata?.resourceVersion;
  }

  function round(rv: string): Promise<{ rv?: string; gone?: boolean }> {
    return new Promise((resolve) => {
      let last: string | undefined = rv;
      let gone = false;
      let req: AbortController | undefined;
      const finish = () => {
        o.signal.removeEventListener('abort', onAbort);
        resolve({ rv: last, gone });
      };
      const onAbort = () => {
        req?.abort();
        finish();
      };
      o.signal.addEventListener('abort', onAbort, { once: true });
      new Watch(kubeConfig(o.context))
        .watch(
          path,
          {
            labelSelector: o.labelSelector,
            fieldSelector: o.fieldSelector,
            resourceVersion: rv,
            allowWatchBookmarks: true,
          },
          (type: string, obj: V1Pod & { code?: number }) => {
            if (type === 'ERROR') {
              gone = obj.code === 410;
              return;
            }
            last = obj.metadata?.resourceVersion ?? last;
            if (type === 'BOOKMARK') return;
            const uid = obj.metadata?.uid ?? '';
            if (type === 'DELETED') known.delete(uid);
            else known.set(uid, obj);
            o.onEvent(type as PodEvent, obj);
          },
          () => finish(),
        )
        .then(
          (c) => {
            req = c;
            if (o.signal.aborted) c.abort();
          },
          () => finish(),
        );
    });
  }

  (async () => {
    let rv: string | undefined;
    try {
      rv = await list();
    } catch (e) {
      o.onError(e);
      return;
    }
    let failures = 0;
    while (!o.signal.aborted) {
      const started = Date.now();
      const r = rv ? await round(rv) : { gone: true };
      if (o.signal.aborted) break;
      rv = r.rv;
      if (r.gone || !rv) rv = await list().catch(() => undefined);
      // A round that ends at once is an error (the idle timeout takes 30 s): back off, don't spin.
      failures = Date.now() - started < 2000 ? failures + 1 : 0;
      if (failures > 1) await sleep(Math.min(10_000, 500 * 2 ** failures), o.signal);
    }
  })();
}
