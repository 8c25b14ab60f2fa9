import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { V1DaemonSet, V1Deployment, V1Pod, V1StatefulSet } from '@kubernetes/client-node';
import {
  daemonSetRolloutStatus,
  deploymentRolloutStatus,
  podProblems,
  type RolloutState,
  statefulSetRolloutStatus,
} from './rollout-status';

function dep(
  spec: { replicas?: number; paused?: boolean; progressDeadlineSeconds?: number },
  status: V1Deployment['status'],
  generation = 2,
): V1Deployment {
  return {
    metadata: { name: 'web', generation },
    spec: { selector: {}, template: {}, ...spec },
    status,
  };
}

const deploymentCases: {
  name: string;
  d: V1Deployment;
  state: RolloutState;
  done: boolean;
  message: RegExp;
  reason?: RegExp;
}[] = [
  {
    name: 'complete',
    d: dep(
      { replicas: 5 },
      { observedGeneration: 2, replicas: 5, updatedReplicas: 5, readyReplicas: 5, availableReplicas: 5 },
    ),
    state: 'complete',
    done: true,
    message: /^5 of 5 updated, 5 available$/,
  },
  {
    name: 'spec not yet observed',
    d: dep({ replicas: 5 }, { observedGeneration: 1, replicas: 5, updatedReplicas: 5, availableReplicas: 5 }),
    state: 'pending',
    done: false,
    message: /observe generation 2/,
  },
  {
    name: 'new replicas still being created',
    d: dep({ replicas: 5 }, { observedGeneration: 2, replicas: 5, updatedReplicas: 3, availableReplicas: 2 }),
    state: 'progressing',
    done: false,
    message: /^3 of 5 updated, 2 available$/,
  },
  {
    name: 'old replicas pending termination',
    d: dep({ replicas: 2 }, { observedGeneration: 2, replicas: 3, updatedReplicas: 2, availableReplicas: 2 }),
    state: 'progressing',
    done: false,
    message: /1 old replica pending termination/,
  },
  {
    name: 'updated but not yet available',
    d: dep({ replicas: 2 }, { observedGeneration: 2, replicas: 2, updatedReplicas: 2, availableReplicas: 1 }),
    state: 'progressing',
    done: false,
    message: /^2 of 2 updated, 1 available$/,
  },
  {
    name: 'progress deadline exceeded',
    d: dep(
      { replicas: 2, progressDeadlineSeconds: 10 },
      {
        observedGeneration: 2,
        replicas: 3,
        updatedReplicas: 1,
        availableReplicas: 2,
        conditions: [
          {
            type: 'Progressing',
            status: 'False',
            reason: 'ProgressDeadlineExceeded',
            message: 'ReplicaSet "web-abc" has timed out progressing.',
          },
        ],
      },
    ),
    state: 'stuck',
    done: false,
    message: /^1 of 2 updated, 2 available$/,
    reason: /progress deadline \(10s\): ReplicaSet "web-abc" has timed out/,
  },
  {
    name: 'paused mid-rollout',
    d: dep(
      { replicas: 4, paused: true },
      { observedGeneration: 2, replicas: 4, updatedReplicas: 1, availableReplicas: 4 },
    ),
    state: 'paused',
    done: false,
    message: /^Paused: 1 of 4 updated/,
  },
  {
    name: 'paused but nothing to do is still complete, as kubectl says',
    d: dep(
      { replicas: 1, paused: true },
      { observedGeneration: 2, replicas: 1, updatedReplicas: 1, availableReplicas: 1 },
    ),
    state: 'complete',
    done: true,
    message: /^1 of 1 updated/,
  },
  {
    name: 'scaled to zero',
    d: dep({ replicas: 0 }, { observedGeneration: 2 }),
    state: 'complete',
    done: true,
    message: /^0 of 0 updated, 0 available$/,
  },
  {
    name: 'replicas defaulted to 1 when absent',
    d: dep({}, { observedGeneration: 2, replicas: 1, updatedReplicas: 0, availableReplicas: 0 }),
    state: 'progressing',
    done: false,
    message: /^0 of 1 updated/,
  },
];

for (const c of deploymentCases) {
  test(`Deployment rollout status: ${c.name}`, () => {
    const s = deploymentRolloutStatus(c.d);
    assert.equal(s.state, c.state);
    assert.equal(s.done, c.done);
    assert.match(s.message, c.message);
    if (c.reason) assert.match(s.reason ?? '', c.reason);
    else assert.equal(s.reason, undefined);
  });
}

test('a progressing Deployment whose new pods crash is stuck, with the reason', () => {
  const d = dep(
    { replicas: 3 },
    { observedGeneration: 2, replicas: 4, updatedReplicas: 2, availableReplicas: 2 },
  );
  const s = deploymentRolloutStatus(d, [
    { pod: 'a', reason: 'CrashLoopBackOff' },
    { pod: 'b', reason: 'CrashLoopBackOff' },
  ]);
  assert.equal(s.state, 'stuck');
  assert.equal(s.reason, '2 new pods are in CrashLoopBackOff.');
  // A finished rollout is not made stuck by a pod problem: that is a health issue, not a rollout one.
  // Past the deadline, the pod problems say why.
  const late = dep(
    { replicas: 2 },
    {
      observedGeneration: 2,
      replicas: 3,
      updatedReplicas: 1,
      availableReplicas: 2,
      conditions: [
        { type: 'Progressing', status: 'False', reason: 'ProgressDeadlineExceeded', message: 'timed out.' },
      ],
    },
  );
  assert.equal(
    deploymentRolloutStatus(late, [{ pod: 'p', reason: 'ImagePullBackOff' }]).reason,
    'Exceeded its progress deadline: timed out. 1 new pod is in ImagePullBackOff.',
  );
  const done = dep(
    { replicas: 1 },
    { observedGeneration: 2, replicas: 1, updatedReplicas: 1, availableReplicas: 1 },
  );
  assert.equal(deploymentRolloutStatus(done, [{ pod: 'x', reason: 'OOMKilled' }]).state, 'complete');
});

function sts(
  replicas: number,
  status: Partial<NonNullable<V1StatefulSet['status']>>,
  strategy: NonNullable<V1StatefulSet['spec']>['updateStrategy'] = {
    type: 'RollingUpdate',
    rollingUpdate: { partition: 0 },
  },
  generation = 3,
): V1StatefulSet {
  return {
    metadata: { name: 'db', generation },
    spec: { replicas, selector: {}, serviceName: 'db', template: {}, updateStrategy: strategy },
    status: { replicas, ...status },
  };
}

const stsCases: { name: string; s: V1StatefulSet; state: RolloutState; done: boolean; message: RegExp }[] = [
  {
    name: 'complete',
    s: sts(3, { observedGeneration: 3, readyReplicas: 3, updatedReplicas: 3 }),
    state: 'complete',
    done: true,
    message: /^3 of 3 updated, 3 ready$/,
  },
  {
    name: 'observedGeneration 0 means not observed',
    s: sts(3, { observedGeneration: 0, readyReplicas: 3, updatedReplicas: 3 }),
    state: 'pending',
    done: false,
    message: /observe generation 3/,
  },
  {
    name: 'waiting for pods to be ready',
    s: sts(3, { observedGeneration: 3, readyReplicas: 1, updatedReplicas: 3 }),
    state: 'progressing',
    done: false,
    message: /^3 of 3 updated, 1 ready$/,
  },
  {
    name: 'rolling update in progress',
    s: sts(3, { observedGeneration: 3, readyReplicas: 3, updatedReplicas: 1 }),
    state: 'progressing',
    done: false,
    message: /^1 of 3 updated, 3 ready$/,
  },
  {
    name: 'partitioned rollout waiting',
    s: sts(
      5,
      { observedGeneration: 3, readyReplicas: 5, updatedReplicas: 1 },
      {
        type: 'RollingUpdate',
        rollingUpdate: { partition: 3 },
      },
    ),
    state: 'progressing',
    done: false,
    message: /^1 of 2 updated \(partition 3\), 5 ready$/,
  },
  {
    name: 'partitioned rollout complete',
    s: sts(
      5,
      { observedGeneration: 3, readyReplicas: 5, updatedReplicas: 2 },
      {
        type: 'RollingUpdate',
        rollingUpdate: { partition: 3 },
      },
    ),
    state: 'complete',
    done: true,
    message: /partition 3: 3 pods stay on the old revision/,
  },
  {
    name: 'no rollingUpdate block: compares current and update revisions',
    s: sts(
      2,
      {
        observedGeneration: 3,
        readyReplicas: 2,
        updatedReplicas: 1,
        currentRevision: 'db-1',
        updateRevision: 'db-2',
      },
      { type: 'RollingUpdate' },
    ),
    state: 'progressing',
    done: false,
    message: /^1 of 2 updated/,
  },
  {
    name: 'OnDelete is not supported by rollout status',
    s: sts(2, { observedGeneration: 3, readyReplicas: 2 }, { type: 'OnDelete' }),
    state: 'unsupported',
    done: true,
    message: /2 of 2 ready/,
  },
];

for (const c of stsCases) {
  test(`StatefulSet rollout status: ${c.name}`, () => {
    const s = statefulSetRolloutStatus(c.s);
    assert.equal(s.state, c.state);
    assert.equal(s.done, c.done);
    assert.match(s.message, c.message);
  });
}

function ds(status: V1DaemonSet['status'], type = 'RollingUpdate', generation = 4): V1DaemonSet {
  return {
    metadata: { name: 'agent', generation },
    spec: { selector: {}, template: {}, updateStrategy: { type } },
    status,
  };
}

const base = { currentNumberScheduled: 3, numberMisscheduled: 0, desiredNumberScheduled: 3, numberReady: 3 };
const dsCases: { name: string; d: V1DaemonSet; state: RolloutState; done: boolean; message: RegExp }[] = [
  {
    name: 'complete',
    d: ds({ ...base, observedGeneration: 4, updatedNumberScheduled: 3, numberAvailable: 3 }),
    state: 'complete',
    done: true,
    message: /^3 of 3 updated, 3 available$/,
  },
  {
    name: 'not observed',
    d: ds({ ...base, observedGeneration: 3, updatedNumberScheduled: 3, numberAvailable: 3 }),
    state: 'pending',
    done: false,
    message: /generation 4/,
  },
  {
    name: 'updatedNumberScheduled behind',
    d: ds({ ...base, observedGeneration: 4, updatedNumberScheduled: 1, numberAvailable: 3 }),
    state: 'progressing',
    done: false,
    message: /^1 of 3 updated, 3 available$/,
  },
  {
    name: 'updated but not available',
    d: ds({ ...base, observedGeneration: 4, updatedNumberScheduled: 3, numberAvailable: 2 }),
    state: 'progressing',
    done: false,
    message: /^3 of 3 updated, 2 available$/,
  },
  {
    name: 'OnDelete',
    d: ds({ ...base, observedGeneration: 4 }, 'OnDelete'),
    state: 'unsupported',
    done: true,
    message: /3 of 3 ready/,
  },
];

for (const c of dsCases) {
  test(`DaemonSet rollout status: ${c.name}`, () => {
    const s = daemonSetRolloutStatus(c.d);
    assert.equal(s.state, c.state);
    assert.equal(s.done, c.done);
    assert.match(s.message, c.message);
  });
}

test('podProblems finds pods that will not recover by waiting', () => {
  const pod = (name: string, cs: NonNullable<V1Pod['status']>['containerStatuses']): V1Pod => ({
    metadata: { name },
    status: { containerStatuses: cs },
  });
  const c = { name: 'main', image: 'x', imageID: '', ready: false };
  const pods = [
    pod('crash', [{ ...c, restartCount: 4, state: { waiting: { reason: 'CrashLoopBackOff' } } }]),
    pod('pull', [{ ...c, restartCount: 0, state: { waiting: { reason: 'ImagePullBackOff' } } }]),
    pod('creating', [{ ...c, restartCount: 0, state: { waiting: { reason: 'ContainerCreating' } } }]),
    pod('oom', [
      {
        ...c,
        restartCount: 1,
        state: { running: {} },
        lastState: { terminated: { reason: 'OOMKilled', exitCode: 137 } },
      },
    ]),
    pod('fine', [{ ...c, ready: true, restartCount: 0, state: { running: {} } }]),
  ];
  assert.deepEqual(podProblems(pods), [
    { pod: 'crash', reason: 'CrashLoopBackOff' },
    { pod: 'pull', reason: 'ImagePullBackOff' },
    { pod: 'oom', reason: 'OOMKilled' },
  ]);
});
