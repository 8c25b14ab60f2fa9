import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { ObjectExtras } from '@/components/objects/object-extras';
import { ServiceDetailView } from '@/components/services/service-detail-view';
import { ErrorState } from '@/components/shell/error-state';
import { DetailHeader } from '@/components/ui/detail';
import { parseDetail } from '@/lib/detail-params';
import type { ViewSpec } from '@/lib/live/protocol';
import { loadView } from '@/lib/live/views';
import { requestPrincipal } from '@/lib/live/watch-cache';
import type { ServiceDetail } from '@/lib/resources/services/server/services';

export const metadata: Metadata = { title: 'Service' };

export default async function ServicePage({
  params,
}: {
  params: Promise<{ context: string; namespace: string; name: string }>;
}) {
  const p = parseDetail(await params);
  if (!p) notFound();
  const spec: ViewSpec = { context: p.context, view: 'service', namespace: p.namespace, name: p.name };
  let detail: ServiceDetail | undefined;
  let error: unknown;
  try {
    detail = await loadView<ServiceDetail>(spec, await requestPrincipal());
  } catch (e) {
    error = e;
  }
  return (
    <article aria-labelledby="page-title" className="max-w-5xl space-y-6">
      <DetailHeader kind="Service" name={p.name} namespace={p.namespace} />
      {!detail ? (
        <ErrorState error={error} context={p.context} />
      ) : (
        <>
          <ServiceDetailView spec={spec} initial={detail} context={p.context} namespace={p.namespace} />
          <ObjectExtras context={p.context} slug="services" namespace={p.namespace} name={p.name} />
        </>
      )}
    </article>
  );
}
