import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { LiveUsage } from '@/components/metrics/live-usage';
import { NodeDetail } from '@/components/nodes/node-detail';
import { ErrorState } from '@/components/shell/error-state';
import { isAppError } from '@/lib/errors';
import { canI } from '@/lib/kube/access';
import type { ViewSpec } from '@/lib/live/protocol';
import { loadView } from '@/lib/live/views';
import { requestPrincipal } from '@/lib/live/watch-cache';
import { decodeSegment, objectName, parseOrThrow, parseScope, scopePath } from '@/lib/params';
import type { NodeModel } from '@/lib/resources/nodes/server/node-view';

type Params = Promise<{ context: string; namespace: string; name: string }>;

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  return { title: `Node ${decodeSegment((await params).name)}` };
}

/** One node: its pods, cordon and uncordon, and a drain whose plan is shown before anything is evicted. */
export default async function NodePage({ params }: { params: Params }) {
  const raw = await params;
  let scope: ReturnType<typeof parseScope>;
  let name: string;
  try {
    scope = parseScope(raw);
    name = parseOrThrow(objectName, decodeSegment(raw.name), 'name');
  } catch {
    notFound();
  }
  const spec: ViewSpec = { context: scope.context, view: 'node', namespace: scope.namespaceSegment, name };
  let initial: NodeModel | undefined;
  let error: unknown;
  let access:
    | { patch: Awaited<ReturnType<typeof canI>>; evict: Awaited<ReturnType<typeof canI>> }
    | undefined;
  try {
    const [view, patch, evict] = await Promise.all([
      loadView<NodeModel>(spec, await requestPrincipal()),
      canI(scope.context, { verb: 'patch', resource: 'nodes', name }),
      canI(scope.context, { verb: 'create', resource: 'pods', subresource: 'eviction' }),
    ]);
    initial = view;
    access = { patch, evict };
  } catch (e) {
    if (isAppError(e) && e.code === 'not_found') notFound();
    error = e;
  }
  return (
    <section aria-labelledby="page-title" className="space-y-4">
      <header>
        <p className="text-sm text-muted">
          <Link href={scopePath(scope.context, scope.namespaceSegment, 'nodes')}>Nodes</Link>
        </p>
        <h1 id="page-title" className="text-xl font-semibold break-all">
          {name}
        </h1>
      </header>
      {initial && access ? (
        <>
          <NodeDetail spec={spec} initial={initial} access={access} />
          <LiveUsage spec={{ ...spec, view: 'node-usage' }} />
        </>
      ) : (
        <ErrorState error={error} context={scope.context} />
      )}
    </section>
  );
}
