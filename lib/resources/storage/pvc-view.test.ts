import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { CoreV1Event, V1PersistentVolumeClaim, V1Pod } from '@kubernetes/client-node';
import { toPvcView } from './pvc-view';

const NS = 'db';
const claim = (
  phase: string,
  extra: Partial<V1PersistentVolumeClaim['spec']> = {},
): V1PersistentVolumeClaim => ({
  metadata: { name: 'data', namespace: NS },
  spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } }, ...extra },
  status: { phase },
});
const pod = (name: string, phase: string, claimName = 'data'): V1Pod => ({
  metadata: { name, namespace: NS },
  spec: { containers: [{ name: 'c' }], volumes: [{ name: 'v', persistentVolumeClaim: { claimName } }] },
  status: { phase },
});
const event = (type: string, reason: string, message: string, at: string): CoreV1Event => ({
  metadata: {},
  involvedObject: {},
  type,
  reason,
  message,
  lastTimestamp: new Date(at),
});

test('a Pending claim takes its reason from the latest Warning event and blocks Pending pods', () => {
  const v = toPvcView(
    claim('Pending', { storageClassName: 'missing' }),
    undefined,
    [
      event('Normal', 'ExternalProvisioning', 'waiting', '2026-01-01T00:00:05Z'),
      event('Warning', 'ProvisioningFailed', 'storageclass "missing" not found', '2026-01-01T00:00:03Z'),
      event('Warning', 'ProvisioningFailed', 'older', '2026-01-01T00:00:01Z'),
    ],
    [pod('web-0', 'Pending'), pod('other', 'Running', 'else')],
  );
  assert.equal(v.phase, 'Pending');
  assert.equal(v.pendingReason?.reason, 'ProvisioningFailed');
  assert.equal(v.pendingReason?.message, 'storageclass "missing" not found');
  assert.deepEqual(v.pods, [{ name: 'web-0', phase: 'Pending', ready: false, blocked: true }]);
  assert.equal(v.storageClass, 'missing');
  assert.equal(v.requested, '1Gi');
  assert.equal(v.capacity, null);
});

test('a Bound claim has no pending reason and blocks nothing', () => {
  const c = claim('Bound', { volumeName: 'pv-1' });
  c.status = { phase: 'Bound', capacity: { storage: '2Gi' }, accessModes: ['ReadWriteOnce'] };
  const v = toPvcView(
    c,
    {
      spec: {
        capacity: { storage: '2Gi' },
        persistentVolumeReclaimPolicy: 'Retain',
        hostPath: { path: '/d' },
      },
    },
    [event('Warning', 'FailedBinding', 'old', '2026-01-01T00:00:00Z')],
    [pod('web-0', 'Pending')],
  );
  assert.equal(v.pendingReason, null);
  assert.equal(v.capacity, '2Gi');
  assert.deepEqual(v.volume, { capacity: '2Gi', reclaimPolicy: 'Retain', source: 'hostPath /d' });
  assert.equal(v.pods[0]?.blocked, false);
});

test('a Pending claim without events has no invented reason', () => {
  const v = toPvcView(claim('Pending'), undefined, [], []);
  assert.equal(v.pendingReason, null);
  assert.deepEqual(v.pods, []);
});

test('a Lost claim keeps its phase and blocks the pods that wait for it', () => {
  const c = claim('Lost', { volumeName: 'pv-gone' });
  const v = toPvcView(c, undefined, [], [pod('db-0', 'Pending'), pod('db-1', 'Running')]);
  assert.equal(v.phase, 'Lost');
  assert.equal(v.volumeName, 'pv-gone');
  assert.equal(v.volume, null);
  assert.deepEqual(
    v.pods.map((p) => [p.name, p.blocked]),
    [
      ['db-0', true],
      ['db-1', false],
    ],
  );
});
