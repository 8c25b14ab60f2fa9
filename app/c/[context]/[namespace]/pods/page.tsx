import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { ErrorState } from '@/components/error-state';
import { type PodList, PodsTable } from '@/components/pods-table';
import { isAppError } from '@/lib/errors';
import { assertNamespaceExists } from '@/lib/k8s/namespaces';
import { listPodRows } from '@/lib/k8s/pods';
import { parseScope } from '@/lib/params';

export const metadata: Metadata = { title: 'Pods' };

export default async function PodsPage({
  params,
}: {
  params: Promise<{ context: string; namespace: string }>;
}) {
  const scope = parseScope(await params);
  let initial: PodList | undefined;
  let error: unknown;
  try {
    if (scope.namespace) await assertNamespaceExists(scope.context, scope.namespace);
    initial = { items: await listPodRows(scope.context, scope.namespace), now: Date.now() };
  } catch (e) {
    if (isAppError(e) && e.code === 'not_found') notFound();
    error = e;
  }
  const url = `/api/c/${encodeURIComponent(scope.context)}/${encodeURIComponent(scope.namespaceSegment)}/pods`;
  return (
    <section aria-labelledby="page-title" className="space-y-4">
      <header className="flex items-baseline justify-between">
        <h1 id="page-title" className="text-xl font-semibold">
          Pods
        </h1>
        {initial && (
          <p className="text-sm text-zinc-500">
            {initial.items.length} in {scope.namespace ? `namespace ${scope.namespace}` : 'all namespaces'},
            problems first
          </p>
        )}
      </header>
      {initial ? (
        <PodsTable url={url} initial={initial} showNamespace={!scope.namespace} context={scope.context} />
      ) : (
        <ErrorState error={error} context={scope.context} />
      )}
    </section>
  );
}
