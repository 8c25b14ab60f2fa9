import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { ClaimPhase } from '@/components/claim-status';
import { ErrorState } from '@/components/error-state';
import { ObjectExtras } from '@/components/object-extras';
import { Badge } from '@/components/ui/badge';
import { Callout } from '@/components/ui/callout';
import { DetailHeader, Fields, Muted, Section } from '@/components/ui/detail';
import { Table, Td, Th } from '@/components/ui/table';
import { parseDetail } from '@/lib/detail-params';
import { formatAge } from '@/lib/format';
import { pagePath } from '@/lib/k8s/links';
import type { PvcView } from '@/lib/k8s/pvc-view';
import { getClaim } from '@/lib/k8s/pvcs';

export const metadata: Metadata = { title: 'PersistentVolumeClaim' };

export default async function ClaimPage({
  params,
}: {
  params: Promise<{ context: string; namespace: string; name: string }>;
}) {
  const p = parseDetail(await params);
  if (!p) notFound();
  let v: PvcView | undefined;
  let error: unknown;
  try {
    v = await getClaim(p.context, p.namespace, p.name);
  } catch (e) {
    error = e;
  }
  const now = Date.now();
  const blocked = v?.pods.filter((pod) => pod.blocked) ?? [];
  return (
    <article aria-labelledby="page-title" className="max-w-5xl space-y-6">
      <DetailHeader kind="PersistentVolumeClaim" name={p.name} namespace={p.namespace} />
      {!v ? (
        <ErrorState error={error} context={p.context} />
      ) : (
        <>
          {blocked.length > 0 && (
            <Callout tone="warning" title="This claim keeps pods from starting">
              <p>
                {blocked.map((b) => b.name).join(', ')} cannot start until the claim is bound
                {v.pendingReason ? `: ${v.pendingReason.message}` : '.'}
              </p>
            </Callout>
          )}
          {v.phase === 'Lost' && (
            <Callout tone="danger" title="The claim lost its volume">
              <p>
                The PersistentVolume {v.volumeName ?? ''} this claim was bound to no longer exists. Its data
                is gone from Kubernetes&apos; view; restore the volume or recreate the claim.
              </p>
            </Callout>
          )}
          <Section title="Summary">
            <Fields
              items={[
                ['Status', <ClaimPhase key="p" phase={v.phase} />],
                ...(v.phase === 'Pending'
                  ? ([
                      [
                        'Pending because',
                        v.pendingReason
                          ? `${v.pendingReason.reason}: ${v.pendingReason.message}`
                          : 'no event explains it yet',
                      ],
                    ] as [string, string][])
                  : []),
                ['Requested', v.requested ?? '—'],
                ['Capacity', v.capacity ?? '— (not bound)'],
                ['Access modes', v.accessModes.join(', ') || '—'],
                ['Storage class', v.storageClass ?? '— (none set)'],
                ['Volume mode', v.volumeMode],
                ['Volume', v.volumeName ?? '— (not bound)'],
                ...(v.volume
                  ? ([
                      ['Volume capacity', v.volume.capacity ?? '—'],
                      ['Reclaim policy', v.volume.reclaimPolicy ?? '—'],
                      ['Volume source', v.volume.source ?? '—'],
                    ] as [string, string][])
                  : []),
              ]}
            />
          </Section>
          <Section title="Pods mounting this claim">
            {v.pods.length === 0 ? (
              <Muted>No pod mounts this claim.</Muted>
            ) : (
              <ul className="space-y-1 text-sm" aria-label="Pods mounting this claim">
                {v.pods.map((pod) => (
                  <li key={pod.name} className="flex items-center gap-2">
                    <Link href={pagePath(p.context, p.namespace, 'Pod', pod.name)}>{pod.name}</Link>
                    <Badge tone={pod.ready ? 'good' : 'warn'}>{pod.ready ? 'ready' : pod.phase}</Badge>
                    {pod.blocked && <span className="text-warn">waiting for this claim</span>}
                  </li>
                ))}
              </ul>
            )}
          </Section>
          <Section title="Events">
            {v.events.length === 0 ? (
              <Muted>No events.</Muted>
            ) : (
              <Table aria-label="Events">
                <thead>
                  <tr>
                    <Th>Type</Th>
                    <Th>Reason</Th>
                    <Th>Message</Th>
                    <Th>Count</Th>
                    <Th>Last seen</Th>
                  </tr>
                </thead>
                <tbody>
                  {v.events.slice(0, 20).map((e) => (
                    <tr key={`${e.reason}${e.message}${e.lastSeen}`}>
                      <Td>
                        <Badge tone={e.type === 'Warning' ? 'warn' : 'neutral'}>{e.type}</Badge>
                      </Td>
                      <Td>{e.reason}</Td>
                      <Td>{e.message}</Td>
                      <Td>{e.count}</Td>
                      <Td>{formatAge(e.lastSeen, now)}</Td>
                    </tr>
                  ))}
                </tbody>
              </Table>
            )}
          </Section>
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
