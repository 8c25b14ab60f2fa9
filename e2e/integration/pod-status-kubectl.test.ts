import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { after, before, test } from 'node:test';
import { promisify } from 'node:util';
import type {
  V1Container,
  V1ContainerStatus,
  V1Pod,
  V1PodCondition,
  V1PodStatus,
} from '@kubernetes/client-node';
import { printPod, restartsText } from '@/lib/resources/pods/status';
import { core, createNamespace, waitFor } from '../support/kube';

/**
 * `kubectl get pods` against our printPod, live, for every pod state we can create: KWOK's
 * simulated states on its fake nodes, and states written through the pods/status subresource,
 * labelled so that no KWOK stage rewrites them (only KWOK's pod-delete acts on them, as a kubelet
 * would: a deleted pod stays, held by our finalizer).
 */

const run = promisify(execFile);
let ns: string;
let node: string;
const FINALIZER = 'wheelhouse.dev/status-test';

before(async () => {
  ns = await createNamespace('pod-status');
  // The written pods sit on one of KWOK's nodes (so no scheduler or pod GC touches them); their
  // label keeps KWOK's stages off them.
  const nodes = (await core().listNode()).items;
  node = nodes.find((n) => n.metadata?.annotations?.['kwok.x-k8s.io/node'] === 'fake')?.metadata?.name ?? '';
  assert.ok(node, 'a KWOK node');
});

after(async () => {
  // Pods held by our finalizer, or waiting for a kubelet that never comes, go by force.
  const pods = (await core().listNamespacedPod({ namespace: ns })).items;
  await Promise.all(
    pods.map(async (p) => {
      const name = p.metadata?.name ?? '';
      if (p.metadata?.finalizers?.length) {
        await core()
          .patchNamespacedPod({ namespace: ns, name, body: [{ op: 'remove', path: '/metadata/finalizers' }] })
          .catch(() => undefined);
      }
      await core()
        .deleteNamespacedPod({ namespace: ns, name, gracePeriodSeconds: 0 })
        .catch(() => undefined);
    }),
  );
  await core()
    .deleteNamespace({ name: ns })
    .catch(() => undefined);
});

const tolerateAll = [{ key: 'kwok.x-k8s.io/node', operator: 'Exists', effect: 'NoSchedule' }];
const sec = (s: number) => new Date(Date.now() - s * 1000);
const cond = (type: string, status: string, reason?: string): V1PodCondition => ({
  type,
  status,
  lastTransitionTime: sec(60),
  ...(reason ? { reason } : {}),
});
const initialized = cond('Initialized', 'True');
const readyTrue = cond('Ready', 'True');
const readyFalse = cond('Ready', 'False', 'ContainersNotReady');

type CS = Omit<V1ContainerStatus, 'image' | 'imageID' | 'restartCount'> & { restartCount?: number };
const base = (name: string) => ({ name, image: 'app:1', imageID: '' });
const running = (name: string, ready = true, extra: Partial<CS> = {}): CS => ({
  name,
  ready,
  started: true,
  state: { running: { startedAt: sec(120) } },
  ...extra,
});
const waiting = (name: string, reason?: string, extra: Partial<CS> = {}): CS => ({
  name,
  ready: false,
  started: false,
  state: { waiting: reason ? { reason, message: `${reason} for test` } : {} },
  ...extra,
});
const terminated = (name: string, exitCode: number, reason?: string, signal?: number): CS => ({
  name,
  ready: false,
  started: false,
  state: {
    terminated: {
      exitCode,
      ...(reason ? { reason } : {}),
      ...(signal ? { signal } : {}),
      startedAt: sec(100),
      finishedAt: sec(90),
    },
  },
});
const restarted = (restartCount: number, secondsAgo: number) => ({
  restartCount,
  lastState: {
    terminated: { exitCode: 1, reason: 'Error', startedAt: sec(secondsAgo + 5), finishedAt: sec(secondsAgo) },
  },
});

interface Written {
  name: string;
  containers?: string[];
  inits?: string[];
  sidecars?: string[];
  restartPolicy?: string;
  phase: string;
  reason?: string;
  conditions?: V1PodCondition[];
  statuses?: CS[];
  initStatuses?: CS[];
  /** Delete it (held by a finalizer) after writing the status. */
  deleteAfter?: boolean;
}

const written: Written[] = [
  { name: 'pending-empty', phase: 'Pending' },
  {
    name: 'running-ready',
    phase: 'Running',
    conditions: [initialized, readyTrue],
    statuses: [running('main')],
  },
  {
    name: 'running-unready',
    phase: 'Running',
    conditions: [initialized, readyFalse],
    statuses: [running('main', false)],
  },
  {
    name: 'container-creating',
    phase: 'Pending',
    conditions: [initialized],
    statuses: [waiting('main', 'ContainerCreating')],
  },
  {
    name: 'crashloop-restarts-age',
    phase: 'Running',
    conditions: [initialized, readyFalse],
    statuses: [waiting('main', 'CrashLoopBackOff', restarted(3, 14))],
  },
  {
    name: 'image-pull-first-of-two',
    containers: ['a', 'b'],
    phase: 'Pending',
    conditions: [initialized],
    statuses: [waiting('a', 'ImagePullBackOff'), waiting('b', 'CrashLoopBackOff', restarted(1, 30))],
  },
  {
    name: 'failed-error',
    restartPolicy: 'Never',
    phase: 'Failed',
    conditions: [initialized, readyFalse],
    statuses: [terminated('main', 1, 'Error')],
  },
  {
    name: 'failed-second-container',
    containers: ['a', 'b'],
    restartPolicy: 'Never',
    phase: 'Failed',
    conditions: [initialized, readyFalse],
    statuses: [terminated('a', 0, 'Completed'), terminated('b', 1, 'Error')],
  },
  {
    name: 'failed-signal',
    restartPolicy: 'Never',
    phase: 'Failed',
    conditions: [initialized],
    statuses: [terminated('main', 143, undefined, 15)],
  },
  {
    name: 'failed-exitcode',
    restartPolicy: 'Never',
    phase: 'Failed',
    conditions: [initialized],
    statuses: [terminated('main', 3)],
  },
  {
    name: 'succeeded',
    restartPolicy: 'Never',
    phase: 'Succeeded',
    conditions: [initialized, cond('Ready', 'False', 'PodCompleted')],
    statuses: [terminated('main', 0, 'Completed')],
  },
  { name: 'evicted', phase: 'Failed', reason: 'Evicted' },
  {
    name: 'completed-beside-ready',
    containers: ['a', 'b'],
    restartPolicy: 'OnFailure',
    phase: 'Running',
    conditions: [initialized, readyTrue],
    statuses: [terminated('a', 0, 'Completed'), running('b')],
  },
  {
    name: 'completed-beside-notready',
    containers: ['a', 'b'],
    restartPolicy: 'OnFailure',
    phase: 'Running',
    conditions: [initialized, readyFalse],
    statuses: [terminated('a', 0, 'Completed'), running('b')],
  },
  {
    name: 'init-running',
    inits: ['i1', 'i2'],
    phase: 'Pending',
    conditions: [cond('Initialized', 'False', 'ContainersNotInitialized')],
    initStatuses: [running('i1', false), waiting('i2', 'PodInitializing')],
    statuses: [waiting('main', 'PodInitializing')],
  },
  {
    name: 'init-second',
    inits: ['i1', 'i2'],
    phase: 'Pending',
    conditions: [cond('Initialized', 'False', 'ContainersNotInitialized')],
    initStatuses: [terminated('i1', 0, 'Completed'), waiting('i2', 'PodInitializing')],
    statuses: [waiting('main', 'PodInitializing')],
  },
  {
    name: 'init-crashloop',
    inits: ['migrate'],
    phase: 'Pending',
    conditions: [cond('Initialized', 'False', 'ContainersNotInitialized')],
    initStatuses: [waiting('migrate', 'CrashLoopBackOff', restarted(4, 75))],
    statuses: [waiting('main', 'PodInitializing')],
  },
  {
    name: 'init-error',
    inits: ['migrate'],
    restartPolicy: 'Never',
    phase: 'Failed',
    conditions: [cond('Initialized', 'False', 'ContainersNotInitialized')],
    initStatuses: [terminated('migrate', 1, 'Error')],
    statuses: [waiting('main', 'PodInitializing')],
  },
  {
    name: 'init-signal',
    inits: ['migrate'],
    phase: 'Pending',
    conditions: [cond('Initialized', 'False', 'ContainersNotInitialized')],
    initStatuses: [terminated('migrate', 137, undefined, 9)],
    statuses: [waiting('main', 'PodInitializing')],
  },
  {
    name: 'init-exitcode',
    inits: ['migrate'],
    phase: 'Pending',
    conditions: [cond('Initialized', 'False', 'ContainersNotInitialized')],
    initStatuses: [terminated('migrate', 2)],
    statuses: [waiting('main', 'PodInitializing')],
  },
  {
    name: 'init-restarts-forgotten',
    inits: ['migrate'],
    phase: 'Running',
    conditions: [initialized, readyTrue],
    initStatuses: [{ ...terminated('migrate', 0, 'Completed'), ...restarted(2, 300) }],
    statuses: [running('main', true, restarted(1, 20))],
  },
  {
    name: 'sidecar-healthy',
    sidecars: ['proxy'],
    phase: 'Running',
    conditions: [initialized, readyTrue],
    initStatuses: [running('proxy')],
    statuses: [running('main')],
  },
  {
    name: 'sidecar-unready',
    sidecars: ['proxy'],
    phase: 'Running',
    conditions: [initialized, readyFalse],
    initStatuses: [running('proxy', false)],
    statuses: [running('main')],
  },
  {
    name: 'sidecar-not-started',
    sidecars: ['proxy'],
    phase: 'Pending',
    conditions: [cond('Initialized', 'False', 'ContainersNotInitialized')],
    initStatuses: [running('proxy', false, { started: false })],
    statuses: [waiting('main', 'PodInitializing')],
  },
  {
    name: 'sidecar-restarts-count',
    inits: ['migrate'],
    sidecars: ['proxy'],
    phase: 'Running',
    conditions: [initialized, readyTrue],
    initStatuses: [
      { ...terminated('migrate', 0, 'Completed'), ...restarted(7, 5) },
      running('proxy', true, restarted(2, 40)),
    ],
    statuses: [running('main', true, restarted(1, 100))],
  },
  {
    name: 'sidecar-crashloop-before-init',
    inits: ['migrate'],
    sidecars: ['proxy'],
    phase: 'Pending',
    conditions: [cond('Initialized', 'False', 'ContainersNotInitialized')],
    initStatuses: [
      { ...terminated('migrate', 0, 'Completed'), ...restarted(1, 200) },
      waiting('proxy', 'CrashLoopBackOff', restarted(2, 10)),
    ],
    statuses: [waiting('main', 'PodInitializing')],
  },
  {
    name: 'terminating',
    phase: 'Running',
    conditions: [initialized, readyTrue],
    statuses: [running('main')],
    deleteAfter: true,
  },
  {
    name: 'finished-held-by-finalizer',
    restartPolicy: 'Never',
    phase: 'Succeeded',
    conditions: [initialized],
    statuses: [terminated('main', 0, 'Completed')],
    deleteAfter: true,
  },
  {
    name: 'failed-held-by-finalizer',
    restartPolicy: 'Never',
    phase: 'Failed',
    conditions: [initialized],
    statuses: [terminated('main', 1, 'Error')],
    deleteAfter: true,
  },
  {
    name: 'node-lost',
    phase: 'Running',
    reason: 'NodeLost',
    conditions: [initialized, readyFalse],
    statuses: [running('main')],
    deleteAfter: true,
  },
  { name: 'phase-unknown', phase: 'Unknown', conditions: [initialized] },
];

function containers(names: string[], restartPolicy?: string): V1Container[] {
  return names.map((name) => ({ name, image: 'app:1', ...(restartPolicy ? { restartPolicy } : {}) }));
}

async function writeState(w: Written): Promise<void> {
  const created = await core().createNamespacedPod({
    namespace: ns,
    body: {
      // KWOK's stages leave pods with a simulate label it has no stage for alone: what we write stays.
      metadata: {
        name: w.name,
        finalizers: [FINALIZER],
        labels: { 'wheelhouse.dev/simulate': 'status-written' },
      },
      spec: {
        nodeName: node,
        tolerations: tolerateAll,
        ...(w.restartPolicy ? { restartPolicy: w.restartPolicy } : {}),
        containers: containers(w.containers ?? ['main']),
        ...(w.inits || w.sidecars
          ? { initContainers: [...containers(w.inits ?? []), ...containers(w.sidecars ?? [], 'Always')] }
          : {}),
      },
    },
  });
  // On top of what the API server set at creation (qosClass is immutable).
  const status: V1PodStatus = {
    ...created.status,
    phase: w.phase,
    ...(w.reason ? { reason: w.reason, message: `${w.reason} for test` } : {}),
    conditions: w.conditions ?? [],
    ...(w.statuses
      ? { containerStatuses: w.statuses.map((s) => ({ ...base(s.name), restartCount: 0, ...s })) }
      : {}),
    ...(w.initStatuses
      ? { initContainerStatuses: w.initStatuses.map((s) => ({ ...base(s.name), restartCount: 0, ...s })) }
      : {}),
  };
  await core().patchNamespacedPodStatus({
    namespace: ns,
    name: w.name,
    body: [{ op: 'add', path: '/status', value: status }],
  });
  if (w.deleteAfter) await core().deleteNamespacedPod({ namespace: ns, name: w.name });
}

/** KWOK's simulated states (e2e/cluster/stages*.yaml) on its fake nodes, and what shows they are there. */
const simulated: {
  name: string;
  label?: string;
  sidecar?: boolean;
  init?: boolean;
  there: (p: V1Pod) => boolean;
}[] = [
  { name: 'kwok-ready', there: (p) => printPod(p).status === 'Running' && printPod(p).ready === '1/1' },
  {
    name: 'kwok-sidecar',
    sidecar: true,
    init: true,
    there: (p) => printPod(p).ready === '2/2' && printPod(p).status === 'Running',
  },
  {
    name: 'kwok-crashloop',
    label: 'crashloop',
    there: (p) => (p.status?.containerStatuses?.[0]?.restartCount ?? 0) > 0,
  },
  {
    name: 'kwok-oomkilled',
    label: 'oomkilled',
    there: (p) => p.status?.containerStatuses?.[0]?.lastState?.terminated?.reason === 'OOMKilled',
  },
  {
    name: 'kwok-unready',
    label: 'unready',
    there: (p) => p.status?.phase === 'Running' && p.status?.containerStatuses?.[0]?.ready === false,
  },
  {
    name: 'kwok-imagepull',
    label: 'imagepull',
    there: (p) => p.status?.containerStatuses?.[0]?.state?.waiting?.reason === 'ImagePullBackOff',
  },
];

async function createSimulated(s: (typeof simulated)[number]): Promise<void> {
  await core().createNamespacedPod({
    namespace: ns,
    body: {
      metadata: { name: s.name, labels: s.label ? { 'wheelhouse.dev/simulate': s.label } : {} },
      spec: {
        nodeSelector: { type: 'kwok' },
        tolerations: tolerateAll,
        containers: containers(['main']),
        ...(s.sidecar || s.init
          ? {
              initContainers: [
                ...(s.init ? containers(['migrate']) : []),
                ...(s.sidecar ? containers(['proxy'], 'Always') : []),
              ],
            }
          : {}),
      },
    },
  });
}

interface KubectlRow {
  ready: string;
  status: string;
  restarts: string;
}

async function kubectlGetPods(): Promise<Map<string, KubectlRow>> {
  const kubeconfig = process.env.WHEELHOUSE_TEST_KUBECONFIG ?? process.env.KUBECONFIG!;
  const { stdout } = await run(`${process.env.WHEELHOUSE_BIN}/kubectl`, [
    '--kubeconfig',
    kubeconfig,
    '--context',
    'admin',
    '-n',
    ns,
    'get',
    'pods',
  ]);
  const [header, ...lines] = stdout.trimEnd().split('\n');
  assert.match(header ?? '', /^NAME\s+READY\s+STATUS\s+RESTARTS\s+AGE$/);
  const out = new Map<string, KubectlRow>();
  for (const line of lines) {
    const m = /^(\S+)\s+(\S+)\s+(\S+)\s+(\d+(?: \([^)]+\))?)\s+\S+$/.exec(line);
    assert.ok(m, `a kubectl row: ${line}`);
    out.set(m[1] as string, { ready: m[2] as string, status: m[3] as string, restarts: m[4] as string });
  }
  return out;
}

/** Every RESTARTS text ours would print at some second between `from` and `to`. */
function restartsWindow(p: V1Pod, from: number, to: number): Set<string> {
  const printed = printPod(p);
  const out = new Set<string>();
  for (let t = from; t <= to + 999; t += 250)
    out.add(restartsText(printed.restarts, printed.lastRestartAt, t));
  return out;
}

test('READY, STATUS and RESTARTS match `kubectl get pods` for every state we can create', async () => {
  await Promise.all([...written.map(writeState), ...simulated.map(createSimulated)]);
  await waitFor(
    'KWOK to put its pods in their simulated states',
    async () => {
      const pods = (await core().listNamespacedPod({ namespace: ns })).items;
      return simulated.every((s) => {
        const p = pods.find((x) => x.metadata?.name === s.name);
        return p && s.there(p);
      });
    },
    { timeoutMs: 90_000 },
  );
  // The SchedulingGated pod, without a node: the scheduler (or the API server) says it is gated.
  await core().createNamespacedPod({
    namespace: ns,
    body: {
      metadata: { name: 'scheduling-gated' },
      spec: { schedulingGates: [{ name: 'wheelhouse.dev/hold' }], containers: containers(['main']) },
    },
  });
  await waitFor('the scheduling gate condition', async () => {
    const p = await core().readNamespacedPod({ namespace: ns, name: 'scheduling-gated' });
    return p.status?.conditions?.some((c) => c.type === 'PodScheduled' && c.reason === 'SchedulingGated');
  });

  const expected = written.length + simulated.length + 1;
  const compared = new Map<string, KubectlRow>();
  // KWOK rewrites its crash-looping pods every few seconds: compare a pod only when the pod we
  // printed is the one kubectl printed (same resourceVersion before and after kubectl ran).
  await waitFor(
    'a consistent snapshot of every pod',
    async () => {
      const from = Date.now();
      const before = (await core().listNamespacedPod({ namespace: ns })).items;
      const theirs = await kubectlGetPods();
      const afterList = (await core().listNamespacedPod({ namespace: ns })).items;
      const to = Date.now();
      for (const p of before) {
        const name = p.metadata?.name ?? '';
        const same = afterList.find((x) => x.metadata?.name === name)?.metadata?.resourceVersion;
        const row = theirs.get(name);
        if (!row || same !== p.metadata?.resourceVersion || compared.has(name)) continue;
        const ours = printPod(p);
        assert.deepEqual(
          { ready: ours.ready, status: ours.status },
          { ready: row.ready, status: row.status },
          `pod ${name}`,
        );
        const window = restartsWindow(p, from, to);
        assert.ok(
          window.has(row.restarts),
          `pod ${name}: kubectl RESTARTS "${row.restarts}", ours ${[...window].join(' | ')}`,
        );
        compared.set(name, row);
      }
      return compared.size === expected;
    },
    { timeoutMs: 60_000 },
  );
  // The states really are the ones meant (the comparison above holds for each of them).
  const statuses = [...compared.values()].map((r) => r.status);
  for (const s of [
    'Running',
    'NotReady',
    'CrashLoopBackOff',
    'ImagePullBackOff',
    'Error',
    'Completed',
    'Evicted',
    'Init:0/2',
    'Init:1/2',
    'Init:CrashLoopBackOff',
    'Init:Error',
    'Init:Signal:9',
    'Init:ExitCode:2',
    'Signal:15',
    'ExitCode:3',
    'Terminating',
    'Unknown',
    'SchedulingGated',
    'ContainerCreating',
  ]) {
    assert.ok(
      statuses.includes(s),
      `a pod shows ${s}: ${[...compared].map(([n, r]) => `${n}=${r.ready} ${r.status} ${r.restarts}`).join(', ')}`,
    );
  }
  assert.equal(compared.get('sidecar-healthy')?.ready, '2/2');
  assert.match(compared.get('crashloop-restarts-age')?.restarts ?? '', /^3 \(\d+s ago\)$/);
  assert.equal(compared.get('finished-held-by-finalizer')?.status, 'Completed');
  console.log(`compared ${compared.size} pod states with kubectl get pods: all match`);
});
