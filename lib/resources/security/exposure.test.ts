import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { V1Container, V1Pod, V1PodSpec, V1Service, V1ServiceSpec } from '@kubernetes/client-node';
import {
  databaseOfImage,
  type ExposureRule,
  namespaceWarnings,
  podSpecWarnings,
  podWarnings,
  serviceWarnings,
  sortWarnings,
} from './exposure';

const NS = 'shop';

function svc(name: string, spec: V1ServiceSpec): V1Service {
  return { metadata: { name, namespace: NS }, spec };
}

/** A container that passes every rule, to be spoiled one field at a time. */
const safe: V1Container = {
  name: 'app',
  image: 'ghcr.io/acme/web:1.2',
  securityContext: { runAsNonRoot: true, runAsUser: 1000 },
};

function pod(name: string, spec: Partial<V1PodSpec>, labels: Record<string, string> = {}): V1Pod {
  return {
    metadata: { name, namespace: NS, labels },
    spec: { containers: [safe], ...spec },
  };
}

const dbPod = pod(
  'db-0',
  { containers: [{ ...safe, name: 'db', image: 'docker.io/library/postgres:16' }] },
  {
    app: 'db',
  },
);

const serviceCases: {
  name: string;
  service: V1Service;
  pods?: V1Pod[];
  rules: ExposureRule[];
  severity?: string;
}[] = [
  {
    name: 'ClusterIP on 5432 is internal: fine',
    service: svc('pg', { type: 'ClusterIP', ports: [{ port: 5432 }], selector: { app: 'db' } }),
    pods: [dbPod],
    rules: [],
  },
  {
    name: 'LoadBalancer on 443 in front of a web app: fine',
    service: svc('web', {
      type: 'LoadBalancer',
      ports: [{ port: 443, targetPort: 8443 }],
      selector: { app: 'web' },
    }),
    pods: [pod('web-1', {}, { app: 'web' }), dbPod],
    rules: [],
  },
  {
    name: 'NodePort on 6379',
    service: svc('cache', { type: 'NodePort', ports: [{ port: 6379, nodePort: 30079 }] }),
    rules: ['exposed-database-port'],
    severity: 'high',
  },
  {
    name: 'LoadBalancer on 27017 without source ranges is critical',
    service: svc('mongo', { type: 'LoadBalancer', ports: [{ port: 27017 }] }),
    rules: ['exposed-database-port'],
    severity: 'critical',
  },
  {
    name: 'LoadBalancer restricted by source ranges is still high',
    service: svc('mongo', {
      type: 'LoadBalancer',
      loadBalancerSourceRanges: ['10.0.0.0/8'],
      ports: [{ port: 27017 }],
    }),
    rules: ['exposed-database-port'],
    severity: 'high',
  },
  {
    name: 'ClusterIP with externalIPs on a target port of 9200',
    service: svc('es', {
      type: 'ClusterIP',
      externalIPs: ['203.0.113.7'],
      ports: [{ port: 80, targetPort: 9200 }],
    }),
    rules: ['exposed-database-port'],
  },
  {
    name: 'Cassandra CQL, Memcached and SQL Server ports each count',
    service: svc('many', { type: 'NodePort', ports: [{ port: 9042 }, { port: 11211 }, { port: 1433 }] }),
    rules: ['exposed-database-port'],
  },
  {
    name: 'NodePort on an odd port in front of a postgres image',
    service: svc('sneaky', { type: 'NodePort', ports: [{ port: 8080 }], selector: { app: 'db' } }),
    pods: [dbPod],
    rules: ['exposed-database-pods'],
  },
  {
    name: 'selector that matches nothing: no image warning',
    service: svc('none', { type: 'NodePort', ports: [{ port: 8080 }], selector: { app: 'other' } }),
    pods: [dbPod],
    rules: [],
  },
  {
    name: 'a pod in another namespace with the same labels does not count',
    service: svc('x', { type: 'NodePort', ports: [{ port: 8080 }], selector: { app: 'db' } }),
    pods: [{ ...dbPod, metadata: { ...dbPod.metadata, namespace: 'elsewhere' } }],
    rules: [],
  },
  {
    name: 'both port and image',
    service: svc('both', { type: 'LoadBalancer', ports: [{ port: 5432 }], selector: { app: 'db' } }),
    pods: [dbPod],
    rules: ['exposed-database-port', 'exposed-database-pods'],
  },
];

for (const c of serviceCases) {
  test(`serviceWarnings: ${c.name}`, () => {
    const ws = serviceWarnings(c.service, c.pods ?? []);
    assert.deepEqual(
      ws.map((w) => w.rule),
      c.rules,
    );
    for (const w of ws) {
      assert.deepEqual(w.ref, { kind: 'Service', namespace: NS, name: c.service.metadata?.name });
      assert.ok(w.why.length > 20 && w.fix.length > 20 && w.title.length > 5);
      if (c.severity) assert.equal(w.severity, c.severity);
    }
  });
}

test('serviceWarnings names the ports and the product', () => {
  const [w] = serviceWarnings(svc('db', { type: 'NodePort', ports: [{ port: 3306 }, { port: 80 }] }));
  assert.match(w?.title ?? '', /3306 \(MySQL\/MariaDB\)/);
  assert.doesNotMatch(w?.title ?? '', /\b80\b/);
  assert.match(w?.why ?? '', /every node/);
});

const imageCases: [string, string | undefined][] = [
  ['postgres', 'PostgreSQL'],
  ['postgres:16-alpine', 'PostgreSQL'],
  ['docker.io/bitnami/postgresql:15@sha256:abcd', 'PostgreSQL'],
  ['registry.local:5000/mirror/redis:7', 'Redis'],
  ['mongo', 'MongoDB'],
  ['mcr.microsoft.com/mssql/server:2022-latest', 'Microsoft SQL Server'],
  ['docker.elastic.co/elasticsearch/elasticsearch:8.13.0', 'Elasticsearch'],
  ['memcached:1.6', 'Memcached'],
  ['oliver006/redis_exporter:v1', undefined],
  ['prometheuscommunity/postgres-exporter', undefined],
  ['zalando/postgres-operator', undefined],
  ['nginx:1.27', undefined],
  ['registry:5000/app', undefined],
  ['', undefined],
];

for (const [image, want] of imageCases) {
  test(`databaseOfImage(${JSON.stringify(image)}) = ${want}`, () => {
    assert.equal(databaseOfImage(image), want);
  });
}

const podCases: {
  name: string;
  spec: Partial<V1PodSpec>;
  rules: ExposureRule[];
  container?: string;
  severity?: string;
}[] = [
  { name: 'a hardened pod', spec: {}, rules: [] },
  {
    name: 'runAsNonRoot at pod level covers the containers',
    spec: { securityContext: { runAsNonRoot: true }, containers: [{ name: 'a', image: 'x' }] },
    rules: [],
  },
  {
    name: 'a non-zero runAsUser alone is not root',
    spec: { containers: [{ name: 'a', image: 'x', securityContext: { runAsUser: 101 } }] },
    rules: [],
  },
  {
    name: 'no securityContext at all may run as root',
    spec: { containers: [{ name: 'a', image: 'x' }] },
    rules: ['runs-as-root'],
    container: 'a',
    severity: 'medium',
  },
  {
    name: 'runAsUser 0 in the container beats runAsNonRoot of the pod',
    spec: {
      securityContext: { runAsNonRoot: true },
      containers: [{ name: 'a', image: 'x', securityContext: { runAsUser: 0 } }],
    },
    rules: ['runs-as-root'],
    severity: 'high',
  },
  {
    name: 'privileged',
    spec: { containers: [{ ...safe, securityContext: { ...safe.securityContext, privileged: true } }] },
    rules: ['privileged'],
    container: 'app',
  },
  { name: 'hostNetwork', spec: { hostNetwork: true }, rules: ['host-network'] },
  { name: 'hostPID', spec: { hostPID: true }, rules: ['host-namespace'] },
  {
    name: 'hostPath volume',
    spec: { volumes: [{ name: 'h', hostPath: { path: '/data' } }] },
    rules: ['host-path'],
  },
  {
    name: 'secret volume, configMap env and a literal env are fine',
    spec: {
      volumes: [{ name: 's', secret: { secretName: 'tls' } }],
      containers: [
        {
          ...safe,
          env: [
            { name: 'A', value: 'literal' },
            { name: 'B', valueFrom: { configMapKeyRef: { name: 'cfg', key: 'b' } } },
          ],
          envFrom: [{ configMapRef: { name: 'cfg' } }],
        },
      ],
    },
    rules: [],
  },
  {
    name: 'secretKeyRef env',
    spec: {
      containers: [
        { ...safe, env: [{ name: 'PW', valueFrom: { secretKeyRef: { name: 'db', key: 'pw' } } }] },
      ],
    },
    rules: ['secret-in-env'],
    container: 'app',
  },
  {
    name: 'envFrom secretRef in an init container',
    spec: { initContainers: [{ ...safe, name: 'init', envFrom: [{ secretRef: { name: 'db' } }] }] },
    rules: ['secret-in-env'],
    container: 'init',
  },
];

for (const c of podCases) {
  test(`podWarnings: ${c.name}`, () => {
    const ws = podWarnings(pod('p', c.spec));
    assert.deepEqual(
      ws.map((w) => w.rule),
      c.rules,
    );
    if (c.container) assert.equal(ws[0]?.ref.container, c.container);
    if (c.severity) assert.equal(ws[0]?.severity, c.severity);
    for (const w of ws) assert.equal(w.ref.kind, 'Pod');
  });
}

test('hostPath on the container runtime socket is critical, a data dir is high', () => {
  const sev = (path: string) =>
    podWarnings(pod('p', { volumes: [{ name: 'h', hostPath: { path } }] }))[0]?.severity;
  assert.equal(sev('/var/run/docker.sock'), 'critical');
  assert.equal(sev('/'), 'critical');
  assert.equal(sev('/srv/cache'), 'high');
});

test('secret-in-env names the Secret and key but never a value', () => {
  const [w] = podSpecWarnings(
    'Deployment',
    { name: 'api', namespace: NS },
    {
      containers: [
        { ...safe, env: [{ name: 'PW', valueFrom: { secretKeyRef: { name: 'db', key: 'pw' } } }] },
      ],
    },
  );
  assert.equal(w?.ref.kind, 'Deployment');
  assert.match(w?.title ?? '', /PW ← db\[pw\]/);
});

test('namespaceWarnings judges workloads by template and skips their pods, keeps bare pods', () => {
  const bad: V1PodSpec = { hostNetwork: true, containers: [safe] };
  const owned: V1Pod = {
    metadata: {
      name: 'api-abc',
      namespace: NS,
      ownerReferences: [
        { apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'api-1', uid: 'u', controller: true },
      ],
    },
    spec: bad,
  };
  const bare = pod('debug', { hostNetwork: true });
  const ws = namespaceWarnings({
    services: [svc('cache', { type: 'NodePort', ports: [{ port: 6379 }] })],
    pods: [owned, bare],
    workloads: [{ kind: 'Deployment', metadata: { name: 'api', namespace: NS }, spec: bad }],
  });
  assert.deepEqual(
    ws.map((w) => `${w.severity} ${w.rule} ${w.ref.kind}/${w.ref.name}`),
    [
      'high host-network Deployment/api',
      'high exposed-database-port Service/cache',
      'high host-network Pod/debug',
    ],
  );
});

test('sortWarnings puts critical first and drops duplicates', () => {
  const a = podWarnings(
    pod('a', { containers: [{ name: 'c', image: 'x', securityContext: { privileged: true } }] }),
  );
  const sorted = sortWarnings([...a, ...a]);
  assert.equal(sorted.length, 2);
  assert.deepEqual(
    sorted.map((w) => w.rule),
    ['privileged', 'runs-as-root'],
  );
});
