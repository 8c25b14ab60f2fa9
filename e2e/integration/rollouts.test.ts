import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { after, before, test } from 'node:test';
import { promisify } from 'node:util';
import type { V1DaemonSet, V1Deployment, V1PodTemplateSpec, V1StatefulSet } from '@kubernetes/client-node';
import { isAppError } from '@/lib/errors';
import { controllerRevisionTemplate } from '@/lib/resources/workloads/rollback-plan';
import { rolloutStatusOf } from '@/lib/resources/workloads/rollout-detail';
import {
  getWorkloadDetail,
  previewRollback,
  rollback,
  type Target,
} from '@/lib/resources/workloads/server/rollouts';
import { normalize } from '@/lib/resources/workloads/template-diff';
import { auditToTempFile } from '../support/audit';
import { ADMIN_CONTEXT, apps, createNamespace, deleteNamespace, deployment, waitFor } from '../support/kube';

// lib/kube/client.ts reads the dashboard's kubeconfig, the one with the test identities.
process.env.KUBECONFIG = process.env.WHEELHOUSE_TEST_KUBECONFIG ?? process.env.KUBECONFIG;
const auditLog = auditToTempFile();
const run = promisify(execFile);

let ns: string;
before(async () => {
  ns = await createNamespace('rollouts');
});
after(async () => {
  await deleteNamespace(ns);
  auditLog.remove();
});

const tolerations = [{ key: 'kwok.x-k8s.io/node', operator: 'Exists', effect: 'NoSchedule' }];
const t = (kind: Target['kind'], name: string): Target => ({
  context: ADMIN_CONTEXT,
  kind,
  namespace: ns,
  name,
});

const audit = () => auditLog.records();

async function read(kind: Target['kind'], name: string) {
  const a = apps();
  if (kind === 'deployments') return a.readNamespacedDeployment({ namespace: ns, name });
  if (kind === 'statefulsets') return a.readNamespacedStatefulSet({ namespace: ns, name });
  return a.readNamespacedDaemonSet({ namespace: ns, name });
}

/** Waits for `kubectl rollout status` "done" (our pure function, checked by its unit tests). */
async function waitComplete(kind: Target['kind'], name: string) {
  return waitFor(`${kind}/${name} rollout to complete`, async () => {
    const obj = await read(kind, name);
    return rolloutStatusOf(kind, obj, []).done ? obj : undefined;
  });
}

async function setImage(kind: Target['kind'], name: string, image: string, cause: string) {
  const current = await read(kind, name);
  const patch = [
    { op: 'replace', path: '/spec/template/spec/containers/0/image', value: image },
    current.metadata?.annotations
      ? { op: 'add', path: '/metadata/annotations/kubernetes.io~1change-cause', value: cause }
      : { op: 'add', path: '/metadata/annotations', value: { 'kubernetes.io/change-cause': cause } },
  ];
  const a = apps();
  const opts = { namespace: ns, name, body: patch };
  if (kind === 'deployments') await a.patchNamespacedDeployment(opts);
  else if (kind === 'statefulsets') await a.patchNamespacedStatefulSet(opts);
  else await a.patchNamespacedDaemonSet(opts);
  await waitComplete(kind, name);
}

/** Three revisions of a Deployment: app:1, app:2, app:3. */
async function threeRevisions(name: string) {
  await apps().createNamespacedDeployment({
    namespace: ns,
    body: deployment(ns, name, { replicas: 2, image: 'app:1' }),
  });
  await waitComplete('deployments', name);
  await setImage('deployments', name, 'app:2', 'release 2');
  await setImage('deployments', name, 'app:3', 'release 3');
}

/** The template with the per-object `app` label blanked, so two twins compare equal. */
function comparable(tpl: V1PodTemplateSpec | undefined) {
  const c = normalize(tpl) as { metadata?: { labels?: Record<string, string> } };
  if (c.metadata?.labels?.app) c.metadata.labels.app = '<name>';
  return c;
}

test('Deployment rollback gives what `kubectl rollout undo --to-revision` gives, plus our change-cause', async () => {
  await Promise.all([threeRevisions('web'), threeRevisions('web-twin')]);
  const before = (await read('deployments', 'web')) as V1Deployment;
  const res = await rollback(t('deployments', 'web'), {
    revision: 1,
    generation: before.metadata!.generation!,
    reason: 'release 3 is broken',
  });
  assert.equal(res.fromRevision, 3);
  assert.equal(res.toRevision, 1);
  await kubectl('rollout', 'undo', 'deployment/web-twin', '--to-revision=1');
  const [ours, theirs] = (await Promise.all([
    waitComplete('deployments', 'web'),
    waitComplete('deployments', 'web-twin'),
  ])) as V1Deployment[];
  // Template and every other spec field as kubectl leaves them.
  assert.deepEqual(comparable(ours!.spec!.template), comparable(theirs!.spec!.template));
  assert.equal(ours!.spec!.template.spec!.containers[0]!.image, 'app:1');
  assert.deepEqual(
    { ...(normalize(ours!.spec) as object), template: null, selector: null },
    { ...(normalize(theirs!.spec) as object), template: null, selector: null },
  );
  // Annotations: kubectl's rule; the new revision number is 4 on both; only change-cause differs.
  const oa = { ...ours!.metadata!.annotations };
  const ta = { ...theirs!.metadata!.annotations };
  assert.equal(oa['deployment.kubernetes.io/revision'], '4');
  assert.equal(ta['deployment.kubernetes.io/revision'], '4');
  // kubectl copies revision 1's annotations, which had no change-cause; we record the command,
  // who and why.
  assert.equal(ta['kubernetes.io/change-cause'], undefined);
  assert.match(
    oa['kubernetes.io/change-cause'] ?? '',
    /^rollout undo deployment\/web --to-revision=1 by .+ via Wheelhouse: release 3 is broken$/,
  );
  delete oa['kubernetes.io/change-cause'];
  delete ta['kubernetes.io/change-cause'];
  assert.deepEqual(oa, ta);
  // The pods rolled to Ready on the restored template, and the page says complete.
  const detail = await waitFor('the rollout view to show revision 4 complete', async () => {
    const d = await getWorkloadDetail(t('deployments', 'web'));
    return d.currentRevision === 4 && d.status.state === 'complete' ? d : undefined;
  });
  assert.equal(detail.status.state, 'complete');
  assert.equal(detail.status.ready, 2);
  assert.equal(detail.currentRevision, 4);
  assert.deepEqual(
    detail.revisions.map((r) => r.revision),
    [4, 3, 2],
  );
  const record = audit().find((r) => r.name === 'web' && r.verb === 'rollback');
  assert.ok(record, 'an audit record');
  assert.equal(record.result, 'success');
  assert.equal(record.fromRevision, '3');
  assert.equal(record.toRevision, '1');
  assert.equal(record.reason, 'release 3 is broken');
  assert.ok(record.user.length > 0);
});

function rejectsWith(p: Promise<unknown>, status: number, code: string, message: RegExp) {
  return assert.rejects(p, (e: unknown) => {
    assert.ok(isAppError(e), String(e));
    assert.equal(e.status, status);
    assert.equal(e.code, code);
    assert.match(e.message, message);
    return true;
  });
}

test('a change between looking and confirming is a 409 and nothing is applied', async () => {
  await threeRevisions('race');
  const plan = await previewRollback(t('deployments', 'race'), 0);
  assert.equal(plan.toRevision, 2);
  // Someone else ships a fix while the dialog is open.
  await setImage('deployments', 'race', 'app:4', 'hotfix');
  const changed = (await read('deployments', 'race')) as V1Deployment;
  await rejectsWith(
    rollback(t('deployments', 'race'), {
      revision: plan.toRevision,
      generation: plan.generation,
      fromRevision: plan.fromRevision,
      toSource: plan.toSource,
    }),
    409,
    'conflict',
    /changed since you looked/,
  );
  const after = (await read('deployments', 'race')) as V1Deployment;
  assert.equal(after.spec!.template.spec!.containers[0]!.image, 'app:4');
  assert.equal(after.metadata!.annotations!['deployment.kubernetes.io/revision'], '4');
  assert.equal(after.metadata!.generation, changed.metadata!.generation);
  const failure = audit().find((r) => r.name === 'race' && r.result === 'failure');
  assert.match(failure?.message ?? '', /changed since you looked/);
  // What the dialog reloads after the 409: the diff from the new template.
  const again = await previewRollback(t('deployments', 'race'), 0);
  assert.equal(again.fromRevision, 4);
  assert.equal(again.toRevision, 3);
  assert.ok(again.generation > plan.generation);
  const image = again.diff.sections.flatMap((x) => x.changes).find((c) => c.after === 'app:3');
  assert.equal(image?.before, 'app:4');
});

test('a status write by the controller between preview and click is not a conflict', async () => {
  await threeRevisions('busy');
  const plan = await previewRollback(t('deployments', 'busy'), 0);
  // What the deployment controller does every few seconds while pods crash-loop or roll: write
  // the status subresource. It moves the resourceVersion and leaves the spec (generation) alone.
  const seen = (await read('deployments', 'busy')) as V1Deployment;
  const written = await apps().patchNamespacedDeploymentStatus({
    namespace: ns,
    name: 'busy',
    body: [
      {
        op: 'add',
        path: '/status/conditions/-',
        value: { type: 'WheelhouseTest', status: 'True', reason: 'StatusWrite', message: 'a status write' },
      },
    ],
  });
  assert.notEqual(written.metadata!.resourceVersion, seen.metadata!.resourceVersion);
  assert.equal(written.metadata!.generation, plan.generation);
  const res = await rollback(t('deployments', 'busy'), {
    revision: plan.toRevision,
    generation: plan.generation,
    fromRevision: plan.fromRevision,
    toSource: plan.toSource,
  });
  assert.deepEqual([res.fromRevision, res.toRevision], [3, 2]);
  const done = (await waitComplete('deployments', 'busy')) as V1Deployment;
  assert.equal(done.spec!.template.spec!.containers[0]!.image, 'app:2');
  assert.equal(done.metadata!.annotations!['deployment.kubernetes.io/revision'], '4');
});

test('a dialog whose revisions moved underneath is refused, even at the same spec', async () => {
  await threeRevisions('moved');
  const plan = await previewRollback(t('deployments', 'moved'), 0);
  await rejectsWith(
    rollback(t('deployments', 'moved'), {
      revision: plan.toRevision,
      generation: plan.generation,
      fromRevision: plan.fromRevision,
      toSource: `${plan.toSource}-gone`,
    }),
    409,
    'conflict',
    /changed since you looked/,
  );
  const after = (await read('deployments', 'moved')) as V1Deployment;
  assert.equal(after.spec!.template.spec!.containers[0]!.image, 'app:3');
  assert.equal(after.metadata!.generation, plan.generation);
});

test('unknown revision is a 404 listing the existing ones; paused is refused', async () => {
  await threeRevisions('refuse');
  const generation = ((await read('deployments', 'refuse')) as V1Deployment).metadata!.generation!;
  await rejectsWith(
    rollback(t('deployments', 'refuse'), { revision: 42, generation }),
    404,
    'revision_not_found',
    /Revision 42 of "refuse" does not exist\. Existing revisions: 1, 2, 3\./,
  );
  await apps().patchNamespacedDeployment({
    namespace: ns,
    name: 'refuse',
    body: [{ op: 'add', path: '/spec/paused', value: true }],
  });
  const paused = ((await read('deployments', 'refuse')) as V1Deployment).metadata!.generation!;
  await rejectsWith(
    rollback(t('deployments', 'refuse'), { revision: 1, generation: paused }),
    409,
    'paused',
    /paused.*Resume it first/,
  );
  const after = (await read('deployments', 'refuse')) as V1Deployment;
  assert.equal(after.spec!.template.spec!.containers[0]!.image, 'app:3');
});

function kubectl(...args: string[]) {
  const kubeconfig = process.env.WHEELHOUSE_TEST_KUBECONFIG ?? process.env.KUBECONFIG!;
  return run(`${process.env.WHEELHOUSE_BIN}/kubectl`, [
    '--kubeconfig',
    kubeconfig,
    '--context',
    ADMIN_CONTEXT,
    '-n',
    ns,
    ...args,
  ]);
}

async function createControllerRevisionWorkload(kind: 'statefulsets' | 'daemonsets', name: string) {
  const template = {
    metadata: { labels: { app: name } },
    spec: { containers: [{ name: 'main', image: 'agent:1' }], tolerations },
  };
  const selector = { matchLabels: { app: name } };
  if (kind === 'statefulsets') {
    await apps().createNamespacedStatefulSet({
      namespace: ns,
      body: { metadata: { name }, spec: { replicas: 2, serviceName: name, selector, template } },
    });
  } else {
    await apps().createNamespacedDaemonSet({
      namespace: ns,
      body: {
        metadata: { name },
        spec: {
          selector,
          template,
          updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: '100%' } },
        },
      },
    });
    await waitFor('DaemonSet pods scheduled', async () => {
      const d = (await read(kind, name)) as V1DaemonSet;
      return (d.status?.desiredNumberScheduled ?? 0) > 0;
    });
  }
  await waitComplete(kind, name);
  await setImage(kind, name, 'agent:2', 'release 2');
}

/** Ours and a twin rolled back by `kubectl rollout undo` end with the same template and spec. */
async function controllerRevisionRollback(kind: 'statefulsets' | 'daemonsets', name: string) {
  const twin = `${name}-twin`;
  await Promise.all([
    createControllerRevisionWorkload(kind, name),
    createControllerRevisionWorkload(kind, twin),
  ]);
  const before = await read(kind, name);
  const res = await rollback(t(kind, name), {
    revision: 0,
    generation: before.metadata!.generation!,
  });
  assert.equal(res.toRevision, 1);
  await kubectl('rollout', 'undo', `${kind === 'statefulsets' ? 'statefulset' : 'daemonset'}/${twin}`);
  const [obj, other] = (await Promise.all([waitComplete(kind, name), waitComplete(kind, twin)])) as (
    | V1StatefulSet
    | V1DaemonSet
  )[];
  assert.deepEqual(comparable(obj!.spec!.template), comparable(other!.spec!.template));
  assert.deepEqual(
    { ...(normalize(obj!.spec) as object), template: null, selector: null, serviceName: null },
    { ...(normalize(other!.spec) as object), template: null, selector: null, serviceName: null },
  );
  assert.equal(obj!.spec!.template.spec!.containers[0]!.image, 'agent:1');
  // The template is exactly the revision's data, now renumbered as the newest revision.
  const crs = (await apps().listNamespacedControllerRevision({ namespace: ns, labelSelector: `app=${name}` }))
    .items;
  const restored = crs.find((c) => c.revision === 3);
  assert.ok(restored, `revision 1 is renumbered to 3: ${crs.map((c) => c.revision).join(',')}`);
  assert.deepEqual(normalize(obj!.spec!.template), normalize(controllerRevisionTemplate(restored)));
  // kubectl leaves annotations alone here; we add the command, who and why as the change-cause.
  assert.match(
    obj!.metadata!.annotations!['kubernetes.io/change-cause']!,
    new RegExp(`^rollout undo ${kind.replace(/s$/, '')}/${name} --to-revision=1 by `),
  );
  assert.equal(other!.metadata!.annotations!['kubernetes.io/change-cause'], 'release 2');
  const detail = await waitFor('the new revision to be current and complete', async () => {
    const d = await getWorkloadDetail(t(kind, name));
    return d.currentRevision === 3 && d.status.state === 'complete' ? d : undefined;
  });
  assert.deepEqual(
    detail.revisions.map((r) => r.revision),
    [3, 2],
  );
}

test('StatefulSet rollback gives what `kubectl rollout undo` gives, under a new revision number', async () => {
  await controllerRevisionRollback('statefulsets', 'db');
});

test('DaemonSet rollback gives what `kubectl rollout undo` gives, under a new revision number', async () => {
  await controllerRevisionRollback('daemonsets', 'agent');
});
