import type { CoreV1Event, V1PersistentVolumeClaim, V1Pod } from '@kubernetes/client-node';
import { claimNamesOf, type PvcView, toPvcView } from './pvc-view';

export interface WaitingPod {
  pod: string;
  claims: { name: string; phase: string; reason: string | null }[];
}

export interface StorageOverview {
  claims: PvcView[];
  /** Pods that cannot start because a claim they mount is not bound. */
  waiting: WaitingPod[];
}

/** Claims of a namespace and the pods that wait for one. PURE: the live view feeds it from the cache. */
export function computeStorage(
  pvcs: V1PersistentVolumeClaim[],
  events: CoreV1Event[],
  pods: V1Pod[],
): StorageOverview {
  const claimEvents = events.filter((e) => e.involvedObject?.kind === 'PersistentVolumeClaim');
  const claims = pvcs
    .map((pvc) =>
      toPvcView(
        pvc,
        undefined,
        claimEvents.filter((e) => e.involvedObject.name === pvc.metadata?.name),
        pods,
      ),
    )
    .sort((a, b) => a.name.localeCompare(b.name));
  const byName = new Map(claims.map((c) => [c.name, c]));
  const waiting: WaitingPod[] = [];
  for (const pod of pods) {
    if (pod.status?.phase !== 'Pending') continue;
    const unbound = claimNamesOf(pod)
      .map((n) => ({ name: n, claim: byName.get(n) }))
      .filter((c) => c.claim?.phase !== 'Bound');
    if (unbound.length) {
      waiting.push({
        pod: pod.metadata?.name ?? '',
        claims: unbound.map((c) => ({
          name: c.name,
          phase: c.claim?.phase ?? 'missing',
          reason: c.claim?.pendingReason?.message ?? (c.claim ? null : 'the claim does not exist'),
        })),
      });
    }
  }
  return { claims, waiting: waiting.sort((a, b) => a.pod.localeCompare(b.pod)) };
}
