import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { AutoscalingV2Api, type V1Deployment } from '@kubernetes/client-node';
import { isAppError } from '@/lib/errors';
import { deploymentRolloutStatus } from '@/lib/resources/workloads/rollout-status';
import {
  getWorkloadDetail,
  isFailedTest,
  restart,
  rollback,
  scale,
  setPaused,
  type Target,
} from '@/lib/resources/workloads/server/rollouts';
import { patchWorkload } from '@/lib/resources/workloads/server/workloads';
import {
  ADMIN_CONTEXT,
  adminConfig,
  apps,
  createNamespace,
  deleteNamespace,
  deployment,
  waitFor,
  writeDeploymentStatus,
} from '../support/kube';

// lib/kube/client.ts reads the dashboard's kubeconfig, the one with the test identities.
process.env.KUBECONFIG = process.env.WHEELHOUSE_TEST_KUBECONFIG ?? process.env.KUBECONFIG;
process.env.WHEELHOUSE_AUDIT_FILE ??= '/dev/null';

let ns: string;
before(async () => {
  ns = await createNamespace('rollout-actions');
});
after(async () => {
  await deleteNamespace(ns);
});

const t = (name: string, context = ADMIN_CONTEXT): Target => ({
  context,
  kind: 'deployments',
  namespace: ns,
  name,
});
const read = (name: string) => apps().readNamespacedDeployment({ namespace: ns, name });
const generation = async (name: string) => (await read(name)).metadata!.generation!;

async function complete(name: string): Promise<V1Deployment> {
  return waitFor(`${name} rollout to complete`, async () => {
    const d = await read(name);
    return deploymentRolloutStatus(d).done ? d : undefined;
  });
}

async function create(name: string, replicas = 2): Promise<V1Deployment> {
  await apps().createNamespacedDeployment({
    namespace: ns,
    body: deployment(ns, name, { replicas, image: 'app:1' }),
  });
  return complete(name);
}

/** A status-only write, checked to move the resourceVersion and not the generation. */
async function writeStatus(name: string): Promise<void> {
  const before = await read(name);
  const after = await writeDeploymentStatus(ns, name, 'status only');
  assert.notEqual(after.metadata!.resourceVersion, before.metadata!.resourceVersion);
  assert.equal(after.metadata!.generation, before.metadata!.generation);
}

function rejectsWith(p: Promise<unknown>, status: number, message: RegExp) {
  return assert.rejects(p, (e: unknown) => {
    assert.ok(isAppError(e), String(e));
    assert.equal(e.status, status);
    assert.match(e.message, message);
    return true;
  });
}

test('a rollout whose new pods never get ready is flagged stuck and recovered in one step', async () => {
  await create('stuck');
  // Revision 2: pods KWOK keeps unready, and a 10 s deadline.
  await apps().patchNamespacedDeployment({
    namespace: ns,
    name: 'stuck',
    body: [
      { op: 'add', path: '/spec/progressDeadlineSeconds', value: 10 },
      { op: 'replace', path: '/spec/template/spec/containers/0/image', value: 'app:2' },
      { op: 'add', path: '/spec/template/metadata/labels/wheelhouse.dev~1simulate', value: 'unready' },
    ],
  });
  const detail = await waitFor(
    'the rollout to pass its progress deadline',
    async () => {
      const d = await getWorkloadDetail(t('stuck'));
      return d.status.state === 'stuck' ? d : undefined;
    },
    { timeoutMs: 90_000 },
  );
  assert.match(detail.status.reason ?? '', /progress deadline \(10s\)/);
  assert.equal(detail.currentRevision, 2);
  assert.equal(detail.lastHealthyRevision, 1);
  await rollback(t('stuck'), {
    revision: detail.lastHealthyRevision!,
    generation: detail.generation,
  });
  const healed = await waitFor(
    'the rollout to complete again',
    async () => {
      const d = await getWorkloadDetail(t('stuck'));
      return d.status.state === 'complete' && d.status.ready === 2 ? d : undefined;
    },
    { timeoutMs: 90_000 },
  );
  assert.equal(healed.currentRevision, 3);
  assert.equal(healed.lastHealthyRevision, null);
  const d = await read('stuck');
  assert.equal(d.spec!.template.metadata!.labels!['wheelhouse.dev/simulate'], undefined);
  assert.equal(d.spec!.template.spec!.containers[0]!.image, 'app:1');
});

test('new pods in CrashLoopBackOff make a rollout stuck before any deadline', async () => {
  await create('crashy', 1);
  await apps().patchNamespacedDeployment({
    namespace: ns,
    name: 'crashy',
    body: [
      { op: 'add', path: '/spec/template/metadata/labels/wheelhouse.dev~1simulate', value: 'crashloop' },
    ],
  });
  const detail = await waitFor('the crash to be seen', async () => {
    const d = await getWorkloadDetail(t('crashy'));
    return d.status.state === 'stuck' ? d : undefined;
  });
  assert.match(detail.status.reason ?? '', /1 new pod is in CrashLoopBackOff/);
  assert.equal(detail.lastHealthyRevision, 1);
});

test('restart, scale, pause and resume: guarded by the spec, not by status writes', async () => {
  await create('ops');
  // Each action is confirmed against the generation shown, with the controller writing status
  // between the look and the click: that is no conflict.
  let seen = await generation('ops');
  await writeStatus('ops');
  await restart(t('ops'), { generation: seen, reason: 'pick up new config' });
  let d = await complete('ops');
  assert.match(
    d.spec!.template.metadata!.annotations!['kubectl.kubernetes.io/restartedAt']!,
    /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/,
  );
  assert.equal(d.metadata!.annotations!['deployment.kubernetes.io/revision'], '2');
  // A template change: the change-cause is kubectl's command, who and why.
  const restartCause = d.metadata!.annotations!['kubernetes.io/change-cause']!;
  assert.match(restartCause, /^rollout restart deployment\/ops by .+ via Wheelhouse: pick up new config$/);

  const stale = d.metadata!.generation!;
  await writeStatus('ops');
  await scale(t('ops'), { generation: stale, replicas: 3, reason: 'more traffic' });
  d = await complete('ops');
  assert.equal(d.spec!.replicas, 3);
  assert.equal(d.status!.readyReplicas, 3);
  // The spec before the scale is stale now: a real change in between is still a conflict.
  await rejectsWith(scale(t('ops'), { generation: stale, replicas: 0 }), 409, /changed since you looked/);
  assert.equal((await read('ops')).spec!.replicas, 3);

  seen = await generation('ops');
  await writeStatus('ops');
  await setPaused(t('ops'), { generation: seen, paused: true });
  assert.equal((await read('ops')).spec!.paused, true);
  await waitFor('the rollout view to show the pause', async () => (await getWorkloadDetail(t('ops'))).paused);
  seen = await generation('ops');
  await rejectsWith(rollback(t('ops'), { revision: 1, generation: seen }), 409, /Resume it first/);
  // kubectl rollout restart refuses a paused Deployment; so do we, and nothing changes.
  await rejectsWith(
    restart(t('ops'), { generation: seen }),
    409,
    /^Can't restart paused Deployment "ops": resume it first/,
  );
  assert.equal((await read('ops')).metadata!.generation, seen);
  await writeStatus('ops');
  await setPaused(t('ops'), { generation: seen, paused: false });
  d = await read('ops');
  assert.equal(d.spec!.paused ?? false, false);
  // Scale, pause and resume changed no template: the history's text is still the restart's.
  assert.equal(d.metadata!.annotations!['kubernetes.io/change-cause'], restartCause);
  const rs = await apps().listNamespacedReplicaSet({ namespace: ns, labelSelector: 'app=ops' });
  assert.deepEqual(
    rs.items.map((r) => r.metadata!.annotations!['kubernetes.io/change-cause'] ?? null).sort(),
    [null, restartCause].sort(),
  );
});

test('a JSON-patch test on a stale generation is refused by the API server and recognised as a conflict', async () => {
  await create('guard', 1);
  const current = await generation('guard');
  const patch = [
    { op: 'test' as const, path: '/metadata/generation', value: current + 1 },
    { op: 'replace' as const, path: '/spec/replicas', value: 5 },
  ];
  const err = await patchWorkload(
    { context: ADMIN_CONTEXT, kind: 'deployments', namespace: ns, name: 'guard' },
    patch,
  ).then(
    () => undefined,
    (e: unknown) => e,
  );
  assert.ok(err, 'the patch was refused');
  assert.equal((err as { code?: number }).code, 422);
  assert.equal(await isFailedTest(t('guard'), err, patch), true);
  // The same 422 where every test holds is not a conflict (it would be invalid input).
  assert.equal(
    await isFailedTest(t('guard'), err, [{ op: 'test', path: '/metadata/generation', value: current }]),
    false,
  );
  assert.equal((await read('guard')).spec!.replicas, 1);
});

test('the viewer sees actions disabled with the reason, and the cluster refuses them anyway', async () => {
  await create('ro', 1);
  // The page reads the watch cache: the new Deployment shows once its watch event has arrived.
  const detail = await waitFor("ro in the viewer's rollout view", () =>
    getWorkloadDetail(t('ro', 'viewer')).catch(() => undefined),
  );
  assert.equal(detail.canPatch.allowed, false);
  assert.equal(detail.canPatch.reason, `You may not patch deployments in namespace "${ns}".`);
  await rejectsWith(
    scale(t('ro', 'viewer'), { generation: detail.generation, replicas: 2 }),
    403,
    new RegExp(`You may not patch deployments "ro" in namespace "${ns}"`),
  );
  assert.equal((await getWorkloadDetail(t('ro'))).canPatch.allowed, true);
});

test('a HorizontalPodAutoscaler targeting the Deployment is reported for the scale warning', async () => {
  await create('auto', 1);
  await adminConfig()
    .makeApiClient(AutoscalingV2Api)
    .createNamespacedHorizontalPodAutoscaler({
      namespace: ns,
      body: {
        metadata: { name: 'auto' },
        spec: {
          scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'auto' },
          minReplicas: 1,
          maxReplicas: 4,
          metrics: [
            {
              type: 'Resource',
              resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 80 } },
            },
          ],
        },
      },
    });
  // The page reads the watch cache: the autoscaler shows once its watch event has arrived.
  const detail = await waitFor('the HPA in the rollout view', async () => {
    const d = await getWorkloadDetail(t('auto'));
    return d.hpa ? d : undefined;
  });
  assert.equal(detail.hpa?.name, 'auto');
  assert.equal(detail.hpa?.minReplicas, 1);
  assert.equal(detail.hpa?.maxReplicas, 4);
  assert.equal((await getWorkloadDetail(t('ops'))).hpa, null);
});

test('with revisionHistoryLimit 0 the page says rollback is impossible, and why', async () => {
  const body = deployment(ns, 'nohist', { replicas: 1, image: 'app:1' });
  body.spec!.revisionHistoryLimit = 0;
  await apps().createNamespacedDeployment({ namespace: ns, body });
  await complete('nohist');
  await apps().patchNamespacedDeployment({
    namespace: ns,
    name: 'nohist',
    body: [{ op: 'replace', path: '/spec/template/spec/containers/0/image', value: 'app:2' }],
  });
  await complete('nohist');
  const detail = await waitFor('the old ReplicaSet to be cleaned up', async () => {
    const d = await getWorkloadDetail(t('nohist'));
    return d.revisions.length === 1 ? d : undefined;
  });
  assert.deepEqual(detail.rollback, {
    possible: false,
    why: 'Rollback is impossible: revisionHistoryLimit is 0, so Kubernetes keeps no earlier revisions.',
  });
  await rejectsWith(
    rollback(t('nohist'), { revision: 0, generation: detail.generation }),
    409,
    /No earlier revision of "nohist"/,
  );
});
