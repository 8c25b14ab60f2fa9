import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound, redirect } from 'next/navigation';
import { LogViewer } from '@/components/logs/log-viewer';
import { ErrorState } from '@/components/shell/error-state';
import { isAppError } from '@/lib/errors';
import { WORKLOADS, workloadApiPath, workloadPath } from '@/lib/links';
import { legacyWorkloadKind, legacyWorkloadRedirect, parseWorkloadScope } from '@/lib/named-scope';
import { resolveWorkloadContainer, templateContainers } from '@/lib/resources/logs/server/workload-logs';
import { readWorkload } from '@/lib/resources/workloads/server/workloads';

type Params = Promise<{ context: string; namespace: string; kind: string; name: string }>;

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const { name } = await params;
  return { title: `Logs of ${decodeURIComponent(name)}` };
}

export default async function WorkloadLogsPage({ params }: { params: Params }) {
  const raw = await params;
  const plural = legacyWorkloadKind(raw.kind);
  if (plural) redirect(legacyWorkloadRedirect(raw, plural, 'logs') ?? notFound());
  let s: ReturnType<typeof parseWorkloadScope>;
  try {
    s = parseWorkloadScope(raw);
  } catch {
    notFound();
  }
  let containers: string[] = [];
  let defaultContainer = '';
  const kind = WORKLOADS[s.kind].kind;
  let error: unknown;
  try {
    const w = await readWorkload(s);
    containers = templateContainers(w);
    defaultContainer = resolveWorkloadContainer(w, undefined);
  } catch (e) {
    if (isAppError(e) && e.code === 'not_found') notFound();
    error = e;
  }
  const base = workloadApiPath(s.context, s.namespace, s.kind, s.name);
  return (
    <section aria-labelledby="page-title" className="space-y-4">
      <header>
        <p className="text-sm text-muted">
          Every pod of {kind}{' '}
          <Link href={workloadPath(s.context, s.namespace, s.kind, s.name) ?? '#'}>{s.name}</Link> in
          namespace {s.namespace}, interleaved; new pods join as they start
        </p>
        <h1 id="page-title" className="text-xl font-semibold break-all">
          Logs: {s.name}
        </h1>
      </header>
      {error ? (
        <ErrorState error={error} context={s.context} />
      ) : (
        <LogViewer
          source={`${base}/log`}
          containers={containers}
          defaultContainer={defaultContainer}
          allowPrevious={false}
          downloadName={`${s.name}.log`}
        />
      )}
    </section>
  );
}
