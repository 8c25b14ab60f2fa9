import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { V1Container, V1ContainerStatus, V1Pod, V1PodCondition } from '@kubernetes/client-node';
import { containerFailure, humanDuration, printPod, restartsText } from './status';

/**
 * Table tests written from kubectl's printPod (k8s.io/kubernetes v1.36.3
 * pkg/printers/internalversion/printers.go), one or more rows per branch of it.
 */

const NOW = Date.parse('2026-06-01T12:00:00Z');
const ago = (s: number) => new Date(NOW - s * 1000).toISOString();

type CS = Partial<V1ContainerStatus> & { name: string };
const running = (name: string, ready = true, extra: Partial<V1ContainerStatus> = {}): CS => ({
  name,
  ready,
  started: true,
  restartCount: 0,
  state: { running: { startedAt: new Date(ago(60)) } },
  ...extra,
});
const waiting = (name: string, reason?: string, extra: Partial<V1ContainerStatus> = {}): CS => ({
  name,
  ready: false,
  restartCount: 0,
  state: { waiting: reason ? { reason } : {} },
  ...extra,
});
const terminated = (
  name: string,
  exitCode: number,
  reason?: string,
  extra: Partial<V1ContainerStatus> & { signal?: number } = {},
): CS => {
  const { signal, ...rest } = extra;
  return {
    name,
    ready: false,
    restartCount: 0,
    state: { terminated: { exitCode, ...(reason ? { reason } : {}), ...(signal ? { signal } : {}) } },
    ...rest,
  };
};
const restarted = (count: number, secondsAgo: number): Partial<V1ContainerStatus> => ({
  restartCount: count,
  lastState: { terminated: { exitCode: 1, reason: 'Error', finishedAt: new Date(ago(secondsAgo)) } },
});
const cond = (type: string, status: string, reason?: string): V1PodCondition => ({
  type,
  status,
  ...(reason ? { reason } : {}),
});

interface PodInput {
  phase?: string;
  reason?: string;
  containers?: string[];
  inits?: string[];
  sidecars?: string[];
  statuses?: CS[];
  initStatuses?: CS[];
  conditions?: V1PodCondition[];
  deleting?: boolean;
}

function pod(p: PodInput): V1Pod {
  const inits: V1Container[] = [
    ...(p.inits ?? []).map((name) => ({ name, image: 'init' })),
    ...(p.sidecars ?? []).map((name) => ({ name, image: 'sidecar', restartPolicy: 'Always' })),
  ];
  return {
    metadata: {
      name: 'p',
      creationTimestamp: new Date(ago(600)),
      ...(p.deleting ? { deletionTimestamp: new Date(ago(5)) } : {}),
    },
    spec: {
      containers: (p.containers ?? ['main']).map((name) => ({ name, image: 'app' })),
      ...(inits.length ? { initContainers: inits } : {}),
    },
    status: {
      phase: p.phase ?? 'Running',
      ...(p.reason ? { reason: p.reason } : {}),
      conditions: p.conditions ?? [],
      containerStatuses: (p.statuses ?? []) as V1ContainerStatus[],
      ...(p.initStatuses ? { initContainerStatuses: p.initStatuses as V1ContainerStatus[] } : {}),
    },
  };
}

const initialized = cond('Initialized', 'True');
const readyTrue = cond('Ready', 'True');
const readyFalse = cond('Ready', 'False');

const cases: { name: string; pod: PodInput; ready: string; status: string; restarts: string }[] = [
  // The phase, then status.reason.
  {
    name: 'pending, nothing reported yet',
    pod: { phase: 'Pending' },
    ready: '0/1',
    status: 'Pending',
    restarts: '0',
  },
  {
    name: 'status.reason overrides the phase (Evicted)',
    pod: { phase: 'Failed', reason: 'Evicted' },
    ready: '0/1',
    status: 'Evicted',
    restarts: '0',
  },
  {
    name: 'a scheduling gate: SchedulingGated',
    pod: { phase: 'Pending', conditions: [cond('PodScheduled', 'False', 'SchedulingGated')] },
    ready: '0/1',
    status: 'SchedulingGated',
    restarts: '0',
  },
  {
    name: 'unschedulable stays Pending',
    pod: { phase: 'Pending', conditions: [cond('PodScheduled', 'False', 'Unschedulable')] },
    ready: '0/1',
    status: 'Pending',
    restarts: '0',
  },
  // Main containers.
  {
    name: 'running and ready',
    pod: { statuses: [running('main')], conditions: [initialized, readyTrue] },
    ready: '1/1',
    status: 'Running',
    restarts: '0',
  },
  {
    name: 'running, not ready: READY drops, STATUS stays Running',
    pod: { statuses: [running('main', false)], conditions: [initialized, readyFalse] },
    ready: '0/1',
    status: 'Running',
    restarts: '0',
  },
  {
    name: 'waiting ContainerCreating',
    pod: { phase: 'Pending', statuses: [waiting('main', 'ContainerCreating')], conditions: [initialized] },
    ready: '0/1',
    status: 'ContainerCreating',
    restarts: '0',
  },
  {
    name: 'waiting without a reason keeps the phase',
    pod: { phase: 'Pending', statuses: [waiting('main')], conditions: [initialized] },
    ready: '0/1',
    status: 'Pending',
    restarts: '0',
  },
  {
    name: 'crash loop, with the last restart’s age',
    pod: {
      statuses: [waiting('main', 'CrashLoopBackOff', restarted(3, 14))],
      conditions: [initialized, readyFalse],
    },
    ready: '0/1',
    status: 'CrashLoopBackOff',
    restarts: '3 (14s ago)',
  },
  {
    name: 'restarts without a recorded termination have no age',
    pod: { statuses: [running('main', true, { restartCount: 2 })], conditions: [initialized, readyTrue] },
    ready: '1/1',
    status: 'Running',
    restarts: '2',
  },
  {
    name: 'terminated with a reason: the reason',
    pod: { phase: 'Failed', statuses: [terminated('main', 1, 'Error')], conditions: [initialized] },
    ready: '0/1',
    status: 'Error',
    restarts: '0',
  },
  {
    name: 'terminated by a signal, no reason: Signal:N',
    pod: { phase: 'Failed', statuses: [terminated('main', 137, undefined, { signal: 9 })] },
    ready: '0/1',
    status: 'Signal:9',
    restarts: '0',
  },
  {
    name: 'terminated, no reason, no signal: ExitCode:N',
    pod: { phase: 'Failed', statuses: [terminated('main', 3)] },
    ready: '0/1',
    status: 'ExitCode:3',
    restarts: '0',
  },
  {
    name: 'succeeded: Completed',
    pod: { phase: 'Succeeded', statuses: [terminated('main', 0, 'Completed')], conditions: [initialized] },
    ready: '0/1',
    status: 'Completed',
    restarts: '0',
  },
  {
    name: 'a failed pod whose second container exited 1: the error, not Completed',
    pod: {
      phase: 'Failed',
      containers: ['a', 'b'],
      statuses: [terminated('a', 0, 'Completed'), terminated('b', 1, 'Error')],
      conditions: [initialized],
    },
    ready: '0/2',
    status: 'Error',
    restarts: '0',
  },
  {
    name: 'completed beside running, pod Ready: Running',
    pod: {
      containers: ['a', 'b'],
      statuses: [terminated('a', 0, 'Completed'), running('b')],
      conditions: [initialized, readyTrue],
    },
    ready: '1/2',
    status: 'Running',
    restarts: '0',
  },
  {
    name: 'completed beside running, pod not Ready: NotReady',
    pod: {
      containers: ['a', 'b'],
      statuses: [terminated('a', 0, 'Completed'), running('b')],
      conditions: [initialized, readyFalse],
    },
    ready: '1/2',
    status: 'NotReady',
    restarts: '0',
  },
  {
    name: 'completed beside running-but-unready: Completed stays',
    pod: {
      containers: ['a', 'b'],
      statuses: [terminated('a', 0, 'Completed'), running('b', false)],
      conditions: [initialized, readyFalse],
    },
    ready: '0/2',
    status: 'Completed',
    restarts: '0',
  },
  {
    name: 'the first container decides among several reasons',
    pod: {
      containers: ['a', 'b'],
      statuses: [waiting('a', 'ImagePullBackOff'), waiting('b', 'CrashLoopBackOff', restarted(1, 30))],
      conditions: [initialized],
    },
    ready: '0/2',
    status: 'ImagePullBackOff',
    restarts: '1 (30s ago)',
  },
  // Init containers.
  {
    name: 'first init container running: Init:0/2',
    pod: {
      phase: 'Pending',
      inits: ['a', 'b'],
      initStatuses: [running('a', false), waiting('b', 'PodInitializing')],
      statuses: [waiting('main', 'PodInitializing')],
    },
    ready: '0/1',
    status: 'Init:0/2',
    restarts: '0',
  },
  {
    name: 'first done, second waiting on PodInitializing: Init:1/2',
    pod: {
      phase: 'Pending',
      inits: ['a', 'b'],
      initStatuses: [terminated('a', 0, 'Completed'), waiting('b', 'PodInitializing')],
    },
    ready: '0/1',
    status: 'Init:1/2',
    restarts: '0',
  },
  {
    name: 'init container waiting with a reason: Init:<reason>, its restarts counted',
    pod: {
      phase: 'Pending',
      inits: ['migrate'],
      initStatuses: [waiting('migrate', 'CrashLoopBackOff', restarted(4, 90))],
      statuses: [waiting('main', 'PodInitializing', { restartCount: 0 })],
    },
    ready: '0/1',
    status: 'Init:CrashLoopBackOff',
    restarts: '4 (90s ago)',
  },
  {
    name: 'init container failed with a reason: Init:Error',
    pod: { phase: 'Pending', inits: ['migrate'], initStatuses: [terminated('migrate', 1, 'Error')] },
    ready: '0/1',
    status: 'Init:Error',
    restarts: '0',
  },
  {
    name: 'init container killed by a signal: Init:Signal:9',
    pod: {
      phase: 'Pending',
      inits: ['migrate'],
      initStatuses: [terminated('migrate', 137, undefined, { signal: 9 })],
    },
    ready: '0/1',
    status: 'Init:Signal:9',
    restarts: '0',
  },
  {
    name: 'init container exited non-zero, no reason: Init:ExitCode:2',
    pod: { phase: 'Pending', inits: ['migrate'], initStatuses: [terminated('migrate', 2)] },
    ready: '0/1',
    status: 'Init:ExitCode:2',
    restarts: '0',
  },
  {
    name: 'after initialization, init containers’ restarts no longer count',
    pod: {
      inits: ['migrate'],
      initStatuses: [terminated('migrate', 0, 'Completed', restarted(2, 300))],
      statuses: [running('main', true, restarted(1, 20))],
      conditions: [initialized, readyTrue],
    },
    ready: '1/1',
    status: 'Running',
    restarts: '1 (20s ago)',
  },
  {
    // A running container never sets the reason, so the init container's stays; restarts reset.
    name: 'Initialized True while an init status still fails: Init:Error stays, restarts reset',
    pod: {
      inits: ['migrate'],
      initStatuses: [terminated('migrate', 1, 'Error', restarted(5, 400))],
      statuses: [running('main')],
      conditions: [initialized, readyTrue],
    },
    ready: '1/1',
    status: 'Init:Error',
    restarts: '0',
  },
  // Native sidecars.
  {
    name: 'a healthy pod with a native sidecar: 2/2 Running',
    pod: {
      sidecars: ['proxy'],
      initStatuses: [running('proxy')],
      statuses: [running('main')],
      conditions: [initialized, readyTrue],
    },
    ready: '2/2',
    status: 'Running',
    restarts: '0',
  },
  {
    name: 'a started sidecar that is not ready counts in total, not in ready',
    pod: {
      sidecars: ['proxy'],
      initStatuses: [running('proxy', false)],
      statuses: [running('main')],
      conditions: [initialized, readyFalse],
    },
    ready: '1/2',
    status: 'Running',
    restarts: '0',
  },
  {
    name: 'a sidecar not started yet blocks: Init:0/1',
    pod: {
      phase: 'Pending',
      sidecars: ['proxy'],
      initStatuses: [running('proxy', false, { started: false })],
      statuses: [waiting('main', 'PodInitializing')],
    },
    ready: '0/2',
    status: 'Init:0/1',
    restarts: '0',
  },
  {
    name: 'sidecar restarts keep counting after initialization, the latest age wins',
    pod: {
      inits: ['migrate'],
      sidecars: ['proxy'],
      initStatuses: [
        terminated('migrate', 0, 'Completed', restarted(7, 5)),
        running('proxy', true, restarted(2, 40)),
      ],
      statuses: [running('main', true, restarted(1, 100))],
      conditions: [initialized, readyTrue],
    },
    ready: '2/2',
    status: 'Running',
    restarts: '3 (40s ago)',
  },
  {
    name: 'a crash-looping sidecar before initialization: Init:CrashLoopBackOff, all init restarts',
    pod: {
      phase: 'Pending',
      inits: ['migrate'],
      sidecars: ['proxy'],
      initStatuses: [
        terminated('migrate', 0, 'Completed', restarted(1, 200)),
        waiting('proxy', 'CrashLoopBackOff', { ...restarted(2, 10), started: false }),
      ],
      statuses: [waiting('main', 'PodInitializing')],
    },
    ready: '0/2',
    status: 'Init:CrashLoopBackOff',
    restarts: '3 (10s ago)',
  },
  // Deletion.
  {
    name: 'being deleted: Terminating',
    pod: { deleting: true, statuses: [running('main')], conditions: [initialized, readyTrue] },
    ready: '1/1',
    status: 'Terminating',
    restarts: '0',
  },
  {
    name: 'a finished pod held by a finalizer keeps its status, not Terminating',
    pod: { deleting: true, phase: 'Succeeded', statuses: [terminated('main', 0, 'Completed')] },
    ready: '0/1',
    status: 'Completed',
    restarts: '0',
  },
  {
    name: 'a failed pod being deleted keeps its error',
    pod: { deleting: true, phase: 'Failed', statuses: [terminated('main', 1, 'Error')] },
    ready: '0/1',
    status: 'Error',
    restarts: '0',
  },
  {
    name: 'node lost while deleting: Unknown',
    pod: { deleting: true, reason: 'NodeLost', statuses: [running('main')], conditions: [readyFalse] },
    ready: '1/1',
    status: 'Unknown',
    restarts: '0',
  },
  {
    name: 'phase Unknown',
    pod: { phase: 'Unknown' },
    ready: '0/1',
    status: 'Unknown',
    restarts: '0',
  },
];

for (const c of cases) {
  test(`printPod: ${c.name}`, () => {
    const out = printPod(pod(c.pod));
    assert.deepEqual(
      [out.ready, out.status, restartsText(out.restarts, out.lastRestartAt, NOW)],
      [c.ready, c.status, c.restarts],
    );
  });
}

test('printPod works on JSON off the wire (string timestamps)', () => {
  const wire = JSON.parse(
    JSON.stringify(
      pod({ statuses: [waiting('main', 'CrashLoopBackOff', restarted(3, 75))], conditions: [initialized] }),
    ),
  ) as V1Pod;
  const out = printPod(wire);
  assert.equal(out.lastRestartAt, ago(75));
  assert.equal(restartsText(out.restarts, out.lastRestartAt, NOW), '3 (75s ago)');
});

test('humanDuration is kubectl’s', () => {
  const table: [number, string][] = [
    [-5_000, '<invalid>'],
    [-1_500, '0s'],
    [0, '0s'],
    [119_999, '119s'],
    [120_000, '2m'],
    [185_000, '3m5s'],
    [600_000, '10m'],
    [179 * 60_000, '179m'],
    [3 * 3600_000, '3h'],
    [(2 * 60 + 30) * 60_000 + 3600_000, '3h30m'],
    [8 * 3600_000, '8h'],
    [47 * 3600_000, '47h'],
    [48 * 3600_000, '2d'],
    [(3 * 24 + 4) * 3600_000, '3d4h'],
    [8 * 24 * 3600_000, '8d'],
    [729 * 24 * 3600_000, '729d'],
    [(730 + 10) * 24 * 3600_000, '2y10d'],
    [365 * 2 * 24 * 3600_000, '2y'],
    [365 * 9 * 24 * 3600_000, '9y'],
  ];
  for (const [d, want] of table) assert.equal(humanDuration(d), want, `${d} ms`);
});

test('one list of failing container reasons, by kind', () => {
  assert.equal(containerFailure('ImagePullBackOff'), 'ImagePull');
  assert.equal(containerFailure('CreateContainerConfigError'), 'CannotStart');
  assert.equal(containerFailure('CrashLoopBackOff'), 'CrashLoop');
  assert.equal(containerFailure('OOMKilled'), 'Exited');
  assert.equal(containerFailure('ContainerCreating'), undefined);
  assert.equal(containerFailure('Completed'), undefined);
  assert.equal(containerFailure(undefined), undefined);
});
