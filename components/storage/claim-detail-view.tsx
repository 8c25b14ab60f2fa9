'use client';

import Link from 'next/link';
import { LiveError } from '@/components/live/live-error';
import { useLive } from '@/components/live/use-live';
import { ClaimPhase } from '@/components/storage/claim-status';
import { Badge } from '@/components/ui/badge';
import { Callout } from '@/components/ui/callout';
import { Fields, Muted, Section } from '@/components/ui/detail';
import { Table, Td, Th } from '@/components/ui/table';
import { formatAge } from '@/lib/format';
import type { ViewSpec } from '@/lib/live/protocol';
import { pagePath } from '@/lib/resources/objects/links';
import type { PvcView } from '@/lib/resources/storage/pvc-view';

/** A claim ↔ the pods that mount it, its volume and events, pushed by the server's claim view. */
export function ClaimDetailView({
  spec,
  initial,
  context,
  namespace,
  now,
}: {
  spec: ViewSpec;
  initial: PvcView;
  context: string;
  namespace: string;
  now: number;
}) {
  const { data: v, error } = useLive<PvcView>(spec, initial);
  const blocked = v.pods.filter((pod) => pod.blocked);
  return (
    <>
      <LiveError error={error} />
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
            The PersistentVolume {v.volumeName ?? ''} this claim was bound to no longer exists. Its data is
            gone from Kubernetes&apos; view; restore the volume or recreate the claim.
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
                <Link href={pagePath(context, namespace, 'Pod', pod.name)}>{pod.name}</Link>
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
    </>
  );
}
