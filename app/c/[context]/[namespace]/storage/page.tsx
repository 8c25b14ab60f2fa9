import type { Metadata } from 'next';
import Link from 'next/link';
import { ClaimPhase } from '@/components/claim-status';
import { ErrorState } from '@/components/error-state';
import { Callout } from '@/components/ui/callout';
import { Muted, Section } from '@/components/ui/detail';
import { Table, Td, Th } from '@/components/ui/table';
import { pagePath } from '@/lib/k8s/links';
import { type StorageOverview, storageOverview } from '@/lib/k8s/pvcs';
import { parseScope } from '@/lib/params';

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
      data = await storageOverview(scope.context, ns);
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
          {data.waiting.length > 0 && (
            <Section title="Pods waiting for storage">
              <ul className="space-y-1 text-sm" aria-label="Pods waiting for storage">
                {data.waiting.map((w) => (
                  <li key={w.pod}>
                    Pod <Link href={pagePath(scope.context, ns, 'Pod', w.pod)}>{w.pod}</Link> waits for{' '}
                    {w.claims.map((c, i) => (
                      <span key={c.name}>
                        {i > 0 && ', '}
                        claim{' '}
                        <Link href={pagePath(scope.context, ns, 'PersistentVolumeClaim', c.name)}>
                          {c.name}
                        </Link>{' '}
                        ({c.phase}
                        {c.reason ? `: ${c.reason}` : ''})
                      </span>
                    ))}
                  </li>
                ))}
              </ul>
            </Section>
          )}
          <Section title="PersistentVolumeClaims">
            {data.claims.length === 0 ? (
              <Muted>No claims in namespace {ns}.</Muted>
            ) : (
              <Table aria-label="PersistentVolumeClaims">
                <thead>
                  <tr>
                    <Th>Name</Th>
                    <Th>Status</Th>
                    <Th>Requested</Th>
                    <Th>Capacity</Th>
                    <Th>Access modes</Th>
                    <Th>Storage class</Th>
                    <Th>Pods</Th>
                  </tr>
                </thead>
                <tbody>
                  {data.claims.map((c) => (
                    <tr key={c.name}>
                      <Td>
                        <Link href={pagePath(scope.context, ns, 'PersistentVolumeClaim', c.name)}>
                          {c.name}
                        </Link>
                      </Td>
                      <Td>
                        <ClaimPhase phase={c.phase} />
                      </Td>
                      <Td>{c.requested ?? '—'}</Td>
                      <Td>{c.capacity ?? '—'}</Td>
                      <Td>{c.accessModes.join(', ')}</Td>
                      <Td>{c.storageClass ?? '—'}</Td>
                      <Td>{c.pods.map((pod) => pod.name).join(', ') || '—'}</Td>
                    </tr>
                  ))}
                </tbody>
              </Table>
            )}
          </Section>
        </>
      )}
    </section>
  );
}
