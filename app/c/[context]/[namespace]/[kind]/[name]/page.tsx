import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { ObjectEventsYaml } from '@/components/objects/object-extras';
import { ObjectSummary } from '@/components/objects/object-summary';
import { ErrorState } from '@/components/shell/error-state';
import { isAppError } from '@/lib/errors';
import { listPath } from '@/lib/links';
import { requestPrincipal } from '@/lib/live/watch-cache';
import { decodeSegment, objectName, parseOrThrow, parseScope } from '@/lib/params';
import { kindForPage } from '@/lib/resources/api-kinds/server/discovery';
import { getObjectDetail, type ObjectDetail } from '@/lib/resources/objects/server/objects';

type Params = Promise<{ context: string; namespace: string; kind: string; name: string }>;

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const p = await params;
  const kind = await kindForPage(parseScope(p).context, decodeSegment(p.kind), await requestPrincipal());
  return { title: `${decodeSegment(p.name)} · ${kind?.label ?? 'Not found'}` };
}

/** One object: its summary, its events and its YAML (managedFields hidden; Secret values never sent). */
export default async function ObjectPage({ params }: { params: Params }) {
  const raw = await params;
  const scope = parseScope(raw);
  const kind = await kindForPage(scope.context, decodeSegment(raw.kind), await requestPrincipal());
  if (!kind) notFound();
  const name = parseOrThrow(objectName, decodeSegment(raw.name), 'name');
  let detail: ObjectDetail | undefined;
  let error: unknown;
  try {
    detail = await getObjectDetail(scope.context, kind, scope.namespace, name);
  } catch (e) {
    if (isAppError(e) && e.code === 'not_found') notFound();
    error = e;
  }
  const now = Date.now();
  return (
    <section aria-labelledby="page-title" className="space-y-6">
      <header className="space-y-1">
        <p className="text-sm text-muted">
          <Link href={listPath(scope.context, scope.namespaceSegment, kind.slug)}>{kind.label}</Link>
          {kind.namespaced && scope.namespace ? ` in ${scope.namespace}` : ''}
        </p>
        <h1 id="page-title" className="text-xl font-semibold break-all">
          {name}
        </h1>
      </header>
      {!detail ? (
        <ErrorState error={error} context={scope.context} />
      ) : (
        <>
          {/* A discovered kind has no summary columns of its own: its list has kubectl's. */}
          {!kind.table && <ObjectSummary kind={kind} row={detail.row} now={now} />}
          <ObjectEventsYaml detail={detail} slug={kind.slug} now={now} context={scope.context} />
        </>
      )}
    </section>
  );
}
