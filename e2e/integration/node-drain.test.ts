import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, test } from 'node:test';
import { PolicyV1Api } from '@kubernetes/client-node';
import { isAppError } from '@/lib/errors';
import { configureDrain, cordon, drain } from '@/lib/resources/nodes/server/node-actions';
import {
  adminUsername,
  assertAuditEvent,
  auditEventOf,
  auditToTempFile,
  recordsWith,
  theRecord,
  VIEWER_USER,
} from '../support/audit';
import {
  ADMIN_CONTEXT,
  adminConfig,
  apps,
  core,
  createNamespace,
  deleteNamespace,
  deployment,
  waitFor,
  waitForDeploymentReady,
} from '../support/kube';

// lib/kube/client.ts reads the dashboard's kubeconfig, the one with the test identities.
process.env.KUBECONFIG = process.env.WHEELHOUSE_TEST_KUBECONFIG ?? process.env.KUBECONFIG;
const audit = auditToTempFile();

// A node of this file's own, tainted so that no other test's pods (the seeded DaemonSet's) land on it.
const node = `wh-drain-${randomBytes(3).toString('hex')}`;
const TAINT = { key: 'wheelhouse.dev/drain-test', value: 'true', effect: 'NoSchedule' };
const TOLERATION = { key: TAINT.key, operator: 'Equal', value: 'true', effect: 'NoSchedule' };
let ns: string;
const policy = () => adminConfig().makeApiClient(PolicyV1Api);
const OPTIONS = { ignoreDaemonSets: true, deleteEmptyDirData: false, force: false };

function pinned(name: string, replicas: number) {
  const d = deployment(ns, name, { replicas });
  d.spec!.template.spec!.nodeSelector = { 'kubernetes.io/hostname': node };
  d.spec!.template.spec!.tolerations = [...(d.spec!.template.spec!.tolerations ?? []), TOLERATION];
  return d;
}

const podsOn = async () =>
  (await core().listPodForAllNamespaces({ fieldSelector: `spec.nodeName=${node}` })).items.filter(
    (p) => !p.metadata?.deletionTimestamp,
  );
const names = async () => (await podsOn()).map((p) => p.metadata?.name ?? '').sort();

before(async () => {
  ns = await createNamespace('drain');
  await core().createNode({
    body: {
      metadata: {
        name: node,
        annotations: { 'kwok.x-k8s.io/node': 'fake', 'node.alpha.kubernetes.io/ttl': '0' },
        labels: { 'kubernetes.io/hostname': node, 'kubernetes.io/os': 'linux', type: 'kwok' },
      },
      spec: { taints: [TAINT] },
    },
  });
  await waitFor(`node ${node} Ready`, async () => {
    const n = await core().readNode({ name: node });
    return n.status?.conditions?.find((c) => c.type === 'Ready')?.status === 'True';
  });
  await apps().createNamespacedDeployment({ namespace: ns, body: pinned('free', 2) });
  const agent = pinned('agent', 1);
  await apps().createNamespacedDaemonSet({
    namespace: ns,
    body: {
      metadata: { name: 'agent' },
      spec: { selector: agent.spec!.selector, template: agent.spec!.template },
    },
  });
  await apps().createNamespacedDeployment({ namespace: ns, body: pinned('guarded', 1) });
  await policy().createNamespacedPodDisruptionBudget({
    namespace: ns,
    body: {
      metadata: { name: 'guarded-budget' },
      spec: { maxUnavailable: 0, selector: { matchLabels: { app: 'guarded' } } },
    },
  });
  await Promise.all([waitForDeploymentReady(ns, 'free'), waitForDeploymentReady(ns, 'guarded')]);
  await waitFor('the DaemonSet pod to run', async () => (await names()).some((n) => n.startsWith('agent-')));
  // The disruption controller must have looked at the budget before the drain relies on it.
  await waitFor('the budget to be observed', async () => {
    const b = await policy().readNamespacedPodDisruptionBudget({ namespace: ns, name: 'guarded-budget' });
    return b.status?.observedGeneration === b.metadata?.generation && b.status?.currentHealthy === 1;
  });
});

after(async () => {
  await deleteNamespace(ns);
  await core()
    .deleteNode({ name: node })
    .catch(() => undefined);
  audit.remove();
});

test('a viewer may not cordon: the cluster refuses, nothing changes, and the audit keeps the attempt', async () => {
  await assert.rejects(
    cordon('viewer', node, true, 'viewer tries'),
    (e) => isAppError(e) && e.status === 403,
  );
  assert.notEqual((await core().readNode({ name: node })).spec?.unschedulable, true);
  assert.deepEqual(recordsWith(audit, { user: VIEWER_USER, result: 'success' }), []);
  const r = theRecord(audit, { user: VIEWER_USER, verb: 'cordon', resource: 'nodes', name: node });
  assert.deepEqual(
    [r.result, r.reason, r.namespace, r.message],
    ['failure', 'viewer tries', undefined, `You may not patch nodes "${node}" in this cluster.`],
  );
  assert.equal(await auditEventOf(r), undefined, 'a refused attempt leaves no Event');
});

test('cordon and uncordon are audited with the user, the node and the reason, and an Event on the Node', async () => {
  const user = await adminUsername();
  const started = Date.now();
  assert.deepEqual(await cordon(ADMIN_CONTEXT, node, true, 'disk replacement'), {
    message: `Node "${node}" cordoned.`,
  });
  assert.equal((await core().readNode({ name: node })).spec?.unschedulable, true);
  await cordon(ADMIN_CONTEXT, node, false, 'disk replaced');
  assert.notEqual((await core().readNode({ name: node })).spec?.unschedulable, true);
  for (const [verb, reason, message] of [
    ['cordon', 'disk replacement', `Node "${node}" cordoned.`],
    ['uncordon', 'disk replaced', `Node "${node}" uncordoned.`],
  ] as const) {
    const r = theRecord(audit, { verb, resource: 'nodes', name: node, result: 'success' });
    assert.deepEqual([r.user, r.context, r.reason, r.message], [user, ADMIN_CONTEXT, reason, message]);
    const t = Date.parse(r.time);
    assert.ok(t >= started && t <= Date.now(), `${r.time} is when the test asked for it`);
    await assertAuditEvent(r, { kind: 'Node', name: node });
  }
});

test('a pod with no controller stops the drain as kubectl does, and the node is left cordoned', async () => {
  await core().createNamespacedPod({
    namespace: ns,
    body: {
      metadata: { name: 'bare' },
      spec: { nodeName: node, tolerations: [TOLERATION], containers: [{ name: 'main', image: 'busybox' }] },
    },
  });
  await assert.rejects(
    drain(ADMIN_CONTEXT, node, { options: OPTIONS, timeoutSeconds: 5, reason: 'kernel upgrade' }),
    (e) =>
      isAppError(e) &&
      e.status === 409 &&
      e.message.includes(
        `cannot delete Pods that declare no controller (use --force to override): ${ns}/bare`,
      ),
  );
  assert.equal((await core().readNode({ name: node })).spec?.unschedulable, true);
  assert.equal((await podsOn()).length, 5, 'nothing was evicted');
  const refused = theRecord(audit, { verb: 'drain', resource: 'nodes', name: node, result: 'failure' });
  assert.deepEqual([refused.user, refused.reason], [await adminUsername(), 'kernel upgrade']);
  assert.match(refused.message ?? '', /nothing was evicted: cannot delete Pods that declare no controller/);
  assert.equal(await auditEventOf(refused), undefined);
  await core().deleteNamespacedPod({ namespace: ns, name: 'bare', gracePeriodSeconds: 0 });
  await cordon(ADMIN_CONTEXT, node, false);
  assert.notEqual((await core().readNode({ name: node })).spec?.unschedulable, true);
});

test('drain evicts what the budget allows and reports the blocked pod with the budget name', async () => {
  await waitFor('the bare pod to be gone', async () => (await podsOn()).length === 4);
  configureDrain({ retryDelayMs: 1_000 });
  const started = Date.now();
  const r = await drain(ADMIN_CONTEXT, node, {
    options: OPTIONS,
    timeoutSeconds: 4,
    reason: 'kernel upgrade, again',
  });
  // 4 s of retries, plus the cordon, the listing and one last request on a busy test machine.
  assert.ok(Date.now() - started < 20_000, 'the timeout bounds the retries');
  assert.equal((await core().readNode({ name: node })).spec?.unschedulable, true);
  const byApp = (app: string) => r.pods.filter((p) => p.name.startsWith(`${app}-`));
  assert.equal(r.pods.length, 3, 'the DaemonSet pod is not evicted (--ignore-daemonsets)');
  assert.ok(r.warnings.some((w) => w.startsWith(`ignoring DaemonSet-managed Pods: ${ns}/agent-`)));
  assert.deepEqual(
    byApp('free').map((p) => p.outcome),
    ['evicted', 'evicted'],
  );
  const [blocked] = byApp('guarded');
  assert.equal(blocked?.outcome, 'blocked');
  assert.equal(blocked?.budget, 'guarded-budget');
  assert.ok((blocked?.attempts ?? 0) >= 2, `429s are retried (${blocked?.attempts} attempts)`);
  assert.match(blocked?.message ?? '', /guarded-budget/);
  assert.match(r.message, /2 of 3 evicted, 1 blocked \(guarded-budget\)/);
  const drained = theRecord(audit, { verb: 'drain', resource: 'nodes', name: node, result: 'success' });
  assert.deepEqual(
    [drained.user, drained.reason, drained.message],
    [await adminUsername(), 'kernel upgrade, again', r.message],
  );
  await assertAuditEvent(drained, { kind: 'Node', name: node });
  // The evicted pods leave the node; their replacements cannot come back to a cordoned node.
  const left = await waitFor('the evicted pods to leave the node', async () => {
    const n = await names();
    return n.length === 2 ? n : undefined;
  });
  assert.match(left[0] ?? '', /^agent-/);
  assert.match(left[1] ?? '', /^guarded-/);
});
