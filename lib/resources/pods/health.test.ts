import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { V1Pod } from '@kubernetes/client-node';
import { type ClassifyOptions, classifyPod, type PodHealth, type PodState, type Severity } from './health';
import { ago, cond, crashLoop, cs, imagePull, NOW, notReadyConds, pendingWith, pod } from './health-fixtures';
import { printPod } from './status';

interface Case {
  name: string;
  pod: V1Pod;
  opts?: Partial<ClassifyOptions>;
  state: PodState;
  severity: Severity;
  summary: RegExp;
  evidence?: Record<string, string>;
}

const cases: Case[] = [
  { name: 'ready', pod: pod(), state: 'Ready', severity: 'ok', summary: /^Running and ready\.$/ },
  {
    name: 'node lost while being deleted: Unknown, as kubectl prints it',
    pod: pod({
      metadata: { name: 'web-2', deletionTimestamp: ago(30) },
      status: {
        phase: 'Running',
        reason: 'NodeLost',
        message: 'Node kwok-node-0 which was running pod web-2 is unresponsive',
      },
    }),
    state: 'Unknown',
    severity: 'error',
    summary: /^Node kwok-node-0 was lost \(NodeLost\): the pod is being deleted/,
    evidence: { 'status.reason': 'NodeLost' },
  },
  {
    name: 'a finished pod held by a finalizer is still Completed (kubectl does not say Terminating)',
    pod: pod({
      metadata: {
        name: 'job-1',
        deletionTimestamp: ago(900),
        finalizers: ['batch.kubernetes.io/job-tracking'],
      },
      status: {
        phase: 'Succeeded',
        conditions: [],
        containerStatuses: [
          cs({ ready: false, state: { terminated: { exitCode: 0, reason: 'Completed' } } }),
        ],
      },
    }),
    state: 'Succeeded',
    severity: 'neutral',
    summary:
      /^Completed successfully; its deletion waits for finalizers batch\.kubernetes\.io\/job-tracking\.$/,
    evidence: { 'metadata.finalizers': 'batch.kubernetes.io/job-tracking' },
  },
  {
    name: 'a failed pod being deleted keeps its failure',
    pod: pod({
      metadata: { name: 'job-2', deletionTimestamp: ago(10) },
      status: {
        phase: 'Failed',
        conditions: [],
        containerStatuses: [cs({ ready: false, state: { terminated: { exitCode: 1, reason: 'Error' } } })],
      },
    }),
    state: 'Failed',
    severity: 'error',
    summary: /^Failed: container app exited with Error \(exit code 1\); it is being deleted\.$/,
  },
  {
    name: 'starting: ContainerCreating',
    pod: pendingWith({ reason: 'ContainerCreating' }),
    state: 'Starting',
    severity: 'neutral',
    summary: /^Creating containers on node kwok-node-0 \(ContainerCreating\)\.$/,
    evidence: { 'status.containerStatuses[app].state.waiting.reason': 'ContainerCreating' },
  },
  {
    name: 'starting for too long: ContainerCreating for 12 minutes (a volume that never mounts)',
    pod: pendingWith({ reason: 'ContainerCreating' }, 720),
    state: 'Starting',
    severity: 'warning',
    summary: /^Still starting after 12m: creating containers/,
  },
  {
    name: 'starting: init container running',
    pod: pod({
      spec: { initContainers: [{ name: 'migrate', image: 'shop/migrate:3' }] },
      status: {
        phase: 'Pending',
        conditions: [
          cond('Initialized', 'False', { reason: 'ContainersNotInitialized' }),
          cond('PodScheduled', 'True', { lastTransitionTime: ago(15) }),
        ],
        initContainerStatuses: [
          cs({
            name: 'migrate',
            image: 'shop/migrate:3',
            ready: false,
            state: { running: { startedAt: ago(10) } },
          }),
        ],
        containerStatuses: [
          cs({ ready: false, started: false, state: { waiting: { reason: 'PodInitializing' } } }),
        ],
      },
    }),
    state: 'Starting',
    severity: 'neutral',
    summary: /^Running init container migrate \(1 of 1\)\.$/,
    evidence: { 'status.initContainerStatuses[migrate].state': 'running' },
  },
  {
    name: 'starting: running, not ready yet, within the readiness grace',
    pod: pod({
      status: {
        conditions: notReadyConds,
        containerStatuses: [cs({ ready: false, state: { running: { startedAt: ago(8) } } })],
      },
    }),
    state: 'Starting',
    severity: 'neutral',
    summary: /waiting for container app to become ready/,
  },
  {
    name: 'pending and unschedulable, with the scheduler message',
    pod: pod({
      spec: { nodeName: undefined },
      status: {
        phase: 'Pending',
        conditions: [
          cond('PodScheduled', 'False', {
            reason: 'Unschedulable',
            message:
              '0/3 nodes are available: 3 Insufficient cpu. preemption: 0/3 nodes are available: 3 No preemption victims found for incoming pod.',
          }),
        ],
        containerStatuses: undefined,
      },
    }),
    state: 'Unschedulable',
    severity: 'error',
    summary: /^Cannot be scheduled: 0\/3 nodes are available: 3 Insufficient cpu\./,
    evidence: { 'status.conditions[PodScheduled].reason': 'Unschedulable' },
  },
  {
    name: 'image pull: ErrImagePull',
    pod: imagePull(
      'ErrImagePull',
      'rpc error: code = NotFound desc = failed to pull and unpack image "registry.example/shop/web:1.4.3": not found',
    ),
    state: 'ImagePullFailed',
    severity: 'error',
    summary:
      /^Cannot pull image "registry\.example\/shop\/web:1\.4\.2" for container app \(ErrImagePull\)\.$/,
    evidence: { 'status.containerStatuses[app].state.waiting.reason': 'ErrImagePull' },
  },
  {
    name: 'image pull: ImagePullBackOff',
    pod: imagePull('ImagePullBackOff', 'Back-off pulling image "registry.example/shop/web:1.4.2"'),
    state: 'ImagePullFailed',
    severity: 'error',
    summary: /\(ImagePullBackOff\)/,
    evidence: {
      'status.containerStatuses[app].state.waiting.message':
        'Back-off pulling image "registry.example/shop/web:1.4.2"',
    },
  },
  {
    name: 'image pull: InvalidImageName',
    pod: imagePull(
      'InvalidImageName',
      'Failed to apply default image tag "Web:Latest": couldn\'t parse image name',
    ),
    state: 'ImagePullFailed',
    severity: 'error',
    summary: /\(InvalidImageName\)/,
  },
  {
    name: 'CrashLoopBackOff with the last exit reason and code',
    pod: crashLoop('Error', 1),
    state: 'CrashLoop',
    severity: 'error',
    summary: /^Container app is crash-looping \(7 restarts\): last exited with Error \(exit code 1\)\.$/,
    evidence: {
      'status.containerStatuses[app].state.waiting.reason': 'CrashLoopBackOff',
      'status.containerStatuses[app].lastState.terminated.reason': 'Error',
      'status.containerStatuses[app].lastState.terminated.exitCode': '1',
      'status.containerStatuses[app].restartCount': '7',
    },
  },
  {
    name: 'CrashLoopBackOff after OOMKilled names the OOM outright',
    pod: crashLoop('OOMKilled', 137),
    state: 'CrashLoop',
    severity: 'error',
    summary: /killed for running out of memory \(OOMKilled, exit code 137\)/,
    evidence: {
      'status.containerStatuses[app].lastState.terminated.reason': 'OOMKilled',
      'status.containerStatuses[app].lastState.terminated.exitCode': '137',
      'status.containerStatuses[app].lastState.terminated.finishedAt': '2026-03-01T11:55:00.000Z',
    },
  },
  {
    name: 'running but not ready: readiness probe failing for minutes',
    pod: pod({
      status: {
        conditions: notReadyConds,
        containerStatuses: [cs({ ready: false, state: { running: { startedAt: ago(300) } } })],
      },
    }),
    state: 'NotReady',
    severity: 'warning',
    summary: /^Running but not ready: container app fails its readiness probe\.$/,
    evidence: { 'status.containerStatuses[app].ready': 'false', 'status.conditions[Ready].status': 'False' },
  },
  {
    name: 'terminating within the grace period',
    pod: pod({
      metadata: { name: 'web-1', deletionTimestamp: new Date(NOW + 20_000), deletionGracePeriodSeconds: 30 },
    }),
    state: 'Terminating',
    severity: 'neutral',
    summary: /^Shutting down; grace period ends in 20s\.$/,
  },
  {
    name: 'stuck terminating: past the grace period plus margin, a finalizer holds it',
    pod: pod({
      metadata: {
        name: 'web-1',
        deletionTimestamp: ago(900),
        deletionGracePeriodSeconds: 30,
        finalizers: ['example.com/drain-connections'],
      },
    }),
    state: 'StuckTerminating',
    severity: 'warning',
    summary:
      /^Stuck terminating: deletion was due 15m ago, waiting for finalizers example\.com\/drain-connections\.$/,
    evidence: { 'metadata.finalizers': 'example.com/drain-connections' },
  },
  {
    name: 'failed: a container exited non-zero with restartPolicy Never',
    pod: pod({
      spec: { restartPolicy: 'Never' },
      status: {
        phase: 'Failed',
        conditions: notReadyConds,
        containerStatuses: [
          cs({ ready: false, state: { terminated: { reason: 'Error', exitCode: 2, finishedAt: ago(60) } } }),
        ],
      },
    }),
    state: 'Failed',
    severity: 'error',
    summary: /^Failed: container app exited with Error \(exit code 2\)\.$/,
    evidence: { 'status.containerStatuses[app].state.terminated.exitCode': '2' },
  },
  {
    name: 'evicted for node memory pressure',
    pod: pod({
      status: {
        phase: 'Failed',
        reason: 'Evicted',
        message:
          'The node was low on resource: memory. Threshold quantity: 100Mi, available: 91Mi. Container app was using 1200Mi, request is 256Mi.',
        conditions: [cond('DisruptionTarget', 'True', { reason: 'TerminationByKubelet' })],
        containerStatuses: [
          cs({ ready: false, state: { terminated: { reason: 'ContainerStatusUnknown', exitCode: 137 } } }),
        ],
      },
    }),
    state: 'Evicted',
    severity: 'warning',
    summary: /^Evicted: The node was low on resource: memory\./,
    evidence: { 'status.reason': 'Evicted' },
  },
  {
    name: 'succeeded (a Job pod)',
    pod: pod({
      spec: { restartPolicy: 'OnFailure' },
      status: {
        phase: 'Succeeded',
        conditions: [cond('Ready', 'False', { reason: 'PodCompleted' })],
        containerStatuses: [
          cs({ ready: false, state: { terminated: { reason: 'Completed', exitCode: 0 } } }),
        ],
      },
    }),
    state: 'Succeeded',
    severity: 'neutral',
    summary: /^Completed successfully\.$/,
  },
  {
    name: 'unknown: phase Unknown',
    pod: pod({ status: { phase: 'Unknown', containerStatuses: [cs()] } }),
    state: 'Unknown',
    severity: 'error',
    summary: /^Node kwok-node-0 is not responding/,
  },
  {
    name: 'unknown: the node stopped reporting (node lost)',
    pod: pod(),
    opts: { nodeReady: 'Unknown' },
    state: 'Unknown',
    severity: 'error',
    summary: /^Node kwok-node-0 is not responding/,
    evidence: { 'node kwok-node-0 conditions[Ready].status': 'Unknown' },
  },
  {
    name: 'tricky: an init container crash-looping blocks the pod in Pending',
    pod: pod({
      spec: { initContainers: [{ name: 'migrate', image: 'shop/migrate:3' }] },
      status: {
        phase: 'Pending',
        conditions: [
          cond('Initialized', 'False', { reason: 'ContainersNotInitialized' }),
          cond('PodScheduled', 'True'),
        ],
        initContainerStatuses: [
          cs({
            name: 'migrate',
            image: 'shop/migrate:3',
            ready: false,
            restartCount: 4,
            state: {
              waiting: {
                reason: 'CrashLoopBackOff',
                message: 'back-off 1m20s restarting failed container=migrate',
              },
            },
            lastState: { terminated: { reason: 'Error', exitCode: 3, finishedAt: ago(40) } },
          }),
        ],
        containerStatuses: [
          cs({ ready: false, started: false, state: { waiting: { reason: 'PodInitializing' } } }),
        ],
      },
    }),
    state: 'CrashLoop',
    severity: 'error',
    summary:
      /^Init container migrate is crash-looping \(4 restarts\): last exited with Error \(exit code 3\)\.$/,
    evidence: { 'status.initContainerStatuses[migrate].state.waiting.reason': 'CrashLoopBackOff' },
  },
  {
    name: 'tricky: an init container that just failed, before back-off (Init:Error)',
    pod: pod({
      spec: { initContainers: [{ name: 'migrate', image: 'shop/migrate:3' }] },
      status: {
        phase: 'Pending',
        conditions: [cond('PodScheduled', 'True')],
        initContainerStatuses: [
          cs({ name: 'migrate', ready: false, state: { terminated: { reason: 'Error', exitCode: 1 } } }),
        ],
        containerStatuses: [
          cs({ ready: false, started: false, state: { waiting: { reason: 'PodInitializing' } } }),
        ],
      },
    }),
    state: 'CrashLoop',
    severity: 'error',
    summary: /^Init container migrate exited with Error \(exit code 1\) and will be restarted\.$/,
  },
  {
    name: 'tricky: a sidecar (restartPolicy Always init container) not ready',
    pod: pod({
      spec: {
        initContainers: [
          {
            name: 'envoy',
            image: 'envoyproxy/envoy:v1.31',
            restartPolicy: 'Always',
            readinessProbe: { tcpSocket: { port: 9901 } },
          },
        ],
      },
      status: {
        conditions: notReadyConds,
        initContainerStatuses: [
          cs({
            name: 'envoy',
            image: 'envoyproxy/envoy:v1.31',
            ready: false,
            state: { running: { startedAt: ago(600) } },
          }),
        ],
        containerStatuses: [cs()],
      },
    }),
    state: 'NotReady',
    severity: 'warning',
    summary: /^Running but not ready: sidecar envoy fails its readiness probe\.$/,
    evidence: { 'status.initContainerStatuses[envoy].ready': 'false' },
  },
  {
    name: 'tricky: OOMKilled once, Running and Ready again: healthy, last state shown',
    pod: pod({
      status: {
        containerStatuses: [
          cs({
            restartCount: 1,
            state: { running: { startedAt: ago(240) } },
            lastState: { terminated: { reason: 'OOMKilled', exitCode: 137, finishedAt: ago(245) } },
          }),
        ],
      },
    }),
    state: 'Ready',
    severity: 'ok',
    summary:
      /^Running and ready; container app restarted 1 time, last killed for running out of memory \(OOMKilled, exit code 137\) 4m ago\.$/,
    evidence: { 'status.containerStatuses[app].lastState.terminated.reason': 'OOMKilled' },
  },
  {
    name: 'a missing Secret: CreateContainerConfigError',
    pod: pendingWith({ reason: 'CreateContainerConfigError', message: 'secret "shop-db" not found' }),
    state: 'ContainerError',
    severity: 'error',
    summary: /^Container app cannot start \(CreateContainerConfigError\): secret "shop-db" not found$/,
  },
  {
    name: 'a readiness gate not satisfied',
    pod: pod({
      spec: { readinessGates: [{ conditionType: 'target-health.elbv2.k8s.aws/web' }] },
      status: {
        conditions: [
          cond('Ready', 'False', { reason: 'ReadinessGatesNotReady' }),
          cond('ContainersReady', 'True'),
        ],
        containerStatuses: [cs()],
      },
    }),
    state: 'NotReady',
    severity: 'warning',
    summary: /readiness gate target-health\.elbv2\.k8s\.aws\/web is not satisfied/,
  },
  {
    name: 'waiting for scheduling gates',
    pod: pod({
      spec: { nodeName: undefined, schedulingGates: [{ name: 'example.com/quota' }] },
      status: {
        phase: 'Pending',
        conditions: [
          cond('PodScheduled', 'False', {
            reason: 'SchedulingGated',
            message: 'Scheduling is blocked due to non-empty scheduling gates',
          }),
        ],
        containerStatuses: undefined,
      },
    }),
    state: 'Starting',
    severity: 'neutral',
    summary: /^Waiting for scheduling gates/,
  },
];

function check(h: PodHealth, c: Case) {
  assert.equal(h.state, c.state, h.summary);
  assert.equal(h.severity, c.severity);
  assert.match(h.summary, c.summary);
  for (const [field, value] of Object.entries(c.evidence ?? {})) {
    assert.deepEqual(
      h.evidence.find((e) => e.field === field),
      { field, value },
      `evidence ${field} in ${JSON.stringify(h.evidence)}`,
    );
  }
  assert.ok(h.evidence.length > 0, 'every diagnosis carries evidence');
  assert.ok(!h.summary.includes('\n'), 'one line');
}

for (const c of cases) {
  test(`classifyPod: ${c.name}`, () => {
    check(classifyPod(c.pod, { now: NOW, ...c.opts }), c);
  });
}

/** Why a diagnosis would contradict kubectl's STATUS, if it does. */
function contradiction(status: string, state: PodState): string | undefined {
  const want = (ok: boolean, why: string) => (ok ? undefined : why);
  if (state === 'Terminating' || state === 'StuckTerminating')
    return want(status === 'Terminating', 'terminating, but kubectl does not say so');
  if (status === 'Terminating') return 'kubectl says Terminating, the diagnosis does not';
  if (state === 'Ready') return want(status === 'Running', 'ready, but not Running');
  if (state === 'Succeeded') return want(status === 'Completed', 'succeeded, but not Completed');
  if (state === 'Failed')
    return want(!['Completed', 'Running'].includes(status), 'failed, but kubectl looks fine');
  if (/CrashLoopBackOff$/.test(status)) return want(state === 'CrashLoop', 'crash loop not diagnosed');
  if (/(ImagePullBackOff|ErrImagePull)$/.test(status))
    return want(state === 'ImagePullFailed', 'image pull not diagnosed');
  if (status === 'SchedulingGated') return want(state === 'Starting', 'gated, but not starting');
  if (status === 'Unknown') return want(state === 'Unknown', 'kubectl says Unknown');
  return undefined;
}

test('the diagnosis adds to kubectl’s STATUS and never contradicts it', () => {
  for (const c of cases) {
    const status = printPod(c.pod).status;
    const h = classifyPod(c.pod, { now: NOW, ...c.opts });
    assert.equal(
      contradiction(status, h.state),
      undefined,
      `${c.name}: STATUS ${status}, diagnosis ${h.state}`,
    );
  }
});

test('classifyPod gives the same answer over JSON (string timestamps, as the browser sees them)', () => {
  for (const c of cases) {
    const json = JSON.parse(JSON.stringify(c.pod)) as V1Pod;
    check(classifyPod(json, { now: NOW, ...c.opts }), c);
  }
});

test('several failing containers: the first one explains, the rest are counted and in evidence', () => {
  const p = crashLoop('Error', 1);
  p.status?.containerStatuses?.push(
    cs({ name: 'worker', ready: false, state: { waiting: { reason: 'ImagePullBackOff' } } }),
  );
  const h = classifyPod(p, { now: NOW });
  assert.equal(h.state, 'CrashLoop');
  assert.match(h.summary, /\(and 1 more container failing\)\.$/);
  assert.ok(h.evidence.some((e) => e.field === 'status.containerStatuses[worker].state.waiting.reason'));
});
