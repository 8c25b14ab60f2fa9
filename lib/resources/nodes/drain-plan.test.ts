import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { V1Pod, V1PodDisruptionBudget } from '@kubernetes/client-node';
import {
  DAEMONSET_FATAL,
  DAEMONSET_WARNING,
  DEFAULT_DRAIN_OPTIONS,
  type DrainPodFacts,
  drainPlan,
  LOCAL_STORAGE_FATAL,
  podFacts,
  UNMANAGED_FATAL,
} from './drain-plan';

function pod(name: string, extra: Partial<DrainPodFacts> = {}): DrainPodFacts {
  return {
    namespace: 'ns',
    name,
    phase: 'Running',
    controller: 'ReplicaSet/web-1',
    daemonSet: 'no',
    mirror: false,
    localStorage: false,
    deleting: false,
    budgets: [],
    ...extra,
  };
}

test('kubectl drain refuses DaemonSet, emptyDir and unmanaged pods unless told, with its sentences', () => {
  const pods = [
    pod('ds', { controller: 'DaemonSet/agent', daemonSet: 'exists' }),
    pod('local', { localStorage: true }),
    pod('bare', { controller: null }),
    pod('web'),
  ];
  const plan = drainPlan(pods, [], DEFAULT_DRAIN_OPTIONS);
  assert.deepEqual(
    plan.errors.sort(),
    [
      `cannot delete ${DAEMONSET_FATAL}: ns/ds`,
      `cannot delete ${LOCAL_STORAGE_FATAL}: ns/local`,
      `cannot delete ${UNMANAGED_FATAL}: ns/bare`,
    ].sort(),
  );
  const all = drainPlan(pods, [], { ignoreDaemonSets: true, deleteEmptyDirData: true, force: true });
  assert.deepEqual(all.errors, []);
  assert.deepEqual(
    all.pods.map((p) => [p.name, p.action]),
    [
      ['bare', 'evict'],
      ['ds', 'skip'],
      ['local', 'evict'],
      ['web', 'evict'],
    ],
  );
  assert.ok(all.warnings.includes(`${DAEMONSET_WARNING}: ns/ds`));
});

test('mirror pods stay silently; finished pods are evicted whatever they are', () => {
  const plan = drainPlan(
    [
      pod('static', { controller: 'Node/n1', mirror: true }),
      pod('done', { controller: null, phase: 'Succeeded', localStorage: true }),
    ],
    [],
    DEFAULT_DRAIN_OPTIONS,
  );
  assert.deepEqual(plan.errors, []);
  assert.deepEqual(plan.warnings, []);
  assert.deepEqual(
    plan.pods.map((p) => [p.name, p.action]),
    [
      ['done', 'evict'],
      ['static', 'skip'],
    ],
  );
});

test('a budget spends its disruptionsAllowed in order; the rest are blocked by name; pending pods are exempt', () => {
  const plan = drainPlan(
    [
      pod('a', { budgets: ['pdb'] }),
      pod('b', { budgets: ['pdb'] }),
      pod('c', { budgets: ['pdb'], phase: 'Pending' }),
    ],
    [{ namespace: 'ns', name: 'pdb', disruptionsAllowed: 1 }],
    DEFAULT_DRAIN_OPTIONS,
  );
  assert.equal(plan.pods[0]?.blockedBy, null);
  assert.equal(plan.pods[1]?.blockedBy?.budget, 'pdb');
  assert.equal(plan.pods[2]?.blockedBy, null);
  assert.equal(plan.blocked, 1);
});

test('podFacts: controller, missing DaemonSet, emptyDir, and budgets of its namespace (empty selector: all)', () => {
  const p: V1Pod = {
    metadata: {
      namespace: 'ns',
      name: 'x',
      labels: { app: 'web' },
      ownerReferences: [
        { apiVersion: 'apps/v1', kind: 'DaemonSet', name: 'gone', uid: '1', controller: true },
      ],
    },
    spec: { containers: [], volumes: [{ name: 'tmp', emptyDir: {} }] },
    status: { phase: 'Running' },
  };
  const budgets: V1PodDisruptionBudget[] = [
    { metadata: { namespace: 'ns', name: 'web' }, spec: { selector: { matchLabels: { app: 'web' } } } },
    { metadata: { namespace: 'ns', name: 'everything' }, spec: { selector: {} } },
    { metadata: { namespace: 'other', name: 'web' }, spec: { selector: { matchLabels: { app: 'web' } } } },
    { metadata: { namespace: 'ns', name: 'api' }, spec: { selector: { matchLabels: { app: 'api' } } } },
  ];
  const f = podFacts(p, new Set(), budgets);
  assert.equal(f.daemonSet, 'missing');
  assert.equal(f.controller, 'DaemonSet/gone');
  assert.equal(f.localStorage, true);
  assert.deepEqual(f.budgets, ['everything', 'web']);
  const plan = drainPlan([f], [], DEFAULT_DRAIN_OPTIONS);
  assert.deepEqual(plan.errors, ['cannot delete daemonsets.apps "gone" not found: ns/x']);
});
