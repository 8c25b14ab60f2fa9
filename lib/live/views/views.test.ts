import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { KubeObject } from '../../resources/lists/rows/types';
import { cs, NOW, pod } from '../../resources/pods/health-fixtures';
import type { ViewInputs } from '../view-cache';
import type { ErrorInfo } from '../watch-cache';
import { overviewView } from './overview';
import { podView } from './pod';
import { rolloutView } from './rollout';
import { workloadPodsView } from './workload-pods';

/** ViewInputs over plain arrays, keyed like the watch cache ("namespace/name"). */
function inputs(lists: Record<string, KubeObject[] | ErrorInfo>): ViewInputs {
  const at = (slug: string) => lists[slug];
  return {
    list: <T>(slug: string) => {
      const l = at(slug);
      return Array.isArray(l) ? (l as T[]) : undefined;
    },
    get: <T>(slug: string, _ns: string | undefined, key: string) => {
      const l = at(slug);
      if (!Array.isArray(l)) return undefined;
      return l.find((o) => {
        const m = o.metadata ?? {};
        return (m.namespace ? `${m.namespace}/${m.name}` : m.name) === key;
      }) as T | undefined;
    },
    error: (slug) => {
      const l = at(slug);
      return l && !Array.isArray(l) ? l : undefined;
    },
  };
}

const forbidden = (what: string): ErrorInfo => ({
  status: 403,
  code: 'forbidden',
  message: `You may not list ${what}.`,
});

const deployment = {
  metadata: {
    name: 'web',
    namespace: 'shop',
    uid: 'dep1',
    generation: 2,
    annotations: { 'deployment.kubernetes.io/revision': '2' },
  },
  spec: {
    replicas: 1,
    progressDeadlineSeconds: 60,
    selector: { matchLabels: { app: 'web' } },
    template: {
      metadata: { labels: { app: 'web' } },
      spec: { containers: [{ name: 'app', image: 'web:2' }] },
    },
  },
  status: { observedGeneration: 2, replicas: 2, updatedReplicas: 1, readyReplicas: 1, availableReplicas: 1 },
} as KubeObject;

const rs = (rev: string, hash: string, image: string, uid: string, replicas: number) =>
  ({
    metadata: {
      name: `web-${hash}`,
      namespace: 'shop',
      uid,
      labels: { app: 'web', 'pod-template-hash': hash },
      annotations: { 'deployment.kubernetes.io/revision': rev },
      ownerReferences: [
        { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web', uid: 'dep1', controller: true },
      ],
    },
    spec: {
      replicas,
      selector: { matchLabels: { app: 'web', 'pod-template-hash': hash } },
      template: {
        metadata: { labels: { app: 'web', 'pod-template-hash': hash } },
        spec: { containers: [{ name: 'app', image }] },
      },
    },
    status: { replicas },
  }) as KubeObject;

const crashing = pod({
  metadata: {
    name: 'web-new-1',
    namespace: 'shop',
    uid: 'p-new',
    labels: { app: 'web', 'pod-template-hash': 'new' },
    ownerReferences: [
      { apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web-new', uid: 'rs-new', controller: true },
    ],
  },
  status: {
    phase: 'Running',
    containerStatuses: [
      cs({
        ready: false,
        restartCount: 4,
        state: { waiting: { reason: 'CrashLoopBackOff', message: 'back-off 40s' } },
        lastState: { terminated: { exitCode: 1, reason: 'Error', finishedAt: new Date(NOW - 20_000) } },
      }),
    ],
  },
}) as KubeObject;

const healthy = pod({
  metadata: {
    name: 'web-old-1',
    namespace: 'shop',
    uid: 'p-old',
    labels: { app: 'web', 'pod-template-hash': 'old' },
    ownerReferences: [
      { apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web-old', uid: 'rs-old', controller: true },
    ],
  },
}) as KubeObject;

const shop = {
  deployments: [deployment],
  replicasets: [rs('2', 'new', 'web:2', 'rs-new', 1), rs('1', 'old', 'web:1', 'rs-old', 1)],
  pods: [crashing, healthy],
  horizontalpodautoscalers: [
    {
      metadata: { name: 'web', namespace: 'shop' },
      spec: { scaleTargetRef: { kind: 'Deployment', name: 'web' }, minReplicas: 1, maxReplicas: 4 },
      status: { currentReplicas: 1, desiredReplicas: 1 },
    } as KubeObject,
  ],
};

test('the rollout view reads history from cached ReplicaSets and is stuck on crash-looping new pods', () => {
  const m = rolloutView.compute(inputs(shop), { kind: 'deployments', namespace: 'shop', name: 'web' }, NOW);
  assert.equal(m.status.state, 'stuck');
  assert.match(m.status.reason ?? '', /1 new pod is in CrashLoopBackOff/);
  assert.deepEqual(
    m.revisions.map((r) => [r.revision, r.current]),
    [
      [2, true],
      [1, false],
    ],
  );
  assert.equal(m.lastHealthyRevision, 1);
  assert.deepEqual(m.hpa, {
    name: 'web',
    minReplicas: 1,
    maxReplicas: 4,
    currentReplicas: 1,
    desiredReplicas: 1,
  });
  assert.equal('canPatch' in m, false, 'access reviews are not part of the live model');
});

test('the rollout view says a missing workload is not found, and a refused list why', () => {
  assert.throws(
    () => rolloutView.compute(inputs(shop), { kind: 'deployments', namespace: 'shop', name: 'nope' }, NOW),
    (e: { status?: number; message?: string }) =>
      e.status === 404 && /Deployment "nope" was not found/.test(e.message ?? ''),
  );
  const refused = { ...shop, deployments: forbidden('deployments in namespace "shop"') };
  assert.throws(
    () => rolloutView.compute(inputs(refused), { kind: 'deployments', namespace: 'shop', name: 'web' }, NOW),
    (e: { status?: number }) => e.status === 403,
  );
});

test('the workload pods view owns pods through ReplicaSets and diagnoses each', () => {
  const m = workloadPodsView.compute(
    inputs({ ...shop, nodes: forbidden('nodes in this cluster') }),
    { kind: 'deployments', namespace: 'shop', name: 'web' },
    NOW,
  );
  assert.equal(m.detail.row.podCount, 2);
  assert.equal(m.detail.row.health, 'degraded');
  assert.equal(m.detail.selector, 'app=web');
  assert.equal(m.detail.row.pods[0]?.name, 'web-new-1', 'problem pods first');
  assert.equal(m.detail.row.pods[0]?.health.state, 'CrashLoop');
});

test('the pod view follows the owner chain through cached ReplicaSets and keeps only its events', () => {
  const events = [
    {
      metadata: { name: 'e1', namespace: 'shop' },
      involvedObject: { uid: 'p-new', kind: 'Pod', name: 'web-new-1' },
      type: 'Warning',
      reason: 'BackOff',
      message: 'Back-off restarting',
    },
    {
      metadata: { name: 'e2', namespace: 'shop' },
      involvedObject: { uid: 'other', kind: 'Pod', name: 'x' },
      type: 'Normal',
      reason: 'Pulled',
      message: 'x',
    },
  ] as KubeObject[];
  const m = podView.compute(
    inputs({ ...shop, jobs: [], events, persistentvolumeclaims: [], nodes: [] }),
    { namespace: 'shop', name: 'web-new-1' },
    NOW,
  );
  assert.deepEqual(m.detail.owners, [
    { kind: 'ReplicaSet', name: 'web-new' },
    { kind: 'Deployment', name: 'web' },
  ]);
  assert.deepEqual(
    m.detail.events.map((e) => e.reason),
    ['BackOff'],
  );
  assert.equal(m.detail.row.health.state, 'CrashLoop');
});

test('the overview lists what it could not read as gaps and fails only without pods', () => {
  const m = overviewView.compute(
    inputs({
      ...shop,
      statefulsets: [],
      daemonsets: [],
      jobs: [],
      events: [],
      nodes: forbidden('nodes in this cluster'),
    }),
    { namespace: 'shop' },
    NOW,
  );
  assert.deepEqual(m.gaps, ['You may not list nodes in this cluster.']);
  assert.equal(m.nodes, null);
  assert.deepEqual(
    m.workloads.map((w) => [w.name, w.health]),
    [['web', 'degraded']],
  );
  assert.equal(m.problemPods.length, 1);
  assert.throws(
    () =>
      overviewView.compute(
        inputs({ pods: forbidden('pods in namespace "shop"') }),
        { namespace: 'shop' },
        NOW,
      ),
    (e: { status?: number }) => e.status === 403,
  );
});
