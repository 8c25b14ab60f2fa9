import 'server-only';
import {
  CoreV1Api,
  DiscoveryV1Api,
  NetworkingV1Api,
  type V1EndpointSlice,
  type V1Ingress,
} from '@kubernetes/client-node';
import { apiClient } from '../../../kube/client';
import { toAppError } from '../../../kube/errors';
import type { ExposureWarning } from '../../security/exposure';
import { endpointsOf, type IngressRoute, ingressRoutes, type ServiceView, toServiceView } from '../view';

export interface ServiceDetail {
  view: ServiceView;
  warnings: ExposureWarning[];
}

function listSlices(context: string, namespace: string, service: string): Promise<V1EndpointSlice[]> {
  return apiClient(context, DiscoveryV1Api)
    .listNamespacedEndpointSlice({ namespace, labelSelector: `kubernetes.io/service-name=${service}` })
    .then((l) => l.items);
}

export interface IngressBackend {
  service: string;
  exists: boolean;
  readyEndpoints: number;
  endpoints: number;
  pods: { name: string; ready: boolean }[];
}

export interface IngressDetail {
  name: string;
  namespace: string;
  className: string | null;
  addresses: string[];
  tls: { hosts: string[]; secretName: string | null }[];
  routes: IngressRoute[];
  backends: IngressBackend[];
}

export async function getIngressDetail(
  context: string,
  namespace: string,
  name: string,
): Promise<IngressDetail> {
  let ing: V1Ingress;
  try {
    ing = await apiClient(context, NetworkingV1Api).readNamespacedIngress({ name, namespace });
  } catch (e) {
    throw toAppError(e, { context, verb: 'get', resource: 'Ingress', namespace, name });
  }
  const routes = ingressRoutes([ing]);
  const services = [...new Set(routes.map((r) => r.service))].sort();
  const core = apiClient(context, CoreV1Api);
  try {
    const pods = await core.listNamespacedPod({ namespace }).then((l) => l.items);
    const backends = await Promise.all(
      services.map(async (service): Promise<IngressBackend> => {
        const svc = await core.readNamespacedService({ name: service, namespace }).catch((e: unknown) => {
          if ((e as { code?: unknown }).code === 404) return undefined;
          throw e;
        });
        if (!svc) return { service, exists: false, readyEndpoints: 0, endpoints: 0, pods: [] };
        const endpoints = endpointsOf(await listSlices(context, namespace, service));
        const view = toServiceView(svc, [], pods, []);
        return {
          service,
          exists: true,
          readyEndpoints: endpoints.filter((e) => e.ready).length,
          endpoints: endpoints.length,
          pods: view.pods.map((p) => ({ name: p.name, ready: p.ready })),
        };
      }),
    );
    return {
      name,
      namespace,
      className: ing.spec?.ingressClassName ?? null,
      addresses: (ing.status?.loadBalancer?.ingress ?? [])
        .map((i) => i.ip ?? i.hostname ?? '')
        .filter(Boolean),
      tls: (ing.spec?.tls ?? []).map((t) => ({ hosts: t.hosts ?? [], secretName: t.secretName ?? null })),
      routes,
      backends,
    };
  } catch (e) {
    throw toAppError(e, { context, verb: 'list', resource: 'pods', namespace });
  }
}
