import type { V1EndpointSlice, V1Ingress, V1Service } from '@kubernetes/client-node';
import { mapPairs, owner, toIso } from './common';
import type { Column, RowSpec } from './types';

const age: Column = { key: 'age', label: 'Age', type: 'age' };

export const services: RowSpec<V1Service> = {
  columns: [
    { key: 'type', label: 'Type', type: 'text' },
    { key: 'clusterIP', label: 'Cluster IP', type: 'mono' },
    { key: 'externalIP', label: 'External IP', type: 'list' },
    { key: 'ports', label: 'Ports', type: 'list' },
    { key: 'selector', label: 'Selector', type: 'list' },
    age,
  ],
  view: (s) => {
    const type = s.spec?.type ?? 'ClusterIP';
    const ingress = (s.status?.loadBalancer?.ingress ?? []).map((i) => i.ip ?? i.hostname ?? '');
    const external = [...(s.spec?.externalIPs ?? []), ...ingress].filter(Boolean);
    if (type === 'ExternalName' && s.spec?.externalName) external.push(s.spec.externalName);
    return {
      cells: {
        type,
        clusterIP: s.spec?.clusterIP ?? null,
        externalIP: type === 'LoadBalancer' && external.length === 0 ? ['<pending>'] : external,
        ports: (s.spec?.ports ?? []).map(
          (p) =>
            `${p.name ? `${p.name}:` : ''}${p.port}${p.nodePort ? `:${p.nodePort}` : ''}/${p.protocol ?? 'TCP'}`,
        ),
        selector: mapPairs(s.spec?.selector),
        age: toIso(s.metadata?.creationTimestamp),
      },
    };
  },
};

export const endpointslices: RowSpec<V1EndpointSlice> = {
  columns: [
    { key: 'service', label: 'Service', type: 'text' },
    { key: 'addressType', label: 'Address type', type: 'text' },
    { key: 'ports', label: 'Ports', type: 'list' },
    { key: 'ready', label: 'Ready endpoints', type: 'ratio' },
    { key: 'addresses', label: 'Addresses', type: 'list' },
    age,
  ],
  view: (e) => {
    const eps = e.endpoints ?? [];
    // A missing `ready` condition means ready, per the EndpointSlice API.
    const ready = eps.filter((p) => p.conditions?.ready !== false).length;
    const addresses = eps.flatMap((p) => p.addresses);
    return {
      tone: eps.length === 0 ? 'warn' : ready === eps.length ? 'good' : 'warn',
      cells: {
        service: e.metadata?.labels?.['kubernetes.io/service-name'] ?? owner(e.metadata?.ownerReferences),
        addressType: e.addressType,
        ports: (e.ports ?? []).map(
          (p) => `${p.name ? `${p.name}:` : ''}${p.port ?? '*'}/${p.protocol ?? 'TCP'}`,
        ),
        ready: `${ready}/${eps.length}`,
        addresses:
          addresses.length > 5 ? [...addresses.slice(0, 5), `+${addresses.length - 5} more`] : addresses,
        age: toIso(e.metadata?.creationTimestamp),
      },
    };
  },
};

export const ingresses: RowSpec<V1Ingress> = {
  columns: [
    { key: 'class', label: 'Class', type: 'text' },
    { key: 'hosts', label: 'Hosts', type: 'list' },
    { key: 'address', label: 'Address', type: 'list' },
    { key: 'ports', label: 'Ports', type: 'text' },
    { key: 'backends', label: 'Backends', type: 'list' },
    age,
  ],
  view: (i) => {
    const rules = i.spec?.rules ?? [];
    const backends = rules.flatMap((r) =>
      (r.http?.paths ?? []).map(
        (p) =>
          `${r.host ?? '*'}${p.path ?? '/'} → ${p.backend.service?.name ?? p.backend.resource?.name ?? '?'}:${
            p.backend.service?.port?.number ?? p.backend.service?.port?.name ?? ''
          }`,
      ),
    );
    if (i.spec?.defaultBackend?.service) backends.push(`default → ${i.spec.defaultBackend.service.name}`);
    return {
      cells: {
        class: i.spec?.ingressClassName ?? null,
        hosts: rules.map((r) => r.host ?? '*'),
        address: (i.status?.loadBalancer?.ingress ?? []).map((x) => x.ip ?? x.hostname ?? '').filter(Boolean),
        ports: (i.spec?.tls?.length ?? 0) > 0 ? '80, 443' : '80',
        backends,
        age: toIso(i.metadata?.creationTimestamp),
      },
    };
  },
};
