import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { V1Pod } from '@kubernetes/client-node';
import { classifyPod, rollupWorkload } from './health';
import { crashLoop, cs, imagePull, NOW, pendingWith, pod } from './health-fixtures';

const named = (name: string, p: V1Pod) => ({ name, health: classifyPod(p, { now: NOW }) });

test('rollupWorkload: all ready is healthy', () => {
  const r = rollupWorkload([named('a', pod()), named('b', pod())], { kind: 'Deployment', desired: 2 });
  assert.equal(r.health, 'healthy');
  assert.equal(r.summary, '2 of 2 ready');
});

test('rollupWorkload: one crash-looping pod of three degrades it and comes first', () => {
  const r = rollupWorkload([named('a', pod()), named('b', pod()), named('c', crashLoop('OOMKilled', 137))], {
    kind: 'Deployment',
    desired: 3,
  });
  assert.equal(r.health, 'degraded');
  assert.equal(r.summary, '2 of 3 ready; 1 crash loop');
  assert.deepEqual(
    r.pods.map((p) => p.name),
    ['c', 'a', 'b'],
  );
});

test('rollupWorkload: every pod failing is failing, even if the replica counts look fine', () => {
  const pods = [named('a', crashLoop('Error', 1)), named('b', imagePull('ImagePullBackOff', 'x'))];
  const r = rollupWorkload(pods, { kind: 'StatefulSet', desired: 2 });
  assert.equal(r.health, 'failing');
  assert.equal(r.summary, '0 of 2 ready; 1 crash loop, 1 image pull failed');
});

test('rollupWorkload: pods still starting degrade without failing; zero replicas is healthy', () => {
  const starting = rollupWorkload([named('a', pendingWith({ reason: 'ContainerCreating' }))], {
    kind: 'DaemonSet',
    desired: 1,
  });
  assert.equal(starting.health, 'degraded');
  assert.equal(starting.summary, '0 of 1 ready; 1 starting');
  assert.equal(rollupWorkload([], { kind: 'Deployment', desired: 0 }).health, 'healthy');
  assert.equal(rollupWorkload([], { kind: 'Deployment', desired: 2 }).summary, '0 of 2 ready; 2 missing');
});

test('rollupWorkload: an old evicted pod is listed first but does not degrade a full Deployment', () => {
  const evicted = pod({
    status: { phase: 'Failed', reason: 'Evicted', message: 'The node was low on resource: memory.' },
  });
  const r = rollupWorkload([named('a', pod()), named('old', evicted)], { kind: 'Deployment', desired: 1 });
  assert.equal(r.health, 'healthy');
  assert.equal(r.pods[0]?.name, 'old');
});

test('rollupWorkload: Jobs go by their pods and their Failed condition', () => {
  const done = pod({ status: { phase: 'Succeeded' } });
  const failed = pod({
    spec: { restartPolicy: 'Never' },
    status: {
      phase: 'Failed',
      containerStatuses: [cs({ state: { terminated: { reason: 'Error', exitCode: 1 } } })],
    },
  });
  assert.equal(rollupWorkload([named('a', done)], { kind: 'Job', desired: null }).health, 'healthy');
  assert.equal(
    rollupWorkload([named('a', failed), named('b', done)], { kind: 'Job', desired: null }).health,
    'degraded',
  );
  assert.equal(rollupWorkload([named('a', failed)], { kind: 'Job', desired: null }).health, 'failing');
  const r = rollupWorkload([named('a', failed)], {
    kind: 'Job',
    desired: null,
    failedMessage: 'Job has reached the specified backoff limit',
  });
  assert.equal(r.summary, 'Job failed: Job has reached the specified backoff limit');
});
