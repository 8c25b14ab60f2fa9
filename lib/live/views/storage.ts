import type {
  CoreV1Event,
  V1PersistentVolume,
  V1PersistentVolumeClaim,
  V1Pod,
} from '@kubernetes/client-node';
import { AppError } from '../../errors';
import { type PvcView, toPvcView } from '../../resources/storage/pvc-view';
import { computeStorage, type StorageOverview } from '../../resources/storage/pvcs';
import type { ViewDef } from '../view-cache';
import { required } from './required';

/** The Storage page (claims, pods waiting for one) and a claim's page (PVC ↔ pods), from the cache. */
export interface StorageParams {
  namespace: string;
}
export interface ClaimParams {
  namespace: string;
  name: string;
}

const inputsFor = (namespace: string) => [
  { slug: 'persistentvolumeclaims', namespace },
  { slug: 'pods', namespace },
  { slug: 'events', namespace },
];

export const storageView: ViewDef<StorageParams, StorageOverview> = {
  inputs: (p) => inputsFor(p.namespace),
  compute: (inputs, p): StorageOverview =>
    computeStorage(
      required<V1PersistentVolumeClaim>(inputs, 'persistentvolumeclaims', p.namespace),
      // Events only explain; a user who may not read them still sees the claims.
      inputs.list<CoreV1Event>('events', p.namespace) ?? [],
      required<V1Pod>(inputs, 'pods', p.namespace),
    ),
};

export const claimView: ViewDef<ClaimParams, PvcView> = {
  // PersistentVolumes are cluster-scoped; namespace viewers usually may not read them.
  inputs: (p) => [...inputsFor(p.namespace), { slug: 'persistentvolumes' }],
  compute: (inputs, p): PvcView => {
    required(inputs, 'persistentvolumeclaims', p.namespace);
    const pvc = inputs.get<V1PersistentVolumeClaim>(
      'persistentvolumeclaims',
      p.namespace,
      `${p.namespace}/${p.name}`,
    );
    if (!pvc)
      throw new AppError(
        404,
        `PersistentVolumeClaim "${p.name}" was not found in namespace "${p.namespace}".`,
        'not_found',
      );
    const volume = pvc.spec?.volumeName;
    const pv = volume ? inputs.get<V1PersistentVolume>('persistentvolumes', undefined, volume) : undefined;
    const events = (inputs.list<CoreV1Event>('events', p.namespace) ?? []).filter(
      (e) => e.involvedObject?.kind === 'PersistentVolumeClaim' && e.involvedObject.name === p.name,
    );
    return toPvcView(pvc, pv, events, required<V1Pod>(inputs, 'pods', p.namespace));
  },
};
