import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { DeploymentsTable } from '@/components/deployments-table';
import { ErrorState } from '@/components/error-state';
import { isAppError } from '@/lib/errors';
import { listDeployments } from '@/lib/k8s/deployments';
import { assertNamespaceExists } from '@/lib/k8s/namespaces';
import type { DeploymentRow } from '@/lib/k8s/views';
import { parseScope } from '@/lib/params';

export const metadata: Metadata = { title: 'Deployments' };

export default async function DeploymentsPage({
  params,
}: {
  params: Promise<{ context: string; namespace: string }>;
}) {
  const scope = parseScope(await params);
  let rows: DeploymentRow[] | undefined;
  let error: unknown;
  try {
    if (scope.namespace) await assertNamespaceExists(scope.context, scope.namespace);
    rows = await listDeployments(scope.context, scope.namespace);
  } catch (e) {
    if (isAppError(e) && e.code === 'not_found') notFound();
    error = e;
  }
  return (
    <section aria-labelledby="page-title" className="space-y-4">
      <header className="flex items-baseline justify-between">
        <h1 id="page-title" className="text-xl font-semibold">
          Deployments
        </h1>
        {rows && (
          <p className="text-sm text-zinc-500">
            {rows.length} in {scope.namespace ? `namespace ${scope.namespace}` : 'all namespaces'}
          </p>
        )}
      </header>
      {rows ? (
        <DeploymentsTable
          rows={rows}
          showNamespace={!scope.namespace}
          now={Date.now()}
          context={scope.context}
        />
      ) : (
        <ErrorState error={error} context={scope.context} />
      )}
    </section>
  );
}
