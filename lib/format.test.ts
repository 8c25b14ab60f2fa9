import assert from 'node:assert/strict';
import { test } from 'node:test';
import { asSentence, formatAge } from './format';

const now = Date.parse('2026-11-25T12:00:00Z');
const ago = (seconds: number) => new Date(now - seconds * 1000).toISOString();

test('formatAge follows kubectl units', () => {
  assert.equal(formatAge(ago(5), now), '5s');
  assert.equal(formatAge(ago(119), now), '119s');
  assert.equal(formatAge(ago(120), now), '2m');
  assert.equal(formatAge(ago(3 * 3600), now), '3h');
  assert.equal(formatAge(ago(3 * 86400), now), '3d');
  assert.equal(formatAge(ago(800 * 86400), now), '2y');
});

test('formatAge never goes negative and handles missing times', () => {
  assert.equal(formatAge(ago(-30), now), '0s');
  assert.equal(formatAge(null, now), '—');
});

test('asSentence ends API messages with a full stop and drops a dangling bare error', () => {
  assert.equal(
    asSentence('0/3 nodes are available: pod has unbound immediate PersistentVolumeClaims. not found'),
    '0/3 nodes are available: pod has unbound immediate PersistentVolumeClaims.',
  );
  assert.equal(
    asSentence('storageclass.storage.k8s.io "wh-missing-storage" not found'),
    'storageclass.storage.k8s.io "wh-missing-storage" not found.',
  );
  assert.equal(
    asSentence(
      '0/3 nodes are available: 3 Insufficient cpu. preemption: 0/3 nodes are available: 3 No preemption victims found for incoming pod.',
    ),
    '0/3 nodes are available: 3 Insufficient cpu. preemption: 0/3 nodes are available: 3 No preemption victims found for incoming pod.',
  );
  assert.equal(
    asSentence('  The node was low on resource:\n memory. '),
    'The node was low on resource: memory.',
  );
  assert.equal(asSentence('Back-off pulling image "nginx:1.27"'), 'Back-off pulling image "nginx:1.27".');
  assert.equal(asSentence(''), '');
});

test('asSentence keeps a trailing fragment that says something', () => {
  assert.equal(asSentence('Pod was rejected. node is unreachable'), 'Pod was rejected. node is unreachable.');
});
