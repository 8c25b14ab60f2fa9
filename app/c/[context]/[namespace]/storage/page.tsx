import type { Metadata } from 'next';
import { ErrorState } from '@/components/shell/error-state';
import { StorageView } from '@/components/storage/storage-view';
import { Callout } from '@/components/ui/callout';
import { loadView } from '@/lib/live/views';
import { requestPrincipal } from '@/lib/live/watch-cache';
import { parseScope } from '@/lib/params';
import type { StorageOverview } from '@/lib/resources/storage/pvcs';

export const metadata: Metadata = { title: 'Storage' };

/** Claims of a namespace, and first of all the pods that wait for one. */
export default async function StoragePage({
  params,
}: {
  params: Promise<{ context: string; namespace: string }>;
}) {
  const scope = parseScope(await params);
  const ns = scope.namespace;
  let data: StorageOverview | undefined;
  let error: unknown;
  if (ns) {
    try {
      data = await loadView<StorageOverview>(
        { context: scope.context, view: 'storage', namespace: ns },
        await requestPrincipal(),
      );
    } catch (e) {
      error = e;
    }
  }
  return (
    <section aria-labelledby="page-title" className="max-w-5xl space-y-6">
      <h1 id="page-title" className="text-xl font-semibold">
        Storage
      </h1>
      {!ns ? (
        <Callout title="Pick a namespace">
          <p>Storage is shown one namespace at a time.</p>
        </Callout>
      ) : !data ? (
        <ErrorState error={error} context={scope.context} />
      ) : (
        <>
          <StorageView
            spec={{ context: scope.context, view: 'storage', namespace: ns }}
            initial={data}
            context={scope.context}
            ns={ns}
          />
        </>
      )}
    </section>
  );
}
