import type { Metadata } from 'next';
import { AuditTable } from '@/components/audit/audit-table';
import { Callout } from '@/components/ui/callout';
import { parseScope } from '@/lib/params';
import { auditHistory } from '@/lib/resources/audit/server/events';

export const metadata: Metadata = { title: 'Audit' };
export const dynamic = 'force-dynamic';

export default async function AuditPage({
  params,
}: {
  params: Promise<{ context: string; namespace: string }>;
}) {
  const scope = parseScope(await params);
  const history = await auditHistory(scope.context, scope.namespace);
  return (
    <section aria-labelledby="page-title" className="space-y-4">
      <header className="flex items-baseline justify-between">
        <h1 id="page-title" className="text-xl font-semibold">
          Audit
        </h1>
        <p className="text-sm text-muted">
          {history.rows.length} record{history.rows.length === 1 ? '' : 's'} in{' '}
          {scope.namespace ? `namespace ${scope.namespace}` : 'all namespaces'}
        </p>
      </header>
      <p className="text-sm text-muted">
        Every change and Secret reveal made through Wheelhouse. Kubernetes Events are shared by every replica
        but the cluster deletes them after its event TTL (one hour by default); the file keeps this replica’s
        records.
      </p>
      {history.eventsError && (
        <Callout tone="warning" title="Shared history unavailable">
          <p>{history.eventsError}</p>
        </Callout>
      )}
      {history.fileError && (
        <Callout tone="info" title="Replica file not shown">
          <p>{history.fileError}</p>
        </Callout>
      )}
      <AuditTable rows={history.rows} showNamespace={!scope.namespace} />
    </section>
  );
}
