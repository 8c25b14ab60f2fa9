import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { ErrorState } from '@/components/error-state';
import { LogViewer } from '@/components/log-viewer';
import { isAppError } from '@/lib/errors';
import { readWorkload } from '@/lib/k8s/workload-health';
import { resolveWorkloadContainer, templateContainers } from '@/lib/k8s/workload-logs';
import { workloadPath } from '@/lib/links';
import { parseWorkloadScope } from '@/lib/named-scope';

type Params = Promise<{ context: string; namespace: string; kind: string; name: string }>;

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const { name } = await params;
  return { title: `Logs of ${decodeURIComponent(name)}` };
}

export default async function WorkloadLogsPage({ params }: { params: Params }) {
  let s: ReturnType<typeof parseWorkloadScope>;
  try {
    s = parseWorkloadScope(await params);
  } catch {
    notFound();
  }
  let containers: string[] = [];
  let defaultContainer = '';
  let kind: string = s.kind;
  let error: unknown;
  try {
    const w = await readWorkload(s.context, s.namespace, s.kind, s.name);
    kind = w.kind;
    containers = templateContainers(w);
    defaultContainer = resolveWorkloadContainer(w, undefined);
  } catch (e) {
    if (isAppError(e) && e.code === 'not_found') notFound();
    error = e;
  }
  const base = `/api/c/${encodeURIComponent(s.context)}/${encodeURIComponent(s.namespace)}/workloads/${s.kind}/${encodeURIComponent(s.name)}`;
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
