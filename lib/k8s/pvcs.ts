import 'server-only';
import { CoreV1Api, type CoreV1Event, type V1PersistentVolume } from '@kubernetes/client-node';
import { apiClient } from './client';
import { toAppError } from './errors';
import { claimNamesOf, type PvcView, toPvcView } from './pvc-view';

function forbiddenOrMissing(e: unknown): boolean {
  const code = (e as { code?: unknown }).code;
  return code === 403 || code === 404;
}

async function claimEvents(context: string, namespace: string, name?: string): Promise<CoreV1Event[]> {
  const fieldSelector = [
    'involvedObject.kind=PersistentVolumeClaim',
    ...(name ? [`involvedObject.name=${name}`] : []),
  ].join(',');
  try {
    return (await apiClient(context, CoreV1Api).listNamespacedEvent({ namespace, fieldSelector })).items;
  } catch (e) {
    // Events only explain; a user who may not read them still sees the claim.
    if (forbiddenOrMissing(e)) return [];
    throw e;
  }
}

export async function getClaim(context: string, namespace: string, name: string): Promise<PvcView> {
  const core = apiClient(context, CoreV1Api);
  try {
    const [pvc, events, pods] = await Promise.all([
      core.readNamespacedPersistentVolumeClaim({ name, namespace }),
      claimEvents(context, namespace, name),
      core.listNamespacedPod({ namespace }).then((l) => l.items),
    ]);
    let pv: V1PersistentVolume | undefined;
    if (pvc.spec?.volumeName) {
      // PersistentVolumes are cluster-scoped; namespace viewers usually may not read them.
      pv = await core.readPersistentVolume({ name: pvc.spec.volumeName }).catch((e: unknown) => {
        if (forbiddenOrMissing(e)) return undefined;
        throw e;
      });
    }
    return toPvcView(pvc, pv, events, pods);
  } catch (e) {
    throw toAppError(e, { context, verb: 'get', resource: 'PersistentVolumeClaim', namespace, name });
  }
}

export interface WaitingPod {
  pod: string;
  claims: { name: string; phase: string; reason: string | null }[];
}

export interface StorageOverview {
  claims: PvcView[];
  /** Pods that cannot start because a claim they mount is not bound. */
  waiting: WaitingPod[];
}

export async function storageOverview(context: string, namespace: string): Promise<StorageOverview> {
  const core = apiClient(context, CoreV1Api);
  try {
    const [pvcs, events, pods] = await Promise.all([
      core.listNamespacedPersistentVolumeClaim({ namespace }).then((l) => l.items),
      claimEvents(context, namespace),
      core.listNamespacedPod({ namespace }).then((l) => l.items),
    ]);
    const claims = pvcs
      .map((pvc) =>
        toPvcView(
          pvc,
          undefined,
          events.filter((e) => e.involvedObject.name === pvc.metadata?.name),
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
  } catch (e) {
    throw toAppError(e, { context, verb: 'list', resource: 'persistentvolumeclaims', namespace });
  }
}
