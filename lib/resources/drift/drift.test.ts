import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { V1Pod } from '@kubernetes/client-node';
import { configRefs, describeDrift, lastDataChange, podDrift } from './drift';

const pod: V1Pod = {
  metadata: { name: 'web-1' },
  spec: {
    containers: [
      {
        name: 'app',
        image: 'x',
        env: [{ name: 'PASSWORD', valueFrom: { secretKeyRef: { name: 'db', key: 'password' } } }],
        envFrom: [{ configMapRef: { name: 'settings' } }],
        volumeMounts: [
          { name: 'conf', mountPath: '/etc/app' },
          { name: 'one', mountPath: '/etc/one.conf', subPath: 'one.conf' },
        ],
      },
    ],
    volumes: [
      { name: 'conf', configMap: { name: 'files' } },
      { name: 'one', configMap: { name: 'single' } },
    ],
  },
  status: {
    startTime: new Date('2026-12-01T08:00:00Z'),
    containerStatuses: [
      {
        name: 'app',
        image: 'x',
        imageID: '',
        ready: true,
        restartCount: 0,
        state: { running: { startedAt: new Date('2026-12-01T08:00:05Z') } },
      },
    ],
  },
};

const changed = (kind: 'ConfigMap' | 'Secret', name: string, at: string) => ({
  kind,
  metadata: {
    name,
    creationTimestamp: '2026-11-30T00:00:00Z',
    managedFields: [
      { manager: 'kubectl', time: '2026-11-30T00:00:00Z', fieldsV1: { 'f:data': {} } },
      { manager: 'kubectl-edit', time: at, fieldsV1: { 'f:data': { 'f:x': {} } } },
      { manager: 'labeler', time: '2026-12-31T00:00:00Z', fieldsV1: { 'f:metadata': {} } },
    ],
  },
});

test('how a pod reads each ConfigMap and Secret: env, envFrom, subPath, plain volume', () => {
  assert.deepEqual(
    configRefs(pod.spec!).map((r) => [r.kind, r.name, r.via]),
    [
      ['ConfigMap', 'files', ['volume']],
      ['ConfigMap', 'settings', ['envFrom']],
      ['ConfigMap', 'single', ['subPath']],
      ['Secret', 'db', ['env']],
    ],
  );
});

test('the last data change ignores metadata-only writes', () => {
  assert.equal(lastDataChange(changed('ConfigMap', 'x', '2026-12-01T09:00:00Z')), '2026-12-01T09:00:00.000Z');
});

test('drift: changed after the container started; env and subPath stale until restart, volumes updated in place', () => {
  const objects = [
    changed('Secret', 'db', '2026-12-01T09:00:00Z'),
    changed('ConfigMap', 'settings', '2026-12-01T07:00:00Z'),
    changed('ConfigMap', 'files', '2026-12-01T09:00:00Z'),
    changed('ConfigMap', 'single', '2026-12-01T09:00:00Z'),
  ];
  const d = podDrift(pod, objects);
  assert.deepEqual(
    d.map((x) => [x.kind, x.name, x.staleUntilRestart, x.updatedInPlace]),
    [
      ['ConfigMap', 'files', [], true],
      ['ConfigMap', 'single', ['subPath'], false],
      ['Secret', 'db', ['env'], false],
    ],
  );
  assert.match(
    describeDrift(d[2]!),
    /^Secret "db" changed at 2026-12-01T09:00:00.000Z, after the containers \(app\) started at 2026-12-01T08:00:05.000Z: values read through env are the old ones until the pod restarts\.$/,
  );
  // An immutable object cannot drift.
  assert.deepEqual(
    podDrift(pod, [{ ...changed('Secret', 'db', '2026-12-01T09:00:00Z'), immutable: true }]),
    [],
  );
});
