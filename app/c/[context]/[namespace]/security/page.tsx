import type { Metadata } from 'next';
import { NamespaceSecurityPanel } from '@/components/security/namespace-security-panel';
import { Callout } from '@/components/ui/callout';
import { parseScope } from '@/lib/params';

export const metadata: Metadata = { title: 'Security' };

export default async function SecurityPage({
  params,
}: {
  params: Promise<{ context: string; namespace: string }>;
}) {
  const scope = parseScope(await params);
  return (
    <section aria-labelledby="page-title" className="max-w-5xl space-y-4">
      <h1 id="page-title" className="text-xl font-semibold">
        Exposure in {scope.namespace ? `namespace ${scope.namespace}` : 'all namespaces'}
      </h1>
      {scope.namespace ? (
        <NamespaceSecurityPanel context={scope.context} namespace={scope.namespace} />
      ) : (
        <Callout title="Pick a namespace">
          <p>Exposure warnings are checked one namespace at a time.</p>
        </Callout>
      )}
    </section>
  );
}
