import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { CronJobDetail } from '@/components/cronjobs/cronjob-detail';
import { ObjectExtras } from '@/components/objects/object-extras';
import { ErrorState } from '@/components/shell/error-state';
import { isAppError } from '@/lib/errors';
import { type AccessAnswer, canI } from '@/lib/kube/access';
import type { ViewSpec } from '@/lib/live/protocol';
import { loadView } from '@/lib/live/views';
import { requestPrincipal } from '@/lib/live/watch-cache';
import { parseNamedScope } from '@/lib/named-scope';
import { scopePath } from '@/lib/params';
import type { CronJobModel } from '@/lib/resources/cronjobs/server/cronjob-view';

type Params = Promise<{ context: string; namespace: string; name: string }>;

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  return { title: `CronJob ${decodeURIComponent((await params).name)}` };
}

/** A CronJob: schedule and state, its recent Jobs live, run now, suspend and resume. */
export default async function CronJobPage({ params }: { params: Params }) {
  let scope: ReturnType<typeof parseNamedScope>;
  try {
    scope = parseNamedScope(await params);
  } catch {
    notFound();
  }
  const spec: ViewSpec = {
    context: scope.context,
    view: 'cronjob',
    namespace: scope.namespace,
    name: scope.name,
  };
  let initial: CronJobModel | undefined;
  let access: { run: AccessAnswer; patch: AccessAnswer } | undefined;
  let error: unknown;
  try {
    const [view, run, patch] = await Promise.all([
      loadView<CronJobModel>(spec, await requestPrincipal()),
      canI(scope.context, { verb: 'create', group: 'batch', resource: 'jobs', namespace: scope.namespace }),
      canI(scope.context, {
        verb: 'patch',
        group: 'batch',
        resource: 'cronjobs',
        namespace: scope.namespace,
        name: scope.name,
      }),
    ]);
    initial = view;
    access = { run, patch };
  } catch (e) {
    if (isAppError(e) && e.code === 'not_found') notFound();
    error = e;
  }
  return (
    <section aria-labelledby="page-title" className="space-y-4">
      <header>
        <p className="text-sm text-muted">
          <Link href={scopePath(scope.context, scope.namespace, 'cronjobs')}>CronJobs</Link> in namespace{' '}
          {scope.namespace}
        </p>
        <h1 id="page-title" className="text-xl font-semibold break-all">
          {scope.name}
        </h1>
      </header>
      {initial && access ? (
        <>
          <CronJobDetail spec={spec} initial={initial} access={access} />
          <ObjectExtras
            context={scope.context}
            slug="cronjobs"
            namespace={scope.namespace}
            name={scope.name}
          />
        </>
      ) : (
        <ErrorState error={error} context={scope.context} />
      )}
    </section>
  );
}
