import Link from 'next/link';
import { Callout } from '@/components/ui/callout';
import { asSentence } from '@/lib/format';
import { pagePath } from '@/lib/k8s/links';
import type { PvcView } from '@/lib/k8s/pvc-view';
import { getClaim } from '@/lib/k8s/pvcs';

/**
 * For a pod page: when a claim the pod mounts is not bound, say so and link to the claim, since
 * the pod's own status only says "Pending". Renders nothing when all claims are bound.
 */
export async function PodStorageNotice({
  context,
  namespace,
  claimNames,
}: {
  context: string;
  namespace: string;
  claimNames: string[];
}) {
  const claims = await Promise.all(
    claimNames.map((n) =>
      getClaim(context, namespace, n).catch(
        () => ({ name: n, phase: 'missing' }) as Pick<PvcView, 'name' | 'phase'> & Partial<PvcView>,
      ),
    ),
  );
  const unbound = claims.filter((c) => c.phase !== 'Bound');
  if (unbound.length === 0) return null;
  return (
    <Callout tone="warning" title="Waiting for storage">
      <ul>
        {unbound.map((c) => (
          <li key={c.name}>
            Claim <Link href={pagePath(context, namespace, 'PersistentVolumeClaim', c.name)}>{c.name}</Link>{' '}
            is {c.phase}
            {c.pendingReason ? `: ${asSentence(c.pendingReason.message)}` : '.'}
          </li>
        ))}
      </ul>
    </Callout>
  );
}
