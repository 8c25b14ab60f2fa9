import type { Metadata } from 'next';
import { CreateView } from '@/components/manage/create-view';
import { createApi } from '@/lib/links';
import { parseScope } from '@/lib/params';

export const metadata: Metadata = { title: 'Create from YAML' };

/** Paste or upload YAML (several documents), dry-run them all, then create them in order. */
export default async function CreatePage({
  params,
}: {
  params: Promise<{ context: string; namespace: string }>;
}) {
  const scope = parseScope(await params);
  return (
    <section aria-labelledby="page-title" className="max-w-6xl space-y-4">
      <header className="space-y-1">
        <h1 id="page-title" className="text-xl font-semibold">
          Create from YAML
        </h1>
        <p className="text-sm text-muted">
          {scope.namespace
            ? `Objects without a namespace are created in "${scope.namespace}"; a document naming another namespace is refused.`
            : 'All namespaces are selected: namespaced objects must name their namespace.'}{' '}
          Every document is dry-run by the API server first; nothing is created until you confirm.
        </p>
      </header>
      <CreateView api={createApi(scope.context, scope.namespaceSegment)} />
    </section>
  );
}
