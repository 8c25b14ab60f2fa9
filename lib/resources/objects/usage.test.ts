import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { V1PodSpec } from '@kubernetes/client-node';
import { type PodSpecHolder, referencesIn, usedBy } from './usage';

const spec: V1PodSpec = {
  imagePullSecrets: [{ name: 'regcred' }],
  initContainers: [{ name: 'init', envFrom: [{ secretRef: { name: 'db' } }] }],
  containers: [
    {
      name: 'app',
      env: [
        { name: 'PW', valueFrom: { secretKeyRef: { name: 'db', key: 'pw' } } },
        { name: 'MODE', valueFrom: { configMapKeyRef: { name: 'cfg', key: 'mode' } } },
      ],
      envFrom: [{ configMapRef: { name: 'cfg2' } }],
    },
  ],
  volumes: [
    { name: 'tls', secret: { secretName: 'tls' } },
    { name: 'conf', configMap: { name: 'cfg' } },
    { name: 'all', projected: { sources: [{ secret: { name: 'proj' } }, { configMap: { name: 'cfg2' } }] } },
    { name: 'data', persistentVolumeClaim: { claimName: 'data' } },
  ],
};

const cases: [Parameters<typeof referencesIn>[1], string, string[], string[]][] = [
  ['Secret', 'db', ['env', 'envFrom'], ['app', 'init']],
  ['Secret', 'tls', ['volume'], []],
  ['Secret', 'proj', ['projected volume'], []],
  ['Secret', 'regcred', ['imagePullSecrets'], []],
  ['Secret', 'cfg', [], []],
  ['ConfigMap', 'cfg', ['env', 'volume'], ['app']],
  ['ConfigMap', 'cfg2', ['envFrom', 'projected volume'], ['app']],
  ['ConfigMap', 'db', [], []],
  ['PersistentVolumeClaim', 'data', ['volume'], []],
  ['PersistentVolumeClaim', 'tls', [], []],
];

for (const [kind, name, via, containers] of cases) {
  test(`referencesIn ${kind} ${name}`, () => {
    assert.deepEqual(referencesIn(spec, kind, name), { via, containers });
  });
}

test('usedBy lists workloads and bare pods, skips owned pods and other namespaces', () => {
  const holders: PodSpecHolder[] = [
    { kind: 'Deployment', metadata: { name: 'api', namespace: 'a' }, spec },
    { kind: 'StatefulSet', metadata: { name: 'other', namespace: 'b' }, spec },
    {
      kind: 'Pod',
      metadata: {
        name: 'api-1',
        namespace: 'a',
        ownerReferences: [
          { apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'api-x', uid: 'u', controller: true },
        ],
      },
      spec,
    },
    { kind: 'Pod', metadata: { name: 'debug', namespace: 'a' }, spec },
    { kind: 'CronJob', metadata: { name: 'nightly', namespace: 'a' }, spec: { containers: [{ name: 'x' }] } },
  ];
  assert.deepEqual(
    usedBy(holders, 'Secret', 'tls', 'a').map((u) => `${u.kind}/${u.name}`),
    ['Deployment/api', 'Pod/debug'],
  );
  assert.deepEqual(
    usedBy(holders, 'PersistentVolumeClaim', 'data', 'a', { ownedPods: true }).map(
      (u) => `${u.kind}/${u.name}`,
    ),
    ['Deployment/api', 'Pod/api-1', 'Pod/debug'],
  );
});
