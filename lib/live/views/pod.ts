import type {
  CoreV1Event,
  V1Job,
  V1Node,
  V1PersistentVolumeClaim,
  V1Pod,
  V1ReplicaSet,
} from '@kubernetes/client-node';
import { AppError } from '../../errors';
import { nodeReadyOf } from '../../resources/nodes/ready';
import { controllerOf, type OwnerRef, type PodDetail, toPodDetail } from '../../resources/pods/views';
import { type ExposureWarning, podWarnings } from '../../resources/security/exposure';
import { claimNamesOf, toPvcView } from '../../resources/storage/pvc-view';
import type { ViewDef, ViewInputs } from '../view-cache';

/** One pod: containers, conditions, its owner chain and its events, from the cached lists. */
export interface PodParams {
  namespace: string;
  name: string;
}

/** A claim the pod mounts, with why it is not bound yet. */
export interface PodClaim {
  name: string;
  phase: string;
  reason: string | null;
}

export interface PodModel {
  detail: PodDetail;
  /** The pod's exposure warnings and the claims it mounts (the page's security and storage notes). */
  security: { warnings: ExposureWarning[]; claims: PodClaim[] };
  now: number;
}

/** Pod -> ReplicaSet -> Deployment (or Job -> CronJob), nearest first; an unreadable parent ends it. */
function ownerChain(inputs: ViewInputs, pod: V1Pod): OwnerRef[] {
  const ns = pod.metadata?.namespace ?? '';
  const chain: OwnerRef[] = [];
  let cur = controllerOf(pod.metadata);
  while (cur && chain.length < 4) {
    chain.push(cur);
    const key = `${ns}/${cur.name}`;
    const parent =
      cur.kind === 'ReplicaSet'
        ? inputs.get<V1ReplicaSet>('replicasets', ns, key)
        : cur.kind === 'Job'
          ? inputs.get<V1Job>('jobs', ns, key)
          : undefined;
    cur = parent ? controllerOf(parent.metadata) : null;
  }
  return chain;
}

export const podView: ViewDef<PodParams, PodModel> = {
  inputs: (p) => [
    { slug: 'pods', namespace: p.namespace },
    { slug: 'replicasets', namespace: p.namespace },
    { slug: 'jobs', namespace: p.namespace },
    { slug: 'events', namespace: p.namespace },
    { slug: 'persistentvolumeclaims', namespace: p.namespace },
    { slug: 'nodes' },
  ],
  compute: (inputs, p, now): PodModel => {
    if (!inputs.list('pods', p.namespace)) {
      const e = inputs.error('pods', p.namespace);
      throw new AppError(e?.status ?? 500, e?.message ?? 'Could not list pods.', e?.code);
    }
    const pod = inputs.get<V1Pod>('pods', p.namespace, `${p.namespace}/${p.name}`);
    if (!pod)
      throw new AppError(404, `Pod "${p.name}" was not found in namespace "${p.namespace}".`, 'not_found');
    const uid = pod.metadata?.uid ?? '';
    const all = inputs.list<CoreV1Event>('events', p.namespace) ?? [];
    const events = all.filter((e) => e.involvedObject?.uid === uid);
    const claims = claimNamesOf(pod).map((name): PodClaim => {
      const pvc = inputs.get<V1PersistentVolumeClaim>(
        'persistentvolumeclaims',
        p.namespace,
        `${p.namespace}/${name}`,
      );
      if (!pvc) return { name, phase: 'missing', reason: null };
      const v = toPvcView(
        pvc,
        undefined,
        all.filter(
          (e) => e.involvedObject?.kind === 'PersistentVolumeClaim' && e.involvedObject.name === name,
        ),
        [],
      );
      return { name, phase: v.phase, reason: v.pendingReason?.message ?? null };
    });
    const node = pod.spec?.nodeName ? inputs.get<V1Node>('nodes', undefined, pod.spec.nodeName) : undefined;
    return {
      detail: toPodDetail(pod, {
        now,
        nodeReady: node ? nodeReadyOf(node) : undefined,
        owners: ownerChain(inputs, pod),
        events,
      }),
      security: { warnings: podWarnings(pod), claims },
      now,
    };
  },
};
