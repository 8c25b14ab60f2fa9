import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { LiveUsage } from '@/components/metrics/live-usage';
import { OverviewView } from '@/components/overview/overview-view';
import { SecuritySummary } from '@/components/security/security-summary';
import { ErrorState } from '@/components/shell/error-state';
import { isAppError } from '@/lib/errors';
import type { ViewSpec } from '@/lib/live/protocol';
import { loadView } from '@/lib/live/views';
import { requestPrincipal } from '@/lib/live/watch-cache';
import { parseScope } from '@/lib/params';
import { assertNamespaceExists } from '@/lib/resources/namespaces/server/namespaces';
import type { OverviewData } from '@/lib/resources/overview/overview';

export const metadata: Metadata = { title: 'Overview' };

export default async function OverviewPage({
  params,
}: {
  params: Promise<{ context: string; namespace: string }>;
}) {
  const scope = parseScope(await params);
  const spec: ViewSpec = { context: scope.context, view: 'overview', namespace: scope.namespaceSegment };
  let initial: OverviewData | undefined;
  let error: unknown;
  try {
    if (scope.namespace) await assertNamespaceExists(scope.context, scope.namespace);
    initial = await loadView<OverviewData>(spec, await requestPrincipal());
  } catch (e) {
    if (isAppError(e) && e.code === 'not_found') notFound();
    error = e;
  }
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
            spec={spec}
            initial={initial}
            context={scope.context}
            showNamespace={!scope.namespace}
          />
          <LiveUsage spec={{ ...spec, view: 'top-usage' }} />
        </>
      ) : (
        <ErrorState error={error} context={scope.context} />
      )}
    </section>
  );
}
