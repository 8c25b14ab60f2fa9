import type { Metadata } from 'next';
import { NodesTable } from '@/components/nodes/nodes-table';
import { ErrorState } from '@/components/shell/error-state';
import type { ViewSpec } from '@/lib/live/protocol';
import { loadView } from '@/lib/live/views';
import { requestPrincipal } from '@/lib/live/watch-cache';
import { parseScope } from '@/lib/params';
import type { NodeList } from '@/lib/resources/nodes/server/nodes';

export const metadata: Metadata = { title: 'Nodes' };

export default async function NodesPage({
  params,
}: {
  params: Promise<{ context: string; namespace: string }>;
}) {
  const scope = parseScope(await params);
  const spec: ViewSpec = { context: scope.context, view: 'nodes', namespace: scope.namespaceSegment };
  let initial: NodeList | undefined;
  let error: unknown;
  try {
    initial = await loadView<NodeList>(spec, await requestPrincipal());
  } catch (e) {
    error = e;
  }
  return (
    <section aria-labelledby="page-title" className="space-y-4">
      <header className="flex items-baseline justify-between">
        <h1 id="page-title" className="text-xl font-semibold">
          Nodes
        </h1>
        {initial && (
          <p className="text-sm text-muted">
            {initial.items.length} nodes, {initial.items.filter((n) => n.ready !== 'True').length} not ready,{' '}
            {initial.items.filter((n) => n.unschedulable).length} cordoned
          </p>
        )}
      </header>
      {initial ? (
        <NodesTable spec={spec} initial={initial} />
      ) : (
        <ErrorState error={error} context={scope.context} />
      )}
    </section>
  );
}
