import type { Metadata } from 'next';
import { headers } from 'next/headers';
import { notFound } from 'next/navigation';
import { PodTerminal } from '@/components/exec/pod-terminal';
import { LiveUsage } from '@/components/metrics/live-usage';
import { ObjectExtras } from '@/components/objects/object-extras';
import { type PodDetailData, PodDetailView } from '@/components/pods/pod-detail-view';
import { ErrorState } from '@/components/shell/error-state';
import { ConfigDrift } from '@/components/workloads/config-drift';
import { isAppError } from '@/lib/errors';
import type { ViewSpec } from '@/lib/live/protocol';
import { loadView } from '@/lib/live/views';
import { requestPrincipal } from '@/lib/live/watch-cache';
import { parseNamedScope } from '@/lib/named-scope';
import { execAccess } from '@/lib/resources/exec/server/access';

type Params = Promise<{ context: string; namespace: string; name: string }>;

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const { name } = await params;
  return { title: `Pod ${decodeURIComponent(name)}` };
}

export default async function PodPage({ params }: { params: Params }) {
  let scope: ReturnType<typeof parseNamedScope>;
  try {
    scope = parseNamedScope(await params);
  } catch {
    notFound();
  }
  const spec: ViewSpec = {
    context: scope.context,
    view: 'pod',
    namespace: scope.namespace,
    name: scope.name,
  };
  let initial: PodDetailData | undefined;
  let error: unknown;
  try {
    initial = await loadView<PodDetailData>(spec, await requestPrincipal());
  } catch (e) {
    if (isAppError(e) && e.code === 'not_found') notFound();
    error = e;
  }
  const exec = initial
    ? await execAccess(scope.context, scope.namespace, scope.name).catch((e: unknown) => ({
        allowed: false,
        reason: isAppError(e) ? e.message : 'Whether you may open a terminal here could not be checked.',
      }))
    : undefined;
  return (
    <section aria-labelledby="page-title" className="space-y-4">
      <header>
        <p className="text-sm text-muted">Pod in namespace {scope.namespace}</p>
        <h1 id="page-title" className="text-xl font-semibold break-all">
          {scope.name}
        </h1>
      </header>
      {initial ? (
        <>
          <ConfigDrift context={scope.context} namespace={scope.namespace} pod={scope.name} />
          <PodDetailView spec={spec} initial={initial} context={scope.context} />
          <LiveUsage spec={{ ...spec, view: 'pod-usage' }} />
          {exec && (
            <PodTerminal
              context={scope.context}
              namespace={scope.namespace}
              pod={scope.name}
              containers={initial.detail.containers.filter((c) => c.role !== 'init').map((c) => c.name)}
              allowed={exec.allowed}
              reason={exec.reason}
              nonce={(await headers()).get('x-nonce') ?? ''}
            />
          )}
          <ObjectExtras
            context={scope.context}
            slug="pods"
            namespace={scope.namespace}
            name={scope.name}
            events={false}
          />
        </>
      ) : (
        <ErrorState error={error} context={scope.context} />
      )}
    </section>
  );
}
