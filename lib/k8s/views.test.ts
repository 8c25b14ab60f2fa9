import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { V1Deployment } from '@kubernetes/client-node';
import { toDeploymentRow, toIso } from './views';

test('toDeploymentRow reads counts, images and age from a Deployment', () => {
  const d: V1Deployment = {
    metadata: {
      name: 'web',
      namespace: 'shop',
      uid: 'u1',
      resourceVersion: '42',
      creationTimestamp: new Date('2026-01-01T00:00:00Z'),
    },
    spec: {
      replicas: 3,
      selector: {},
      template: {
        spec: {
          containers: [
            { name: 'a', image: 'nginx:1' },
            { name: 'b', image: 'envoy:2' },
            { name: 'c', image: 'nginx:1' },
          ],
        },
      },
    },
    status: { readyReplicas: 2, updatedReplicas: 1, availableReplicas: 2 },
  };
  assert.deepEqual(toDeploymentRow(d), {
    uid: 'u1',
    namespace: 'shop',
    name: 'web',
    desired: 3,
    ready: 2,
    upToDate: 1,
    available: 2,
    createdAt: '2026-01-01T00:00:00.000Z',
    images: ['nginx:1', 'envoy:2'],
    paused: false,
    resourceVersion: '42',
  });
});

test('a fresh Deployment with no status counts zero, not undefined', () => {
  const row = toDeploymentRow({
    metadata: { name: 'new' },
    spec: { selector: {}, template: {}, paused: true },
  });
  assert.equal(row.ready, 0);
  assert.equal(row.available, 0);
  assert.equal(row.desired, 1);
  assert.equal(row.paused, true);
});

test('toIso accepts Date and string and rejects garbage', () => {
  assert.equal(toIso('2026-01-01T00:00:00Z'), '2026-01-01T00:00:00.000Z');
  assert.equal(toIso('not a date'), null);
  assert.equal(toIso(undefined), null);
});
