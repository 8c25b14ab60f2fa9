import type { V1EndpointSlice, V1Ingress, V1Pod, V1Service } from '@kubernetes/client-node';
import { AppError } from '../../errors';
import { podWarnings, selectsPod, serviceWarnings, sortWarnings } from '../../resources/security/exposure';
import type { ServiceDetail } from '../../resources/services/server/services';
import { toServiceView } from '../../resources/services/view';
import type { ViewDef } from '../view-cache';
import { required } from './required';

/** A Service with its EndpointSlices, the pods it selects and the Ingress routes to it, from the cache. */
export interface ServiceParams {
  namespace: string;
  name: string;
}

/** Replicas share a template: judging one pod per controller avoids the same warning N times. */
function onePerOwner(pods: V1Pod[]): V1Pod[] {
  const seen = new Set<string>();
  return pods.filter((p) => {
    const owner = (p.metadata?.ownerReferences ?? []).find((o) => o.controller)?.uid;
    if (!owner) return true;
    if (seen.has(owner)) return false;
    seen.add(owner);
    return true;
  });
}

export const serviceView: ViewDef<ServiceParams, ServiceDetail> = {
  inputs: (p) =>
    ['services', 'endpointslices', 'pods', 'ingresses'].map((slug) => ({ slug, namespace: p.namespace })),
  compute: (inputs, p): ServiceDetail => {
    required(inputs, 'services', p.namespace);
    const svc = inputs.get<V1Service>('services', p.namespace, `${p.namespace}/${p.name}`);
    if (!svc)
      throw new AppError(
        404,
        `Service "${p.name}" was not found in namespace "${p.namespace}".`,
        'not_found',
      );
    const slices = required<V1EndpointSlice>(inputs, 'endpointslices', p.namespace).filter(
      (s) => s.metadata?.labels?.['kubernetes.io/service-name'] === p.name,
    );
    const selector = svc.spec?.selector ?? {};
    const pods = Object.keys(selector).length
      ? required<V1Pod>(inputs, 'pods', p.namespace).filter((pod) => selectsPod(selector, pod))
      : [];
    // Ingresses only enrich the page: unreadable, they are left out rather than failing it.
    const ingresses = inputs.list<V1Ingress>('ingresses', p.namespace) ?? [];
    return {
      view: toServiceView(svc, slices, pods, ingresses),
      warnings: sortWarnings([...serviceWarnings(svc, pods), ...onePerOwner(pods).flatMap(podWarnings)]),
    };
  },
};
