import assert from 'node:assert/strict';
import { test } from 'node:test';
import { finalizerHolds, terminationOf } from './holds';

test('a known finalizer says who set it and what it waits for; managedFields names the manager', () => {
  const pvc = {
    kind: 'PersistentVolumeClaim',
    metadata: {
      finalizers: ['kubernetes.io/pvc-protection', 'example.com/backup'],
      managedFields: [
        {
          manager: 'backup-operator',
          fieldsV1: { 'f:metadata': { 'f:finalizers': { '.': {}, 'v:"example.com/backup"': {} } } },
        },
      ],
    },
  };
  assert.deepEqual(finalizerHolds(pvc), [
    {
      finalizer: 'kubernetes.io/pvc-protection',
      by: 'the PVC protection controller (kube-controller-manager)',
      meaning: 'it stays while a pod uses the claim',
    },
    {
      finalizer: 'example.com/backup',
      by: 'backup-operator',
      meaning: 'it stays until the controller that set it removes it',
    },
  ]);
});

test('not terminating without deletionTimestamp; a terminating namespace lists its remaining content', () => {
  assert.equal(terminationOf({ kind: 'Namespace', metadata: {} }), undefined);
  const t = terminationOf({
    kind: 'Namespace',
    metadata: { deletionTimestamp: '2026-12-01T08:00:00Z' },
    spec: { finalizers: ['kubernetes'] },
    status: {
      conditions: [
        {
          type: 'NamespaceContentRemaining',
          status: 'True',
          message: 'Some resources are remaining: pods. has 2 resource instances',
        },
        { type: 'NamespaceDeletionDiscoveryFailure', status: 'False', message: 'ok' },
      ],
    },
  });
  assert.equal(t?.since, '2026-12-01T08:00:00Z');
  assert.deepEqual(
    t?.holds.map((h) => h.finalizer),
    ['kubernetes'],
  );
  assert.deepEqual(t?.notes, ['Some resources are remaining: pods. has 2 resource instances']);
});
