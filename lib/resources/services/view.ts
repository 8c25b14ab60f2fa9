import type { V1EndpointSlice, V1Ingress, V1Pod, V1Service } from '@kubernetes/client-node';
import { selectsPod } from '../security/exposure';

/**
 * Service and Ingress view models: what a Service routes to (EndpointSlices, the pods its selector
 * picks) and what routes to it (Ingress rules). PURE, so the rules for "broken" are unit-tested.
 */

export interface ServicePort {
  name: string;
  protocol: string;
  port: number;
  targetPort: string;
  nodePort: number | null;
}

export interface EndpointRow {
  address: string;
  ready: boolean;
  serving: boolean;
  terminating: boolean;
  podName: string | null;
  nodeName: string | null;
}

export interface SelectedPod {
  name: string;
  phase: string;
  ready: boolean;
}

export interface IngressRoute {
  ingress: string;
  host: string;
  path: string;
  service: string;
  port: string;
}

export interface ServiceProblem {
  title: string;
  detail: string;
}

export interface ServiceView {
  namespace: string;
  name: string;
  type: string;
  clusterIPs: string[];
  externalName: string | null;
  externalIPs: string[];
  loadBalancer: string[];
  loadBalancerSourceRanges: string[];
  selector: Record<string, string>;
  ports: ServicePort[];
  endpoints: EndpointRow[];
  pods: SelectedPod[];
  routes: IngressRoute[];
  problems: ServiceProblem[];
}

export function podReady(p: V1Pod): boolean {
  return (p.status?.conditions ?? []).some((c) => c.type === 'Ready' && c.status === 'True');
}

export function endpointsOf(slices: V1EndpointSlice[]): EndpointRow[] {
  const rows: EndpointRow[] = [];
  for (const s of slices) {
    for (const e of s.endpoints ?? []) {
      for (const address of e.addresses) {
        rows.push({
          address,
          // Per the API, a nil `ready` means ready.
          ready: e.conditions?.ready !== false,
          serving: e.conditions?.serving ?? e.conditions?.ready !== false,
          terminating: e.conditions?.terminating === true,
          podName: e.targetRef?.kind === 'Pod' ? (e.targetRef.name ?? null) : null,
          nodeName: e.nodeName ?? null,
        });
      }
    }
  }
  return rows.sort((a, b) => Number(b.ready) - Number(a.ready) || a.address.localeCompare(b.address));
}

/** Every path of every Ingress, resolved to the Service it sends traffic to. */
export function ingressRoutes(ingresses: V1Ingress[]): IngressRoute[] {
  const out: IngressRoute[] = [];
  for (const ing of ingresses) {
    const name = ing.metadata?.name ?? '';
    const def = ing.spec?.defaultBackend?.service;
    if (def)
      out.push({
        ingress: name,
        host: '*',
        path: '(default backend)',
        service: def.name,
        port: portOf(def.port),
      });
    for (const rule of ing.spec?.rules ?? []) {
      for (const p of rule.http?.paths ?? []) {
        const svc = p.backend.service;
        if (!svc) continue;
        out.push({
          ingress: name,
          host: rule.host ?? '*',
          path: p.path ?? '/',
          service: svc.name,
          port: portOf(svc.port),
        });
      }
    }
  }
  return out;
}

function portOf(p: { name?: string; number?: number } | undefined): string {
  return p?.name ?? (p?.number !== undefined ? String(p.number) : '');
}

export function toServiceView(
  svc: V1Service,
  slices: V1EndpointSlice[],
  pods: V1Pod[],
  ingresses: V1Ingress[],
): ServiceView {
  const spec = svc.spec;
  const name = svc.metadata?.name ?? '';
  const namespace = svc.metadata?.namespace ?? '';
  const selector = spec?.selector ?? {};
  const selected = pods.filter((p) => p.metadata?.namespace === namespace && selectsPod(selector, p));
  const endpoints = endpointsOf(slices);
  const view: ServiceView = {
    namespace,
    name,
    type: spec?.type ?? 'ClusterIP',
    clusterIPs: spec?.clusterIPs ?? (spec?.clusterIP ? [spec.clusterIP] : []),
    externalName: spec?.externalName ?? null,
    externalIPs: spec?.externalIPs ?? [],
    loadBalancer: (svc.status?.loadBalancer?.ingress ?? [])
      .map((i) => i.ip ?? i.hostname ?? '')
      .filter(Boolean),
    loadBalancerSourceRanges: spec?.loadBalancerSourceRanges ?? [],
    selector,
    ports: (spec?.ports ?? []).map((p) => ({
      name: p.name ?? '',
      protocol: p.protocol ?? 'TCP',
      port: p.port,
      targetPort: String(p.targetPort ?? p.port),
      nodePort: p.nodePort ?? null,
    })),
    endpoints,
    pods: selected
      .map((p) => ({ name: p.metadata?.name ?? '', phase: p.status?.phase ?? 'Unknown', ready: podReady(p) }))
      .sort((a, b) => a.name.localeCompare(b.name)),
    routes: ingressRoutes(ingresses).filter((r) => r.service === name),
    problems: [],
  };
  view.problems = problemsOf(view);
  return view;
}

function problemsOf(v: ServiceView): ServiceProblem[] {
  if (v.type === 'ExternalName') return [];
  const hasSelector = Object.keys(v.selector).length > 0;
  const ready = v.endpoints.filter((e) => e.ready).length;
  if (hasSelector && v.pods.length === 0) {
    return [
      {
        title: 'The selector matches no pod',
        detail: `No pod in namespace ${v.namespace} has the labels ${Object.entries(v.selector)
          .map(([k, val]) => `${k}=${val}`)
          .join(
            ', ',
          )}, so traffic to this Service goes nowhere. Check the selector against the pod template's labels.`,
      },
    ];
  }
  if (ready === 0) {
    const notReady = v.endpoints.length;
    return [
      {
        title: 'No ready endpoints',
        detail: hasSelector
          ? `${v.pods.length} pod(s) match the selector but none is ready${notReady ? ` (${notReady} endpoint(s) not ready)` : ''}: connections to this Service fail. Look at the pods' readiness probes and events.`
          : 'This Service has no selector and no ready endpoints: someone must manage its EndpointSlices by hand.',
      },
    ];
  }
  return [];
}
