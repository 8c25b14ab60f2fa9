'use client';

import Link from 'next/link';
import { LiveError } from '@/components/live/live-error';
import { useLive } from '@/components/live/use-live';
import { ClaimPhase } from '@/components/storage/claim-status';
import { Muted, Section } from '@/components/ui/detail';
import { Table, Td, Th } from '@/components/ui/table';
import type { ViewSpec } from '@/lib/live/protocol';
import { pagePath } from '@/lib/resources/objects/links';
import type { StorageOverview } from '@/lib/resources/storage/pvcs';

/** Claims of a namespace, and first of all the pods that wait for one, pushed by the storage view. */
export function StorageView({
  spec,
  initial,
  context,
  ns,
}: {
  spec: ViewSpec;
  initial: StorageOverview;
  context: string;
  ns: string;
}) {
  const { data, error } = useLive<StorageOverview>(spec, initial);
  return (
    <>
      <LiveError error={error} />
      {data.waiting.length > 0 && (
        <Section title="Pods waiting for storage">
          <ul className="space-y-1 text-sm" aria-label="Pods waiting for storage">
            {data.waiting.map((w) => (
              <li key={w.pod}>
                Pod <Link href={pagePath(context, ns, 'Pod', w.pod)}>{w.pod}</Link> waits for{' '}
                {w.claims.map((c, i) => (
                  <span key={c.name}>
                    {i > 0 && ', '}
                    claim <Link href={pagePath(context, ns, 'PersistentVolumeClaim', c.name)}>{c.name}</Link>{' '}
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
                    <Link href={pagePath(context, ns, 'PersistentVolumeClaim', c.name)}>{c.name}</Link>
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
  );
}
