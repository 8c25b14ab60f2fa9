import assert from 'node:assert/strict';
import { test } from 'node:test';
import type {
  V1ControllerRevision,
  V1DaemonSet,
  V1Deployment,
  V1PodTemplateSpec,
  V1ReplicaSet,
  V1StatefulSet,
} from '@kubernetes/client-node';
import { isAppError } from '../../errors';
import {
  controllerRevisions,
  deploymentRevisions,
  failingTests,
  planControllerRevisionRollback,
  planDeploymentRollback,
  pointer,
  rollbackAvailability,
} from './rollback-plan';

const UID = 'dep-uid';
const owner = (uid = UID) => [
  { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web', uid, controller: true },
];

function template(image: string, hash?: string): V1PodTemplateSpec {
  return {
    metadata: { labels: { app: 'web', ...(hash ? { 'pod-template-hash': hash } : {}) } },
    spec: { containers: [{ name: 'main', image }] },
  };
}

function rs(
  revision: number | undefined,
  image: string,
  extra: Record<string, string> = {},
  uid = UID,
): V1ReplicaSet {
  return {
    metadata: {
      name: `web-${image.replace(/[^a-z0-9]/g, '')}`,
      ownerReferences: owner(uid),
      annotations: {
        ...(revision !== undefined ? { 'deployment.kubernetes.io/revision': String(revision) } : {}),
        'deployment.kubernetes.io/desired-replicas': '3',
        'deployment.kubernetes.io/max-replicas': '4',
        ...extra,
      },
      creationTimestamp: new Date('2026-01-01T00:00:00Z'),
    },
    spec: { selector: {}, template: template(image, `h${revision}`) },
    status: { replicas: revision === 3 ? 3 : 0 },
  };
}

function deployment(image = 'app:3', over: Partial<V1Deployment['spec']> = {}): V1Deployment {
  return {
    metadata: {
      name: 'web',
      namespace: 'shop',
      uid: UID,
      resourceVersion: '1234',
      generation: 6,
      annotations: {
        'deployment.kubernetes.io/revision': '3',
        'kubectl.kubernetes.io/last-applied-configuration': '{"x":1}',
        'kubernetes.io/change-cause': 'deploy v3',
        team: 'payments',
      },
    },
    spec: { selector: {}, template: template(image), ...over },
  };
}

const replicaSets = [
  rs(1, 'app:1', { 'kubernetes.io/change-cause': 'deploy v1', owner: 'alice' }),
  rs(3, 'app:3', { 'kubernetes.io/change-cause': 'deploy v3' }),
  rs(2, 'app:2', { 'kubernetes.io/change-cause': 'deploy v2' }),
  rs(9, 'foreign:9', {}, 'other-uid'),
  rs(undefined, 'norev:0'),
];

test('deploymentRevisions: own ReplicaSets with a revision, newest first, current marked', () => {
  const revs = deploymentRevisions(deployment(), replicaSets);
  assert.deepEqual(
    revs.map((r) => [r.revision, r.current, r.changeCause, r.images, r.replicas]),
    [
      [3, true, 'deploy v3', ['app:3'], 3],
      [2, false, 'deploy v2', ['app:2'], 0],
      [1, false, 'deploy v1', ['app:1'], 0],
    ],
  );
  assert.equal(revs[0]?.createdAt, '2026-01-01T00:00:00.000Z');
});

test('rollback to 0 targets the previous revision and builds kubectl’s patch behind a test', () => {
  const plan = planDeploymentRollback(deployment(), replicaSets, 0, 'undo by alice');
  assert.equal(plan.toRevision, 2);
  assert.equal(plan.fromRevision, 3);
  assert.equal(plan.noop, false);
  assert.equal(plan.generation, 6);
  assert.equal(plan.toSource, 'web-app2');
  // Guarded by the spec and the revision the dialog shows, never by the resourceVersion.
  assert.deepEqual(plan.patch.slice(0, 2), [
    { op: 'test', path: '/metadata/generation', value: 6 },
    { op: 'test', path: '/metadata/annotations/deployment.kubernetes.io~1revision', value: '3' },
  ]);
  // The template without pod-template-hash, exactly as the ReplicaSet holds it.
  assert.deepEqual(plan.patch[2], { op: 'replace', path: '/spec/template', value: template('app:2') });
  assert.deepEqual(plan.patch[3], {
    op: 'replace',
    path: '/metadata/annotations',
    value: {
      // kept from the Deployment (kubectl's skip list)
      'deployment.kubernetes.io/revision': '3',
      'kubectl.kubernetes.io/last-applied-configuration': '{"x":1}',
      // copied from the ReplicaSet, except the skip list; change-cause replaced by ours
      'kubernetes.io/change-cause': 'undo by alice',
    },
  });
  assert.equal(plan.patch.length, 4);
  assert.equal(plan.diff.changeCount, 1);
  assert.equal(plan.diff.sections[0]?.changes[0]?.after, 'app:2');
});

test('without a change-cause the ReplicaSet’s annotations are restored as kubectl does', () => {
  const plan = planDeploymentRollback(deployment(), replicaSets, 1);
  const annotations = plan.patch[3] && 'value' in plan.patch[3] ? plan.patch[3].value : undefined;
  assert.deepEqual(annotations, {
    'deployment.kubernetes.io/revision': '3',
    'kubectl.kubernetes.io/last-applied-configuration': '{"x":1}',
    'kubernetes.io/change-cause': 'deploy v1',
    owner: 'alice',
  });
});

test('rolling back to the template already running is a no-op with no patch', () => {
  const plan = planDeploymentRollback(deployment('app:2'), replicaSets, 2);
  assert.equal(plan.noop, true);
  assert.deepEqual(plan.patch, []);
  assert.equal(plan.diff.equal, true);
});

function rejectsWith(fn: () => unknown, status: number, message: RegExp) {
  assert.throws(fn, (e: unknown) => {
    assert.ok(isAppError(e));
    assert.equal(e.status, status);
    assert.match(e.message, message);
    return true;
  });
}

test('refusals: unknown revision lists the existing ones, paused, no history', () => {
  rejectsWith(
    () => planDeploymentRollback(deployment(), replicaSets, 7),
    404,
    /Revision 7 of "web" does not exist\. Existing revisions: 1, 2, 3\./,
  );
  rejectsWith(
    () => planDeploymentRollback(deployment('app:3', { paused: true }), replicaSets, 0),
    409,
    /paused.*Resume it first/,
  );
  rejectsWith(() => planDeploymentRollback(deployment(), [replicaSets[1]!], 0), 409, /No earlier revision/);
});

test('rollbackAvailability explains why rollback is impossible', () => {
  const one = deploymentRevisions(deployment(), [replicaSets[1]!]);
  assert.deepEqual(rollbackAvailability(one, 0), {
    possible: false,
    why: 'Rollback is impossible: revisionHistoryLimit is 0, so Kubernetes keeps no earlier revisions.',
  });
  assert.match(rollbackAvailability(one, 10).why ?? '', /only revision/);
  assert.match(rollbackAvailability([], undefined).why ?? '', /no rollout history/);
  assert.deepEqual(rollbackAvailability(deploymentRevisions(deployment(), replicaSets), 10), {
    possible: true,
  });
});

test('a Deployment without annotations gets them added, not replaced', () => {
  const d = deployment();
  d.metadata!.annotations = undefined;
  const plan = planDeploymentRollback(d, replicaSets, 2);
  assert.equal(plan.patch[2]?.op, 'add');
});

function cr(
  name: string,
  revision: number,
  image: string,
  annotations: Record<string, string> = {},
): V1ControllerRevision {
  return {
    metadata: {
      name,
      annotations,
      ownerReferences: [
        { apiVersion: 'apps/v1', kind: 'StatefulSet', name: 'db', uid: 'sts', controller: true },
      ],
    },
    revision,
    data: { spec: { template: { ...template(image), $patch: 'replace' } } },
  };
}

const sts: V1StatefulSet = {
  metadata: { name: 'db', namespace: 'shop', uid: 'sts', resourceVersion: '77', generation: 2 },
  spec: { selector: {}, serviceName: 'db', template: template('db:2') },
  status: { replicas: 1, updateRevision: 'db-b', currentRevision: 'db-b' },
};

test('ControllerRevision history and rollback for a StatefulSet', () => {
  const crs = [cr('db-a', 1, 'db:1', { 'kubernetes.io/change-cause': 'first' }), cr('db-b', 2, 'db:2')];
  const revs = controllerRevisions(sts, crs);
  assert.deepEqual(
    revs.map((r) => [r.revision, r.current, r.changeCause]),
    [
      [2, true, null],
      [1, false, 'first'],
    ],
  );
  const plan = planControllerRevisionRollback('statefulsets', sts, crs, 0, 'back to 1');
  assert.equal(plan.toRevision, 1);
  assert.deepEqual(plan.patch, [
    { op: 'test', path: '/metadata/generation', value: 2 },
    { op: 'replace', path: '/spec/template', value: template('db:1') },
    { op: 'add', path: '/metadata/annotations', value: { 'kubernetes.io/change-cause': 'back to 1' } },
  ]);
  assert.equal(planControllerRevisionRollback('statefulsets', sts, crs, 2).noop, true);
});

test('a DaemonSet’s current revision is the one whose template it runs', () => {
  const ds: V1DaemonSet = {
    metadata: { name: 'agent', uid: 'sts', resourceVersion: '5', annotations: { a: 'b' } },
    spec: { selector: {}, template: template('agent:1') },
  };
  const crs = [cr('agent-a', 3, 'agent:1'), cr('agent-b', 2, 'agent:2')];
  assert.deepEqual(
    controllerRevisions(ds, crs).map((r) => [r.revision, r.current]),
    [
      [3, true],
      [2, false],
    ],
  );
  const plan = planControllerRevisionRollback('daemonsets', ds, crs, 0, 'why');
  assert.equal(plan.toRevision, 2);
  assert.deepEqual(plan.patch[2], {
    op: 'add',
    path: '/metadata/annotations/kubernetes.io~1change-cause',
    value: 'why',
  });
});

test('failingTests evaluates a patch’s tests as the API server would', () => {
  const plan = planDeploymentRollback(deployment(), replicaSets, 1);
  const now = deployment();
  // A status write: resourceVersion moves, the spec does not. Not a conflict.
  now.metadata!.resourceVersion = '9999';
  now.status = { observedGeneration: 6, readyReplicas: 1 };
  assert.deepEqual(failingTests(now, plan.patch), []);
  // The spec changed (generation bumped): the guard fails.
  now.metadata!.generation = 7;
  assert.deepEqual(
    failingTests(now, plan.patch).map((op) => op.path),
    ['/metadata/generation'],
  );
  // The controller assigned a new revision in between: the "from" the dialog showed is stale.
  const renumbered = deployment();
  renumbered.metadata!.annotations!['deployment.kubernetes.io/revision'] = '4';
  assert.deepEqual(
    failingTests(renumbered, plan.patch).map((op) => op.path),
    ['/metadata/annotations/deployment.kubernetes.io~1revision'],
  );
});

test('pointer escapes ~ and / as RFC 6901 says', () => {
  assert.equal(pointer('metadata', 'annotations', 'a/b~c'), '/metadata/annotations/a~1b~0c');
});
