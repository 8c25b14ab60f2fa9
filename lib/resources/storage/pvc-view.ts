import type {
  CoreV1Event,
  V1PersistentVolume,
  V1PersistentVolumeClaim,
  V1Pod,
} from '@kubernetes/client-node';
import { toIso } from '../objects/iso';
import { podReady } from '../services/view';

/**
 * PersistentVolumeClaim view model: phase, why it is Pending (from its events), capacity, and the
 * pods that mount it, including those it keeps from starting. PURE.
 */

export interface ClaimPod {
  name: string;
  phase: string;
  ready: boolean;
  /** The pod is not running and this claim is not bound: the claim is what it waits for. */
  blocked: boolean;
}

export interface ClaimEvent {
  type: string;
  reason: string;
  message: string;
  count: number;
  lastSeen: string | null;
}

export interface PvcView {
  namespace: string;
  name: string;
  phase: 'Bound' | 'Pending' | 'Lost' | string;
  requested: string | null;
  capacity: string | null;
  accessModes: string[];
  storageClass: string | null;
  volumeMode: string;
  volumeName: string | null;
  volume: { capacity: string | null; reclaimPolicy: string | null; source: string | null } | null;
  /** For a Pending claim: the latest event that explains it, if any. */
  pendingReason: ClaimEvent | null;
  events: ClaimEvent[];
  pods: ClaimPod[];
}

export function eventTime(e: CoreV1Event): string | null {
  return toIso(
    e.lastTimestamp ??
      e.series?.lastObservedTime ??
      e.eventTime ??
      e.firstTimestamp ??
      e.metadata?.creationTimestamp,
  );
}

export function toClaimEvents(events: CoreV1Event[]): ClaimEvent[] {
  return events
    .map((e) => ({
      type: e.type ?? 'Normal',
      reason: e.reason ?? '',
      message: e.message ?? '',
      count: e.series?.count ?? e.count ?? 1,
      lastSeen: eventTime(e),
    }))
    .sort((a, b) => (b.lastSeen ?? '').localeCompare(a.lastSeen ?? ''));
}

export function claimNamesOf(pod: V1Pod): string[] {
  return (pod.spec?.volumes ?? []).flatMap((v) =>
    v.persistentVolumeClaim ? [v.persistentVolumeClaim.claimName] : [],
  );
}

function volumeSource(pv: V1PersistentVolume): string | null {
  const spec = pv.spec ?? {};
  if (spec.csi) return `CSI ${spec.csi.driver}`;
  if (spec.hostPath) return `hostPath ${spec.hostPath.path}`;
  if (spec.local) return `local ${spec.local.path}`;
  if (spec.nfs) return `NFS ${spec.nfs.server}:${spec.nfs.path}`;
  return null;
}

export function toPvcView(
  pvc: V1PersistentVolumeClaim,
  pv: V1PersistentVolume | undefined,
  events: CoreV1Event[],
  pods: V1Pod[],
): PvcView {
  const name = pvc.metadata?.name ?? '';
  const namespace = pvc.metadata?.namespace ?? '';
  const phase = pvc.status?.phase ?? 'Pending';
  const claimEvents = toClaimEvents(events);
  // Warnings explain more than Normal events (e.g. WaitForFirstConsumer) when both exist.
  const pendingReason =
    phase === 'Pending' ? (claimEvents.find((e) => e.type === 'Warning') ?? claimEvents[0] ?? null) : null;
  return {
    namespace,
    name,
    phase,
    requested: pvc.spec?.resources?.requests?.storage ?? null,
    capacity: pvc.status?.capacity?.storage ?? null,
    accessModes: pvc.status?.accessModes ?? pvc.spec?.accessModes ?? [],
    storageClass: pvc.spec?.storageClassName ?? null,
    volumeMode: pvc.spec?.volumeMode ?? 'Filesystem',
    volumeName: pvc.spec?.volumeName ?? null,
    volume: pv
      ? {
          capacity: pv.spec?.capacity?.storage ?? null,
          reclaimPolicy: pv.spec?.persistentVolumeReclaimPolicy ?? null,
          source: volumeSource(pv),
        }
      : null,
    pendingReason,
    events: claimEvents,
    pods: pods
      .filter((p) => p.metadata?.namespace === namespace && claimNamesOf(p).includes(name))
      .map((p) => {
        const podPhase = p.status?.phase ?? 'Pending';
        return {
          name: p.metadata?.name ?? '',
          phase: podPhase,
          ready: podReady(p),
          blocked: phase !== 'Bound' && podPhase === 'Pending',
        };
      })
      .sort((a, b) => a.name.localeCompare(b.name)),
  };
}
