import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { V1Pod, V1ReplicaSet } from '@kubernetes/client-node';
import { describeProbe, toPodRow } from '../pods/views';
import { podsByWorkload, selectorString } from './model';

test('selectorString writes matchLabels and every matchExpressions operator', () => {
  assert.equal(
    selectorString({
      matchLabels: { app: 'web', tier: 'front' },
      matchExpressions: [
        { key: 'env', operator: 'In', values: ['prod', 'staging'] },
        { key: 'canary', operator: 'NotIn', values: ['true'] },
        { key: 'team', operator: 'Exists' },
        { key: 'legacy', operator: 'DoesNotExist' },
      ],
    }),
    'app=web,tier=front,env in (prod,staging),canary notin (true),team,!legacy',
  );
  assert.equal(selectorString(undefined), '');
});

const owned = (name: string, kind: string, uid: string): V1Pod => ({
  metadata: {
    name,
    uid: `pod-${name}`,
    ownerReferences: [{ apiVersion: 'v1', kind, name: 'x', uid, controller: true }],
  },
});

test('podsByWorkload follows pods through their ReplicaSet to the Deployment, by uid', () => {
  const rs: V1ReplicaSet[] = [
    {
      metadata: {
        uid: 'rs-1',
        ownerReferences: [
          { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web', uid: 'dep-1', controller: true },
        ],
      },
    },
    {
      metadata: {
        uid: 'rs-2',
        ownerReferences: [
          { apiVersion: 'apps/v1', kind: 'Deployment', name: 'api', uid: 'dep-2', controller: true },
        ],
      },
    },
  ];
  const map = podsByWorkload(
    [
      owned('a', 'ReplicaSet', 'rs-1'),
      owned('b', 'ReplicaSet', 'rs-2'),
      owned('c', 'StatefulSet', 'sts-1'),
      { metadata: { name: 'bare' } },
    ],
    rs,
  );
  assert.deepEqual(
    map.get('dep-1')?.map((p) => p.metadata?.name),
    ['a'],
  );
  assert.deepEqual(
    map.get('dep-2')?.map((p) => p.metadata?.name),
    ['b'],
  );
  assert.deepEqual(
    map.get('sts-1')?.map((p) => p.metadata?.name),
    ['c'],
  );
  assert.deepEqual(
    map.get('rs-1')?.map((p) => p.metadata?.name),
    ['a'],
  );
});

test('toPodRow counts sidecars and restarts as kubectl does', () => {
  const row = toPodRow(
    {
      metadata: { name: 'p', namespace: 'n', uid: 'u' },
      spec: {
        initContainers: [{ name: 'proxy', restartPolicy: 'Always' }, { name: 'migrate' }],
        containers: [{ name: 'app' }],
      },
      status: {
        phase: 'Running',
        conditions: [
          { type: 'Initialized', status: 'True' },
          { type: 'Ready', status: 'True' },
        ],
        initContainerStatuses: [
          {
            name: 'proxy',
            image: '',
            imageID: '',
            ready: true,
            started: true,
            restartCount: 2,
            state: { running: {} },
          },
          {
            name: 'migrate',
            image: '',
            imageID: '',
            ready: false,
            restartCount: 1,
            state: { terminated: { exitCode: 0, reason: 'Completed' } },
          },
        ],
        containerStatuses: [
          { name: 'app', image: '', imageID: '', ready: true, restartCount: 0, state: { running: {} } },
        ],
      },
    },
    Date.now(),
  );
  assert.equal(row.ready, '2/2');
  assert.equal(row.status, 'Running');
  // Initialized: the sidecar's restarts count, the finished init container's do not.
  assert.equal(row.restarts, 2);
  assert.equal(row.health.state, 'Ready');
});

test('describeProbe reads like a sentence fragment', () => {
  assert.equal(
    describeProbe({ httpGet: { path: '/healthz', port: 8080 }, initialDelaySeconds: 5 }),
    'HTTP GET /healthz on port 8080, every 10s, after 5s, timeout 1s, 3 failures',
  );
  assert.equal(
    describeProbe({ exec: { command: ['cat', '/tmp/ok'] }, periodSeconds: 3 }),
    'exec cat /tmp/ok, every 3s, timeout 1s, 3 failures',
  );
});
