import 'server-only';
import { notFound } from 'next/navigation';
import { type InitialList, LiveList } from '@/components/live/live-list';
import { isAppError } from '@/lib/errors';
import type { ErrorInfo } from '@/lib/live/protocol';
import { requestPrincipal } from '@/lib/live/watch-cache';
import { currentWindow } from '@/lib/live/windows';
import type { ScopeParams } from '@/lib/params';
import type { KindDef } from '@/lib/resources/lists/kinds';
import type { ListQuery } from '@/lib/resources/lists/query';
import { parseListQuery } from '@/lib/resources/lists/query-params';
import { assertNamespaceExists } from '@/lib/resources/namespaces/server/namespaces';

/** Rows rendered on the server; the tab's stream then keeps the window it scrolls to live. */
const FIRST_ROWS = 100;

function isErrorInfo(e: unknown): e is ErrorInfo {
  return typeof e === 'object' && e !== null && 'message' in e && 'status' in e && 'code' in e;
}

/** A live list of one kind: server-rendered first rows from the shared watch cache, then live. */
export async function LiveListPage({
  scope,
  kind,
  searchParams,
}: {
  scope: ScopeParams;
  kind: KindDef;
  searchParams: Record<string, string | string[] | undefined>;
}) {
  let query: ListQuery = { q: '', selector: '', sort: 'name', dir: 'asc' };
  let queryError: string | undefined;
  try {
    query = parseListQuery(searchParams);
    if (!searchParams.sort && kind.defaultSort)
      query = { ...query, ...{ sort: kind.defaultSort.key, dir: kind.defaultSort.dir } };
  } catch (e) {
    queryError = e instanceof Error ? e.message : 'not valid';
  }
  let initial: InitialList;
  try {
    if (kind.namespaced && scope.namespace) await assertNamespaceExists(scope.context, scope.namespace);
    const ns = scope.namespace;
    const win = await currentWindow(
      scope.context,
      kind.slug,
      ns,
      query,
      0,
      FIRST_ROWS,
      5000,
      await requestPrincipal(),
    );
    if (!win) initial = { rows: [], total: 0, size: 0, pending: true };
    else initial = win;
  } catch (e) {
    if (isAppError(e) && e.code === 'not_found') notFound();
    if (isErrorInfo(e))
      initial = {
        rows: [],
        total: 0,
        size: 0,
        error: { status: e.status, code: e.code, message: e.message },
      };
    else if (isAppError(e))
      initial = {
        rows: [],
        total: 0,
        size: 0,
        error: { status: e.status, code: e.code, message: e.message },
      };
    else throw e;
  }
  return (
    <section aria-labelledby="page-title" className="space-y-4">
      <header className="flex items-baseline justify-between">
        <h1 id="page-title" className="text-xl font-semibold">
          {kind.label}
        </h1>
        {kind.table && (
          <p className="text-sm text-muted">
            <span className="font-mono">{kind.slug}</span> · {kind.group ? `${kind.group}/` : ''}
            {kind.version} · columns as <span className="font-mono">kubectl get</span> prints them
          </p>
        )}
      </header>
      {queryError && (
        <p role="alert" className="text-sm text-bad">
          Ignored an invalid part of the address ({queryError}).
        </p>
      )}
      <LiveList
        context={scope.context}
        namespaceSegment={scope.namespaceSegment}
        kind={kind.slug}
        def={{ label: kind.label, columns: kind.columns, namespaced: kind.namespaced }}
        initial={initial}
        query={query}
        now={Date.now()}
      />
    </section>
  );
}
