import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { V1Deployment } from '@kubernetes/client-node';
import { isAppError } from '../../errors';
import { describeChange, kubectlRef, pausePatch, restartPatch, scalePatch } from './patches';

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

const test0 = { op: 'test', path: '/metadata/generation', value: 9 };
const cause = { op: 'add', path: '/metadata/annotations/kubernetes.io~1change-cause', value: 'c' };

test('restart sets restartedAt the way kubectl does, whether or not annotations exist', () => {
  const now = new Date('2026-03-04T05:06:07.890Z');
  assert.deepEqual(restartPatch('deployments', d(), 9, now, 'c'), [
    test0,
    {
      op: 'add',
      path: '/spec/template/metadata/annotations',
      value: { 'kubectl.kubernetes.io/restartedAt': '2026-03-04T05:06:07Z' },
    },
    cause,
  ]);
  assert.deepEqual(restartPatch('statefulsets', d(false, { a: 'b' }), 9, now)[1], {
    op: 'add',
    path: '/spec/template/metadata/annotations/kubectl.kubernetes.io~1restartedAt',
    value: '2026-03-04T05:06:07Z',
  });
});

const bad: { name: string; fn: () => unknown; status: number; message: RegExp }[] = [
  {
    name: 'negative replicas',
    fn: () => scalePatch('deployments', 9, -1),
    status: 400,
    message: /0 to 10000/,
  },
  {
    name: 'fractional replicas',
    fn: () => scalePatch('deployments', 9, 1.5),
    status: 400,
    message: /whole/,
  },
  {
    name: 'absurd replicas',
    fn: () => scalePatch('deployments', 9, 10_001),
    status: 400,
    message: /10000/,
  },
  {
    name: 'scale a DaemonSet',
    fn: () => scalePatch('daemonsets', 9, 2),
    status: 400,
    message: /cannot be scaled/,
  },
  {
    name: 'pause a StatefulSet',
    fn: () => pausePatch('statefulsets', d(), 9, true),
    status: 400,
    message: /StatefulSets cannot/,
  },
  {
    name: 'pause a paused Deployment',
    fn: () => pausePatch('deployments', d(true), 9, true),
    status: 409,
    message: /already paused/,
  },
  {
    name: 'restart a paused Deployment, as kubectl rollout restart refuses it',
    fn: () => restartPatch('deployments', d(true), 9, new Date()),
    status: 409,
    message: /^Can't restart paused Deployment "web": resume it first/,
  },
  {
    name: 'resume a running Deployment',
    fn: () => pausePatch('deployments', d(), 9, false),
    status: 409,
    message: /already running/,
  },
];

for (const c of bad) {
  test(`refused: ${c.name}`, () => {
    assert.throws(c.fn, (e: unknown) => isAppError(e) && e.status === c.status && c.message.test(e.message));
  });
}

test('scale, pause and resume are guarded by the generation and leave the change-cause alone', () => {
  // They change no template, so they make no revision: the history must not get their text.
  assert.deepEqual(scalePatch('statefulsets', 9, 0), [
    test0,
    { op: 'add', path: '/spec/replicas', value: 0 },
  ]);
  assert.deepEqual(pausePatch('deployments', d(), 9, true), [
    test0,
    { op: 'add', path: '/spec/paused', value: true },
  ]);
  assert.deepEqual(pausePatch('deployments', d(true), 9, false)[1], {
    op: 'add',
    path: '/spec/paused',
    value: false,
  });
});

test('describeChange is kubectl’s command, then the user and the reason', () => {
  assert.equal(
    describeChange('rollout undo deployment/web --to-revision=2', 'alice', '  bad release '),
    'rollout undo deployment/web --to-revision=2 by alice via Wheelhouse: bad release',
  );
  assert.equal(
    describeChange(`rollout restart ${kubectlRef('statefulsets', 'db')}`, 'bob'),
    'rollout restart statefulset/db by bob via Wheelhouse',
  );
  assert.equal(kubectlRef('daemonsets', 'agent'), 'daemonset/agent');
});
