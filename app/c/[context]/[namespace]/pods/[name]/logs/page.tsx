import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { LogViewer } from '@/components/logs/log-viewer';
import { ErrorState } from '@/components/shell/error-state';
import { isAppError } from '@/lib/errors';
import { podApiPath, podPath } from '@/lib/links';
import { parseNamedScope } from '@/lib/named-scope';
import { containerNames, resolveContainer } from '@/lib/resources/logs/server/logs';
import { readPod } from '@/lib/resources/pods/server/pods';

type Params = Promise<{ context: string; namespace: string; name: string }>;

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const { name } = await params;
  return { title: `Logs of ${decodeURIComponent(name)}` };
}

export default async function PodLogsPage({ params }: { params: Params }) {
  let s: ReturnType<typeof parseNamedScope>;
  try {
    s = parseNamedScope(await params);
  } catch {
    notFound();
  }
  let containers: string[] = [];
  let defaultContainer = '';
  let error: unknown;
  try {
    const pod = await readPod(s.context, s.namespace, s.name);
    containers = containerNames(pod);
    defaultContainer = resolveContainer(pod, undefined);
  } catch (e) {
    if (isAppError(e) && e.code === 'not_found') notFound();
    error = e;
  }
  const source = podApiPath(s.context, s.namespace, s.name, 'log');
  return (
    <section aria-labelledby="page-title" className="space-y-4">
      <header>
        <p className="text-sm text-muted">
          Logs of pod <Link href={podPath(s.context, s.namespace, s.name)}>{s.name}</Link> in namespace{' '}
          {s.namespace}
        </p>
        <h1 id="page-title" className="text-xl font-semibold break-all">
          Logs: {s.name}
        </h1>
      </header>
      {error ? (
        <ErrorState error={error} context={s.context} />
      ) : (
        <LogViewer
          source={source}
          containers={containers}
          defaultContainer={defaultContainer}
          allowPrevious
          downloadName={`${s.name}.log`}
        />
      )}
    </section>
  );
}
