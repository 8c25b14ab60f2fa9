import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { V1Deployment } from '@kubernetes/client-node';
import { isAppError } from '../errors';
import { describeChange, pausePatch, restartPatch, scalePatch } from './workload-patches';

const d = (paused = false, templateAnnotations?: Record<string, string>): V1Deployment => ({
  metadata: { name: 'web', annotations: { x: 'y' } },
  spec: {
    paused,
    selector: {},
    template: {
      metadata: { labels: { app: 'web' }, annotations: templateAnnotations },
      spec: { containers: [] },
    },
  },
});

const test0 = { op: 'test', path: '/metadata/resourceVersion', value: '9' };
const cause = { op: 'add', path: '/metadata/annotations/kubernetes.io~1change-cause', value: 'c' };

test('restart sets restartedAt the way kubectl does, whether or not annotations exist', () => {
  const now = new Date('2026-03-04T05:06:07.890Z');
  assert.deepEqual(restartPatch(d(), '9', now, 'c'), [
    test0,
    {
      op: 'add',
      path: '/spec/template/metadata/annotations',
      value: { 'kubectl.kubernetes.io/restartedAt': '2026-03-04T05:06:07Z' },
    },
    cause,
  ]);
  assert.deepEqual(restartPatch(d(false, { a: 'b' }), '9', now)[1], {
    op: 'add',
    path: '/spec/template/metadata/annotations/kubectl.kubernetes.io~1restartedAt',
    value: '2026-03-04T05:06:07Z',
  });
});

const bad: { name: string; fn: () => unknown; status: number; message: RegExp }[] = [
  {
    name: 'negative replicas',
    fn: () => scalePatch('deployments', d(), '9', -1),
    status: 400,
    message: /0 to 10000/,
  },
  {
    name: 'fractional replicas',
    fn: () => scalePatch('deployments', d(), '9', 1.5),
    status: 400,
    message: /whole/,
  },
  {
    name: 'absurd replicas',
    fn: () => scalePatch('deployments', d(), '9', 10_001),
    status: 400,
    message: /10000/,
  },
  {
    name: 'scale a DaemonSet',
    fn: () => scalePatch('daemonsets', d(), '9', 2),
    status: 400,
    message: /cannot be scaled/,
  },
  {
    name: 'pause a StatefulSet',
    fn: () => pausePatch('statefulsets', d(), '9', true),
    status: 400,
    message: /StatefulSets cannot/,
  },
  {
    name: 'pause a paused Deployment',
    fn: () => pausePatch('deployments', d(true), '9', true),
    status: 409,
    message: /already paused/,
  },
  {
    name: 'resume a running Deployment',
    fn: () => pausePatch('deployments', d(), '9', false),
    status: 409,
    message: /already running/,
  },
];

for (const c of bad) {
  test(`refused: ${c.name}`, () => {
    assert.throws(c.fn, (e: unknown) => isAppError(e) && e.status === c.status && c.message.test(e.message));
  });
}

test('scale, pause and resume patches are guarded by the resourceVersion', () => {
  assert.deepEqual(scalePatch('statefulsets', d(), '9', 0, 'c'), [
    test0,
    { op: 'add', path: '/spec/replicas', value: 0 },
    cause,
  ]);
  assert.deepEqual(pausePatch('deployments', d(), '9', true), [
    test0,
    { op: 'add', path: '/spec/paused', value: true },
  ]);
  assert.deepEqual(pausePatch('deployments', d(true), '9', false)[1], {
    op: 'add',
    path: '/spec/paused',
    value: false,
  });
});

test('describeChange names the action, the user and the reason', () => {
  assert.equal(
    describeChange('rollback to revision 2', 'alice', '  bad release '),
    'rollback to revision 2 by alice via Wheelhouse: bad release',
  );
  assert.equal(describeChange('restart', 'bob'), 'restart by bob via Wheelhouse');
});
