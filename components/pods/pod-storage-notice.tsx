import Link from 'next/link';
import { Callout } from '@/components/ui/callout';
import { asSentence } from '@/lib/format';
import type { PodClaim } from '@/lib/live/views/pod';
import { pagePath } from '@/lib/resources/objects/links';

/**
 * For a pod page: when a claim the pod mounts is not bound, say so and link to the claim, since
 * the pod's own status only says "Pending". Renders nothing when all claims are bound.
 */
export function PodStorageNotice({
  context,
  namespace,
  claims,
}: {
  context: string;
  namespace: string;
  claims: PodClaim[];
}) {
  const unbound = claims.filter((c) => c.phase !== 'Bound');
  if (unbound.length === 0) return null;
  return (
    <Callout tone="warning" title="Waiting for storage">
      <ul>
        {unbound.map((c) => (
          <li key={c.name}>
            Claim <Link href={pagePath(context, namespace, 'PersistentVolumeClaim', c.name)}>{c.name}</Link>{' '}
            is {c.phase}
            {c.reason ? `: ${asSentence(c.reason)}` : '.'}
          </li>
        ))}
      </ul>
    </Callout>
  );
}
