import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { EditView } from '@/components/manage/edit-view';
import { ErrorState } from '@/components/shell/error-state';
import { isAppError } from '@/lib/errors';
import { objectApi } from '@/lib/links';
import { requestPrincipal } from '@/lib/live/watch-cache';
import { decodeSegment, parseScope, scopePath } from '@/lib/params';
import { kindForPage } from '@/lib/resources/api-kinds/server/discovery';
import { parseObjectRef } from '@/lib/resources/manage/params';
import { type EditSource, getEditSource } from '@/lib/resources/manage/server/edit';

type Params = Promise<{ context: string; namespace: string; kind: string; name: string }>;

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const p = await params;
  return {
    title: `Edit ${decodeSegment(p.name)} · ${(await kindForPage(parseScope(p).context, decodeSegment(p.kind), await requestPrincipal()))?.kind ?? 'Not found'}`,
  };
}

/** Edit any listed kind's object as YAML, with the API server's dry-run answer before anything is saved. */
export default async function EditPage({ params }: { params: Params }) {
  const raw = await params;
  let ref: ReturnType<typeof parseObjectRef>;
  try {
    ref = parseObjectRef(raw);
  } catch {
    notFound();
  }
  const kind = await kindForPage(ref.context, ref.slug, await requestPrincipal());
  if (!kind) notFound();
  const segment = decodeSegment(raw.namespace);
  let source: EditSource | undefined;
  let error: unknown;
  try {
    source = await getEditSource(ref);
  } catch (e) {
    if (isAppError(e) && e.status === 404) notFound();
    error = e;
  }
  const back = scopePath(ref.context, segment, `${kind.slug}/${encodeURIComponent(ref.name)}`);
  return (
    <section aria-labelledby="page-title" className="max-w-6xl space-y-4">
      <header className="space-y-1">
        <p className="text-sm text-muted">
          <Link href={back} className="hover:underline">
            {kind.kind} {ref.name}
          </Link>
          {kind.namespaced && ref.namespace ? ` in ${ref.namespace}` : ''}
        </p>
        <h1 id="page-title" className="text-xl font-semibold break-all">
          Edit {ref.name}
        </h1>
        <p className="text-sm text-muted">
          Nothing is saved until you review the API server&apos;s dry run and apply it. Saving uses your own
          credentials and is audited.
        </p>
      </header>
      {source ? (
        <EditView
          source={source}
          api={objectApi(ref.context, segment, kind.slug, ref.name)}
          backHref={back}
        />
      ) : (
        <ErrorState error={error} context={ref.context} />
      )}
    </section>
  );
}
