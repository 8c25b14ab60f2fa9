import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { ObjectExtras } from '@/components/objects/object-extras';
import { ErrorState } from '@/components/shell/error-state';
import { ConfigDrift } from '@/components/workloads/config-drift';
import { RolloutDetail } from '@/components/workloads/rollout-detail';
import { WorkloadPods } from '@/components/workloads/workload-pods';
import { isAppError } from '@/lib/errors';
import { isRolloutKind, listPath, WORKLOADS, type WorkloadKind, workloadApiPath } from '@/lib/links';
import type { ViewSpec } from '@/lib/live/protocol';
import { requestPrincipal } from '@/lib/live/watch-cache';
import { parseNamedScope } from '@/lib/named-scope';
import type { WorkloadDetail } from '@/lib/resources/workloads/rollout-detail';
import { getWorkloadDetail } from '@/lib/resources/workloads/server/rollouts';

/**
 * The one page of a workload (all five kinds, `<plural>/<name>`): the rollout panel for the kinds
 * with rollout history, then its pods with their diagnosis, events and YAML. Server-rendered first
 * paint; the server's views then push changes.
 */
export async function WorkloadDetailPage({
  kind,
  params,
}: {
  kind: WorkloadKind;
  params: { context: string; namespace: string; name: string };
}) {
  let target: ReturnType<typeof parseNamedScope>;
  try {
    target = parseNamedScope(params);
  } catch {
    notFound();
  }
  const { context, namespace, name } = target;
  const spec: ViewSpec = { context, view: 'rollout', namespace, kind, name };
  let detail: WorkloadDetail | undefined;
  let error: unknown;
  if (isRolloutKind(kind)) {
    try {
      detail = await getWorkloadDetail({ context, namespace, kind, name }, await requestPrincipal());
    } catch (e) {
      if (isAppError(e) && e.status === 404) notFound();
      error = e;
    }
  }
  const label = WORKLOADS[kind];
  const apiBase = workloadApiPath(context, namespace, kind, name);
  return (
    <section aria-labelledby="page-title" className="max-w-6xl space-y-4">
      <nav aria-label="Breadcrumb" className="text-sm text-muted">
        <Link href={listPath(context, namespace, kind)}>{label.plural}</Link> / <span>{namespace}</span>
      </nav>
      <header className="space-y-1">
        <h1 id="page-title" className="text-xl font-semibold break-all">
          <span className="sr-only">{label.kind} </span>
          {name}
        </h1>
        <p className="text-sm text-muted">
          {label.kind} in namespace {namespace}
          {detail && detail.images.length > 0 && (
            <>
              {' · '}
              <span className="font-mono text-xs">{detail.images.join(', ')}</span>
            </>
          )}
        </p>
      </header>
      {detail && (
        <>
          <ConfigDrift
            context={context}
            namespace={namespace}
            workload={{ kind: detail.kind, name }}
            restartApi={apiBase}
          />
          <RolloutDetail spec={spec} initial={detail} apiBase={apiBase} now={Date.now()} />
        </>
      )}
      {error !== undefined ? (
        <ErrorState error={error} context={context} />
      ) : (
        <>
          <WorkloadPods
            context={context}
            namespace={namespace}
            kind={kind}
            name={name}
            notFoundIfMissing={!detail}
          />
          <ObjectExtras context={context} slug={kind} namespace={namespace} name={name} />
        </>
      )}
    </section>
  );
}

/** The title of a workload kind's page (`app/c/[context]/[namespace]/<plural>/[name]`). */
export async function workloadMetadata(
  kind: WorkloadKind,
  params: Promise<{ name: string }>,
): Promise<Metadata> {
  return { title: `${decodeURIComponent((await params).name)} · ${WORKLOADS[kind].kind}` };
}
