import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { ErrorState } from '@/components/error-state';
import { ObjectSummary } from '@/components/object-summary';
import { Table, Td, Th } from '@/components/ui/table';
import { isAppError } from '@/lib/errors';
import { formatAge } from '@/lib/format';
import { kindBySlug } from '@/lib/k8s/kinds';
import { getObjectDetail, type ObjectDetail } from '@/lib/k8s/objects';
import { decodeSegment, objectName, parseOrThrow, parseScope, scopePath } from '@/lib/params';

type Params = Promise<{ context: string; namespace: string; kind: string; name: string }>;

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const p = await params;
  return { title: `${decodeSegment(p.name)} · ${kindBySlug(decodeSegment(p.kind))?.label ?? 'Not found'}` };
}

/** One object: its summary, its events and its YAML (managedFields hidden; Secret values never sent). */
export default async function ObjectPage({ params }: { params: Params }) {
  const raw = await params;
  const scope = parseScope(raw);
  const kind = kindBySlug(decodeSegment(raw.kind));
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
        <p className="text-sm text-zinc-500">
          <Link
            href={scopePath(scope.context, scope.namespaceSegment, kind.slug)}
            className="hover:underline"
          >
            {kind.label}
          </Link>
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
          <ObjectSummary kind={kind} row={detail.row} now={now} />
          <section aria-labelledby="events-title" className="space-y-2">
            <h2 id="events-title" className="text-lg font-semibold">
              Events
            </h2>
            {detail.eventsError ? (
              <p className="text-sm text-amber-700 dark:text-amber-400">{detail.eventsError}</p>
            ) : detail.events.length === 0 ? (
              <p className="text-sm text-zinc-500">No events for this object.</p>
            ) : (
              <Table aria-label="Events">
                <thead>
                  <tr>
                    <Th>Last seen</Th>
                    <Th>Type</Th>
                    <Th>Reason</Th>
                    <Th>Message</Th>
                    <Th>Count</Th>
                  </tr>
                </thead>
                <tbody>
                  {detail.events.map((e) => (
                    <tr key={e.key}>
                      <Td className="tabular-nums">{formatAge(String(e.cells.lastSeen ?? ''), now)}</Td>
                      <Td className={e.cells.type === 'Warning' ? 'text-amber-700 dark:text-amber-400' : ''}>
                        {String(e.cells.type)}
                      </Td>
                      <Td>{String(e.cells.reason ?? '')}</Td>
                      <Td className="break-words">{String(e.cells.message ?? '')}</Td>
                      <Td className="tabular-nums">{String(e.cells.count)}</Td>
                    </tr>
                  ))}
                </tbody>
              </Table>
            )}
          </section>
          <section aria-labelledby="yaml-title" className="space-y-2">
            <h2 id="yaml-title" className="text-lg font-semibold">
              YAML
            </h2>
            {kind.slug === 'secrets' && (
              <p className="text-sm text-zinc-500">Values are never shown; key names and sizes are above.</p>
            )}
            <pre className="max-h-[60vh] overflow-auto rounded border border-zinc-200 bg-zinc-50 p-3 font-mono text-xs dark:border-zinc-800 dark:bg-zinc-900">
              {detail.yaml}
            </pre>
          </section>
        </>
      )}
    </section>
  );
}
