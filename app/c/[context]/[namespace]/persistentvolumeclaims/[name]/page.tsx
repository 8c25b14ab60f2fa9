import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { ObjectExtras } from '@/components/objects/object-extras';
import { ErrorState } from '@/components/shell/error-state';
import { ClaimDetailView } from '@/components/storage/claim-detail-view';
import { DetailHeader } from '@/components/ui/detail';
import { parseDetail } from '@/lib/detail-params';
import type { ViewSpec } from '@/lib/live/protocol';
import { loadView } from '@/lib/live/views';
import { requestPrincipal } from '@/lib/live/watch-cache';
import type { PvcView } from '@/lib/resources/storage/pvc-view';

export const metadata: Metadata = { title: 'PersistentVolumeClaim' };

export default async function ClaimPage({
  params,
}: {
  params: Promise<{ context: string; namespace: string; name: string }>;
}) {
  const p = parseDetail(await params);
  if (!p) notFound();
  const spec: ViewSpec = { context: p.context, view: 'claim', namespace: p.namespace, name: p.name };
  let v: PvcView | undefined;
  let error: unknown;
  try {
    v = await loadView<PvcView>(spec, await requestPrincipal());
  } catch (e) {
    error = e;
  }
  return (
    <article aria-labelledby="page-title" className="max-w-5xl space-y-6">
      <DetailHeader kind="PersistentVolumeClaim" name={p.name} namespace={p.namespace} />
      {!v ? (
        <ErrorState error={error} context={p.context} />
      ) : (
        <>
          <ClaimDetailView
            spec={spec}
            initial={v}
            context={p.context}
            namespace={p.namespace}
            now={Date.now()}
          />
          <ObjectExtras
            context={p.context}
            slug="persistentvolumeclaims"
            namespace={p.namespace}
            name={p.name}
            events={false}
          />
        </>
      )}
    </article>
  );
}
