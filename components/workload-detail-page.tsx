import Link from 'next/link';
import { notFound } from 'next/navigation';
import { ConfigDrift } from '@/components/config-drift';
import { ErrorState } from '@/components/error-state';
import { ObjectExtras } from '@/components/object-extras';
import { RolloutDetail } from '@/components/rollout-detail';
import { WorkloadPods } from '@/components/workload-pods';
import { isAppError } from '@/lib/errors';
import { canI } from '@/lib/k8s/access';
import type { WorkloadKind } from '@/lib/k8s/rollback-plan';
import { KINDS, type WorkloadDetail } from '@/lib/k8s/rollout-views';
import { requestPrincipal } from '@/lib/k8s/watch-cache';
import { workloadApiPath } from '@/lib/links';
import { loadView } from '@/lib/live/views';
import type { RolloutModel } from '@/lib/live/views/rollout';
import { scopePath } from '@/lib/paths';
import { parseTarget } from '@/lib/rollout-params';
import type { ViewSpec } from '@/lib/stream-protocol';

/** Server-rendered first paint of a workload's rollout page; the server's views then push changes. */
export async function WorkloadDetailPage({
  kind,
  params,
}: {
  kind: WorkloadKind;
  params: { context: string; namespace: string; name: string };
}) {
  let target: ReturnType<typeof parseTarget>;
  try {
    target = parseTarget({ ...params, kind });
  } catch {
    notFound();
  }
  const spec: ViewSpec = {
    context: target.context,
    view: 'rollout',
    namespace: target.namespace,
    kind,
    name: target.name,
  };
  let detail: WorkloadDetail | undefined;
  let error: unknown;
  try {
    const [model, canPatch] = await Promise.all([
      loadView<RolloutModel>(spec, await requestPrincipal()),
      canI(target.context, {
        verb: 'patch',
        group: 'apps',
        resource: kind,
        namespace: target.namespace,
        name: target.name,
      }),
    ]);
    detail = { ...model, canPatch };
  } catch (e) {
    if (isAppError(e) && e.status === 404) notFound();
    error = e;
  }
  const label = KINDS[kind];
  const apiBase = workloadApiPath(target.context, target.namespace, kind, target.name);
  return (
    <section aria-labelledby="page-title" className="max-w-6xl space-y-4">
      <nav aria-label="Breadcrumb" className="text-sm text-muted">
        {kind === 'deployments' ? (
          <Link href={scopePath(target.context, target.namespace, 'deployments')}>{label.plural}</Link>
        ) : (
          <span>{label.plural}</span>
        )}{' '}
        / <span>{target.namespace}</span>
      </nav>
      <header className="space-y-1">
        <h1 id="page-title" className="text-xl font-semibold">
          <span className="sr-only">{label.singular} </span>
          {target.name}
        </h1>
        <p className="text-sm text-muted">
          {label.singular} in namespace {target.namespace}
          {detail && detail.images.length > 0 && (
            <>
              {' · '}
              <span className="font-mono text-xs">{detail.images.join(', ')}</span>
            </>
          )}
        </p>
      </header>
      {detail ? (
        <>
          <ConfigDrift
            context={target.context}
            namespace={target.namespace}
            workload={{ kind, name: target.name }}
            restartApi={apiBase}
          />
          <RolloutDetail spec={spec} initial={detail} apiBase={apiBase} now={Date.now()} />
          <WorkloadPods
            context={target.context}
            namespace={target.namespace}
            kind={kind}
            name={target.name}
          />
          <ObjectExtras
            context={target.context}
            slug={kind}
            namespace={target.namespace}
            name={target.name}
          />
        </>
      ) : (
        <ErrorState error={error} context={target.context} />
      )}
    </section>
  );
}
