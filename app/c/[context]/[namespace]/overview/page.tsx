import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { ErrorState } from '@/components/error-state';
import { OverviewView } from '@/components/overview-view';
import { SecuritySummary } from '@/components/security-summary';
import { isAppError } from '@/lib/errors';
import { assertNamespaceExists } from '@/lib/k8s/namespaces';
import { getOverview, type OverviewData } from '@/lib/k8s/overview';
import { parseScope } from '@/lib/params';

export const metadata: Metadata = { title: 'Overview' };

export default async function OverviewPage({
  params,
}: {
  params: Promise<{ context: string; namespace: string }>;
}) {
  const scope = parseScope(await params);
  let initial: OverviewData | undefined;
  let error: unknown;
  try {
    if (scope.namespace) await assertNamespaceExists(scope.context, scope.namespace);
    initial = await getOverview(scope.context, scope.namespace);
  } catch (e) {
    if (isAppError(e) && e.code === 'not_found') notFound();
    error = e;
  }
  const url = `/api/c/${encodeURIComponent(scope.context)}/${encodeURIComponent(scope.namespaceSegment)}/overview`;
  return (
    <section aria-labelledby="page-title" className="space-y-4">
      <header>
        <h1 id="page-title" className="text-xl font-semibold">
          Overview
        </h1>
        <p className="text-sm text-muted">
          {scope.namespace ? `Namespace ${scope.namespace}` : 'All namespaces'} at a glance, problems first
        </p>
      </header>
      {initial ? (
        <>
          {scope.namespace && <SecuritySummary context={scope.context} namespace={scope.namespace} />}
          <OverviewView
            url={url}
            initial={initial}
            context={scope.context}
            showNamespace={!scope.namespace}
          />
        </>
      ) : (
        <ErrorState error={error} context={scope.context} />
      )}
    </section>
  );
}
