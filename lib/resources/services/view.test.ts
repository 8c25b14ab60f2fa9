import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { V1EndpointSlice, V1Ingress, V1Pod, V1Service } from '@kubernetes/client-node';
import { endpointsOf, ingressRoutes, toServiceView } from './view';

const NS = 'shop';
const svc: V1Service = {
  metadata: { name: 'web', namespace: NS },
  spec: {
    type: 'ClusterIP',
    clusterIP: '10.0.0.5',
    selector: { app: 'web' },
    ports: [{ port: 80, targetPort: 8080 }],
  },
};
const pod = (name: string, ready: boolean, labels = { app: 'web' }): V1Pod => ({
  metadata: { name, namespace: NS, labels },
  status: { phase: 'Running', conditions: [{ type: 'Ready', status: ready ? 'True' : 'False' }] },
});
const slice = (eps: [string, boolean | undefined, string][]): V1EndpointSlice => ({
  addressType: 'IPv4',
  endpoints: eps.map(([ip, ready, podName]) => ({
    addresses: [ip],
    conditions: ready === undefined ? {} : { ready },
    targetRef: { kind: 'Pod', name: podName },
  })),
});

test('endpointsOf lists ready first and treats a missing ready condition as ready', () => {
  const rows = endpointsOf([
    slice([
      ['10.1.0.2', false, 'b'],
      ['10.1.0.1', undefined, 'a'],
    ]),
  ]);
  assert.deepEqual(
    rows.map((r) => [r.address, r.ready, r.podName]),
    [
      ['10.1.0.1', true, 'a'],
      ['10.1.0.2', false, 'b'],
    ],
  );
});

const cases: { name: string; pods: V1Pod[]; slices: V1EndpointSlice[]; problem?: string }[] = [
  { name: 'healthy', pods: [pod('a', true)], slices: [slice([['10.1.0.1', true, 'a']])] },
  {
    name: 'selector matches nothing',
    pods: [pod('x', true, { app: 'other' })],
    slices: [],
    problem: 'The selector matches no pod',
  },
  {
    name: 'pods but none ready',
    pods: [pod('a', false)],
    slices: [slice([['10.1.0.1', false, 'a']])],
    problem: 'No ready endpoints',
  },
  { name: 'pods ready but no slice yet', pods: [pod('a', true)], slices: [], problem: 'No ready endpoints' },
  {
    name: 'one of two ready is fine',
    pods: [pod('a', true), pod('b', false)],
    slices: [
      slice([
        ['10.1.0.1', true, 'a'],
        ['10.1.0.2', false, 'b'],
      ]),
    ],
  },
];

for (const c of cases) {
  test(`toServiceView problems: ${c.name}`, () => {
    const v = toServiceView(svc, c.slices, c.pods, []);
    assert.deepEqual(
      v.problems.map((p) => p.title),
      c.problem ? [c.problem] : [],
    );
  });
}

test('an ExternalName Service has no endpoint problems', () => {
  const v = toServiceView(
    {
      metadata: { name: 'x', namespace: NS },
      spec: { type: 'ExternalName', externalName: 'db.example.com' },
    },
    [],
    [],
    [],
  );
  assert.deepEqual(v.problems, []);
  assert.equal(v.externalName, 'db.example.com');
});

test('ports, cluster IP and the Ingress routes that lead to the Service', () => {
  const ing: V1Ingress = {
    metadata: { name: 'front', namespace: NS },
    spec: {
      defaultBackend: { service: { name: 'web', port: { number: 80 } } },
      rules: [
        {
          host: 'shop.example.com',
          http: {
            paths: [
              {
                path: '/',
                pathType: 'Prefix',
                backend: { service: { name: 'web', port: { name: 'http' } } },
              },
              {
                path: '/api',
                pathType: 'Prefix',
                backend: { service: { name: 'api', port: { number: 8080 } } },
              },
            ],
          },
        },
      ],
    },
  };
  assert.equal(ingressRoutes([ing]).length, 3);
  const v = toServiceView(svc, [], [pod('a', true)], [ing]);
  assert.deepEqual(v.clusterIPs, ['10.0.0.5']);
  assert.deepEqual(v.ports, [{ name: '', protocol: 'TCP', port: 80, targetPort: '8080', nodePort: null }]);
  assert.deepEqual(
    v.routes.map((r) => `${r.host}${r.path}:${r.port}`),
    ['*(default backend):80', 'shop.example.com/:http'],
  );
  assert.deepEqual(v.pods, [{ name: 'a', phase: 'Running', ready: true }]);
});
