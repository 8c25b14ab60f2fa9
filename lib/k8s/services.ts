import 'server-only';
import {
  CoreV1Api,
  DiscoveryV1Api,
  NetworkingV1Api,
  type V1EndpointSlice,
  type V1Ingress,
  type V1Pod,
} from '@kubernetes/client-node';
import { apiClient } from './client';
import { toAppError } from './errors';
import { type ExposureWarning, podWarnings, serviceWarnings, sortWarnings } from './exposure';
import {
  endpointsOf,
  type IngressRoute,
  ingressRoutes,
  type ServiceView,
  toServiceView,
} from './service-view';

export interface ServiceDetail {
  view: ServiceView;
  warnings: ExposureWarning[];
}

/** Lists that only enrich the page (Ingresses) degrade to empty on 403 instead of failing it. */
async function optional<T>(f: () => Promise<{ items: T[] }>): Promise<T[]> {
  try {
    return (await f()).items;
  } catch (e) {
    const code = (e as { code?: unknown }).code;
    if (code === 403 || code === 404) return [];
    throw e;
  }
}

export async function getServiceDetail(
  context: string,
  namespace: string,
  name: string,
): Promise<ServiceDetail> {
  const core = apiClient(context, CoreV1Api);
  try {
    const svc = await core.readNamespacedService({ name, namespace });
    const selector = svc.spec?.selector ?? {};
    const labelSelector = Object.entries(selector)
      .map(([k, v]) => `${k}=${v}`)
      .join(',');
    const [slices, pods, ingresses] = await Promise.all([
      listSlices(context, namespace, name),
      labelSelector
        ? core.listNamespacedPod({ namespace, labelSelector }).then((l) => l.items)
        : Promise.resolve([] as V1Pod[]),
      optional(() => apiClient(context, NetworkingV1Api).listNamespacedIngress({ namespace })),
    ]);
    const view = toServiceView(svc, slices, pods, ingresses);
    const warnings = sortWarnings([...serviceWarnings(svc, pods), ...onePerOwner(pods).flatMap(podWarnings)]);
    return { view, warnings };
  } catch (e) {
    throw toAppError(e, { context, verb: 'get', resource: 'Service', namespace, name });
  }
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
