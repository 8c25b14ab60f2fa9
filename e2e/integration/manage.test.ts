import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { dump, load } from 'js-yaml';
import { AppError, isAppError } from '@/lib/errors';
import { createBody, parseCappedBody } from '@/lib/resources/manage/params';
import { createFromYaml } from '@/lib/resources/manage/server/create';
import { editObject, getEditSource, type ObjectRef } from '@/lib/resources/manage/server/edit';
import { deleteObject, deletePlan } from '@/lib/resources/manage/server/remove';
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
  apps,
  core,
  createNamespace,
  deleteNamespace,
  deployment,
  waitFor,
  waitForDeploymentReady,
  writeDeploymentStatus,
} from '../support/kube';

// lib/kube/client.ts reads the dashboard's kubeconfig, the one with the test identities.
process.env.KUBECONFIG = process.env.WHEELHOUSE_TEST_KUBECONFIG ?? process.env.KUBECONFIG;
const audit = auditToTempFile();

const VIEWER = 'viewer';
let ns: string;

before(async () => {
  ns = await createNamespace('manage');
  await apps().createNamespacedDeployment({
    namespace: ns,
    body: deployment(ns, 'web', { replicas: 2, image: 'app:1' }),
  });
  await core().createNamespacedConfigMap({
    namespace: ns,
    body: { metadata: { name: 'settings', namespace: ns }, data: { mode: 'a' } },
  });
  await core().createNamespacedSecret({
    namespace: ns,
    body: { metadata: { name: 'creds', namespace: ns }, stringData: { password: 'hunter2', user: 'root' } },
  });
  await waitForDeploymentReady(ns, 'web');
});
after(async () => {
  await deleteNamespace(ns);
  audit.remove();
});

const ref = (slug: string, name: string, context = ADMIN_CONTEXT): ObjectRef => ({
  context,
  slug,
  namespace: ns,
  name,
});

/** The editor's text with one change made to the parsed object, as a person would type it. */
interface Doc {
  spec: {
    replicas?: number;
    template: { spec: { containers: { image?: string; ports?: { containerPort: number }[] }[] } };
  };
  data: Record<string, string>;
}
function edited(yaml: string, change: (o: Doc) => void): string {
  const o = load(yaml) as Doc;
  change(o);
  return dump(o);
}

async function rejects(p: Promise<unknown>, status: number, message: RegExp) {
  await assert.rejects(p, (e: unknown) => {
    assert.ok(isAppError(e), `expected an AppError, got ${String(e)}`);
    assert.equal(e.status, status, e.message);
    assert.match(e.message, message);
    return true;
  });
}

test('dry run: the diff shows the edit and a field the API server defaulted; nothing is stored', async () => {
  const src = await getEditSource(ref('deployments', 'web'));
  const yaml = edited(src.yaml, (o) => {
    const c = o.spec.template.spec.containers[0];
    if (c) {
      c.image = 'app:2';
      c.ports = [{ containerPort: 8080 }];
    }
  });
  const out = await editObject(ref('deployments', 'web'), {
    yaml,
    resourceVersion: src.resourceVersion,
    mode: 'dry-run',
  });
  assert.equal(out.status, 'ok');
  if (out.status !== 'ok') return;
  assert.equal(out.applied, false);
  const image = out.changes.find((c) => c.path === 'spec.template.spec.containers[name=main].image');
  assert.deepEqual(image, {
    path: 'spec.template.spec.containers[name=main].image',
    op: 'changed',
    before: 'app:1',
    after: 'app:2',
  });
  const protocol = out.changes.find(
    (c) => c.path === 'spec.template.spec.containers[name=main].ports[0].protocol',
  );
  assert.deepEqual(protocol, {
    path: 'spec.template.spec.containers[name=main].ports[0].protocol',
    op: 'added',
    after: 'TCP',
    byServer: true,
  });
  assert.ok(
    !out.changes.some(
      (c) => c.path.startsWith('metadata.managedFields') || c.path === 'metadata.resourceVersion',
    ),
  );
  const live = await apps().readNamespacedDeployment({ namespace: ns, name: 'web' });
  assert.equal(live.spec?.template.spec?.containers[0]?.image, 'app:1');
  assert.deepEqual(audit.records(), [], 'a dry run changes nothing, so it is not audited');
});

test('apply at the edited resourceVersion; a concurrent change in between is a 409 with the new diff and nothing applied', async () => {
  const src = await getEditSource(ref('configmaps', 'settings'));
  const yaml = edited(src.yaml, (o) => {
    o.data.mode = 'b';
  });
  // Someone else writes between the dry run and the apply.
  await core().patchNamespacedConfigMap({
    namespace: ns,
    name: 'settings',
    body: [{ op: 'add', path: '/data/other', value: 'x' }],
  });
  const reason = 'switch settings to mode b';
  const started = Date.now();
  const raced = await editObject(ref('configmaps', 'settings'), {
    yaml,
    resourceVersion: src.resourceVersion,
    mode: 'apply',
    reason,
  });
  assert.equal(raced.status, 'conflict');
  if (raced.status !== 'conflict') return;
  assert.match(raced.message, /changed since you opened it.*Nothing was applied/);
  assert.deepEqual(
    raced.changes?.map((c) => [c.path, c.op]),
    [
      ['data.mode', 'changed'],
      ['data.other', 'removed'],
    ],
  );
  const cm = await core().readNamespacedConfigMap({ namespace: ns, name: 'settings' });
  assert.deepEqual(cm.data, { mode: 'a', other: 'x' });
  // Applying again, at the version the conflict showed, is the user's informed choice.
  const ok = await editObject(ref('configmaps', 'settings'), {
    yaml,
    resourceVersion: raced.resourceVersion,
    mode: 'apply',
    reason,
  });
  assert.equal(ok.status, 'ok');
  const stored = await core().readNamespacedConfigMap({ namespace: ns, name: 'settings' });
  assert.deepEqual(stored.data, { mode: 'b' });

  // Both applies are audited: the one the conflict stopped, and the edit with its diff.
  const user = await adminUsername();
  const object = { verb: 'edit', resource: 'configmaps', namespace: ns, name: 'settings' };
  const stopped = theRecord(audit, { ...object, result: 'failure' });
  assert.deepEqual(
    [stopped.user, stopped.reason, stopped.message, stopped.diff],
    [user, reason, 'conflict: the object changed since it was opened; nothing applied', undefined],
  );
  const saved = theRecord(audit, { ...object, result: 'success' });
  assert.deepEqual(
    [saved.user, saved.context, saved.reason, saved.message, saved.diff],
    [
      user,
      ADMIN_CONTEXT,
      reason,
      'ConfigMap "settings" saved: 2 fields changed.',
      '~ data.mode: a → b\n- data.other: x',
    ],
  );
  for (const r of [stopped, saved]) {
    const t = Date.parse(r.time);
    assert.ok(t >= started && t <= Date.now(), `${r.time} is when the test applied it`);
  }
  await assertAuditEvent(saved, {
    kind: 'ConfigMap',
    namespace: ns,
    name: 'settings',
    uid: stored.metadata?.uid ?? '',
  });
  assert.equal(await auditEventOf(stopped), undefined, 'only what the cluster carried out gets an Event');
});

test('the new diff after a 409 survives the status writes that follow the change', async () => {
  // A namespace of its own: the delete test below lists everything in the shared one.
  const own = await createNamespace('manage-busy');
  const busy: ObjectRef = { context: ADMIN_CONTEXT, slug: 'deployments', namespace: own, name: 'busy' };
  await apps().createNamespacedDeployment({
    namespace: own,
    body: deployment(own, 'busy', { replicas: 0, image: 'app:1' }),
  });
  // Its revision annotation is the controller's own first write: open it after that.
  await waitForDeploymentReady(own, 'busy');
  const src = await getEditSource(busy);
  const yaml = edited(src.yaml, (o) => {
    const c = o.spec.template.spec.containers[0];
    if (c) c.image = 'app:2';
  });
  await apps().patchNamespacedDeployment({
    namespace: own,
    name: 'busy',
    body: [{ op: 'add', path: '/spec/minReadySeconds', value: 7 }],
  });
  // A controller's kind of write, as after a scale: the status moves every few tens of ms, so a
  // read and the dry run after it are often split by one.
  let writing = true;
  let writes = 0;
  const writer = (async () => {
    while (writing) {
      await writeDeploymentStatus(own, 'busy', `write ${writes}`);
      writes++;
      await new Promise((r) => setTimeout(r, 30));
    }
  })();
  try {
    await waitFor('the status writer starts', async () => writes > 0);
    for (let i = 0; i < 12; i++) {
      const raced = await editObject(busy, {
        yaml,
        resourceVersion: src.resourceVersion,
        mode: 'dry-run',
      });
      assert.equal(raced.status, 'conflict');
      if (raced.status !== 'conflict') return;
      assert.deepEqual(
        raced.changes?.map((c) => [c.path, c.op, c.before, c.after]),
        [
          ['spec.template.spec.containers[name=main].image', 'changed', 'app:1', 'app:2'],
          ['spec.minReadySeconds', 'removed', '7', undefined],
        ],
        `attempt ${i}: the diff against the version stored now`,
      );
    }
    const live = await apps().readNamespacedDeployment({ namespace: own, name: 'busy' });
    assert.equal(live.spec?.template.spec?.containers[0]?.image, 'app:1', 'dry runs store nothing');
  } finally {
    writing = false;
    await writer;
    await deleteNamespace(own);
  }
});

test('a 422 comes back with its causes, placed on the line of the field', async () => {
  const src = await getEditSource(ref('deployments', 'web'));
  const yaml = edited(src.yaml, (o) => {
    o.spec.replicas = -1;
  });
  const out = await editObject(ref('deployments', 'web'), {
    yaml,
    resourceVersion: src.resourceVersion,
    mode: 'dry-run',
  });
  assert.equal(out.status, 'invalid');
  if (out.status !== 'invalid') return;
  const cause = out.causes.find((c) => c.field === 'spec.replicas');
  assert.ok(cause, JSON.stringify(out.causes));
  assert.equal(yaml.split('\n')[(cause.line ?? 0) - 1]?.trim(), 'replicas: -1');
});

test('Secrets: the editor never gets values; keys are set and removed write-only', async () => {
  const src = await getEditSource(ref('secrets', 'creds'));
  assert.doesNotMatch(src.yaml, /hunter2|aHVudGVyMg|^data:/m);
  assert.deepEqual(src.secretKeys, [
    { key: 'password', bytes: 7 },
    { key: 'user', bytes: 4 },
  ]);
  const input = {
    yaml: src.yaml,
    resourceVersion: src.resourceVersion,
    secret: { set: { token: 'abc' }, remove: ['user'] },
  };
  const dry = await editObject(ref('secrets', 'creds'), { ...input, mode: 'dry-run' });
  assert.equal(dry.status, 'ok');
  assert.doesNotMatch(JSON.stringify(dry), /hunter2|aHVudGVyMg|YWJj|abc/);
  const applied = await editObject(ref('secrets', 'creds'), { ...input, mode: 'apply' });
  assert.equal(applied.status, 'ok');
  const s = await core().readNamespacedSecret({ namespace: ns, name: 'creds' });
  assert.deepEqual(Object.keys(s.data ?? {}).sort(), ['password', 'token']);
  assert.equal(Buffer.from(s.data?.password ?? '', 'base64').toString(), 'hunter2');
  // The record names the keys and their sizes; no value of the Secret, old or new, reaches the audit.
  const saved = theRecord(audit, { verb: 'edit', resource: 'secrets', name: 'creds', result: 'success' });
  assert.deepEqual(
    [saved.message, saved.diff],
    [
      'Secret "creds" saved: 2 fields changed.',
      '+ data.token: ‹hidden, 3 bytes›\n- data.user: ‹hidden, 4 bytes›',
    ],
  );
  await rejects(
    editObject(ref('secrets', 'creds'), {
      yaml: `${src.yaml}data:\n  x: eQ==\n`,
      resourceVersion: s.metadata?.resourceVersion ?? '',
      mode: 'dry-run',
    }),
    400,
    /Secret values are not edited as YAML/,
  );
});

test('as viewer, every edit, create and delete is refused with the reason, audited as refused, and nothing changes', async () => {
  const reason = 'the viewer tries anyway';
  const before = await apps().readNamespacedDeployment({ namespace: ns, name: 'web' });
  const src = await getEditSource(ref('deployments', 'web', VIEWER));
  assert.equal(src.canUpdate.allowed, false);
  assert.match(src.canUpdate.reason ?? '', /You may not update deployments in namespace/);
  const yaml = edited(src.yaml, (o) => {
    o.spec.replicas = 5;
  });
  for (const mode of ['dry-run', 'apply'] as const) {
    await rejects(
      editObject(ref('deployments', 'web', VIEWER), {
        yaml,
        resourceVersion: src.resourceVersion,
        mode,
        reason,
      }),
      403,
      /^You may not update deployments in namespace "wh-manage-[0-9a-f]+"\. The cluster's access review/,
    );
  }
  const created = await createFromYaml(VIEWER, ns, {
    yaml: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: from-viewer\ndata: {a: "1"}\n',
    mode: 'apply',
    reason,
  });
  assert.equal(created.status, 'invalid');
  assert.match(created.documents[0]?.message ?? '', /You may not create configmaps in namespace/);
  const plan = await deletePlan(ref('deployments', 'web', VIEWER));
  assert.equal(plan.canDelete.allowed, false);
  await rejects(
    deleteObject(ref('deployments', 'web', VIEWER), {
      propagationPolicy: 'Foreground',
      uid: plan.uid,
      reason,
    }),
    403,
    /You may not delete deployments/,
  );
  const afterwards = await apps().readNamespacedDeployment({ namespace: ns, name: 'web' });
  assert.equal(afterwards.spec?.replicas, before.spec?.replicas);
  assert.equal(afterwards.metadata?.deletionTimestamp, undefined);
  await assert.rejects(
    core().readNamespacedConfigMap({ namespace: ns, name: 'from-viewer' }),
    (e: { code?: number }) => e.code === 404,
  );

  // A refused attempt is audited as a failure (the file and stdout), never as a success, and leaves
  // no Event; the dry run, which could change nothing, is not audited at all.
  assert.deepEqual(recordsWith(audit, { user: VIEWER_USER, result: 'success' }), []);
  const refused = [
    [{ verb: 'edit', resource: 'deployments', name: 'web' }, /^You may not update deployments in namespace/],
    [
      { verb: 'create', resource: 'configmaps', name: 'from-viewer' },
      /You may not create configmaps in namespace/,
    ],
    [{ verb: 'delete', resource: 'deployments', name: 'web' }, /^You may not delete deployments/],
  ] as const;
  for (const [object, message] of refused) {
    const r = theRecord(audit, { user: VIEWER_USER, namespace: ns, ...object });
    assert.deepEqual([r.result, r.context, r.reason, r.diff], ['failure', VIEWER, reason, undefined]);
    assert.match(r.message ?? '', message);
    assert.equal(await auditEventOf(r), undefined, `no Event for the refused ${object.verb}`);
  }
});

test('bad input: invalid YAML, unknown kind, namespace mismatch, a 10 MB paste: sentences and 4xx', async () => {
  const out = await createFromYaml(ADMIN_CONTEXT, ns, {
    yaml: [
      'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: [broken\n',
      'apiVersion: v1\nkind: Gizmo\nmetadata: {name: g}\n',
      'apiVersion: example.com/v1\nkind: Gizmo\nmetadata: {name: g}\n',
      'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: elsewhere, namespace: kube-system}\n',
    ].join('---\n'),
    mode: 'dry-run',
  });
  assert.equal(out.status, 'invalid');
  const messages = out.documents.map((d) => d.message ?? '');
  assert.match(messages[0] ?? '', /^Invalid YAML at line \d+:/);
  assert.match(messages[1] ?? '', /The cluster has no kind "Gizmo" in apiVersion "v1"/);
  assert.match(messages[2] ?? '', /The cluster does not serve apiVersion "example.com\/v1"/);
  assert.match(
    messages[3] ?? '',
    /says namespace "kube-system", but you are creating in namespace "wh-manage-/,
  );
  const src = await getEditSource(ref('deployments', 'web'));
  await rejects(
    editObject(ref('deployments', 'web'), {
      yaml: src.yaml.replace(`namespace: ${ns}`, 'namespace: default'),
      resourceVersion: src.resourceVersion,
      mode: 'dry-run',
    }),
    400,
    /An object cannot move between namespaces/,
  );
  await rejects(
    editObject(ref('deployments', 'web'), {
      yaml: 'kind: [',
      resourceVersion: src.resourceVersion,
      mode: 'dry-run',
    }),
    400,
    /^Invalid YAML at line 1/,
  );
  const big = 'x'.repeat(10 * 1024 * 1024);
  await rejects(
    createFromYaml(ADMIN_CONTEXT, ns, { yaml: big, mode: 'dry-run' }),
    413,
    /^The YAML is 10\.0 MB; Wheelhouse accepts at most 3\.0 MB/,
  );
  const request = new Request('http://127.0.0.1/x', {
    method: 'POST',
    body: JSON.stringify({ yaml: big, mode: 'dry-run' }),
  });
  await rejects(
    parseCappedBody(request, createBody),
    413,
    /^The request is over 7\.0 MB; Wheelhouse accepts YAML of at most 3\.0 MB/,
  );
  await rejects(
    parseCappedBody(new Request('http://127.0.0.1/x', { method: 'POST', body: '{' }), createBody),
    400,
    /must be JSON/,
  );
  assert.ok(new AppError(400, 'x') instanceof Error);
});

test('create: valid documents only after the partial apply is confirmed; each result is shown', async () => {
  const yaml =
    'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: good\ndata:\n  a: "1"\n---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: Bad_Name\n';
  const dry = await createFromYaml(ADMIN_CONTEXT, ns, { yaml, mode: 'dry-run' });
  assert.equal(dry.status, 'partial');
  assert.deepEqual(
    dry.documents.map((d) => d.status),
    ['valid', 'invalid'],
  );
  assert.ok(dry.documents[0]?.changes?.some((c) => c.path === 'data.a' && c.after === '1'));
  const reason = 'create the good one';
  const refused = await createFromYaml(ADMIN_CONTEXT, ns, { yaml, mode: 'apply', reason });
  assert.equal(refused.status, 'needs-confirmation');
  await assert.rejects(
    core().readNamespacedConfigMap({ namespace: ns, name: 'good' }),
    (e: { code?: number }) => e.code === 404,
  );
  const done = await createFromYaml(ADMIN_CONTEXT, ns, {
    yaml,
    mode: 'apply',
    confirmPartial: true,
    reason,
  });
  assert.deepEqual(
    done.documents.map((d) => d.status),
    ['created', 'skipped'],
  );
  const good = await core().readNamespacedConfigMap({ namespace: ns, name: 'good' });
  assert.equal(good.data?.a, '1');

  // One record, for the document created; nothing was sent for the unconfirmed apply or the skipped one.
  const created = theRecord(audit, { verb: 'create', resource: 'configmaps', namespace: ns, name: 'good' });
  assert.deepEqual(
    [created.result, created.user, created.reason, created.message],
    ['success', await adminUsername(), reason, 'ConfigMap "good" created.'],
  );
  assert.match(created.diff ?? '', /^\+ data\.a: 1$/m);
  assert.deepEqual(recordsWith(audit, { name: 'Bad_Name' }), []);
  await assertAuditEvent(created, {
    kind: 'ConfigMap',
    namespace: ns,
    name: 'good',
    uid: good.metadata?.uid ?? '',
  });
});

test('delete: the plan names the ReplicaSet and pods; foreground deletion takes them with it', async () => {
  await apps().createNamespacedDeployment({
    namespace: ns,
    body: deployment(ns, 'doomed', { replicas: 2, image: 'app:1' }),
  });
  await waitForDeploymentReady(ns, 'doomed');
  const plan = await deletePlan(ref('deployments', 'doomed'));
  assert.equal(plan.canDelete.allowed, true);
  assert.deepEqual(
    plan.dependents.map((d) => [d.kind, d.count]),
    [
      ['ReplicaSet', 1],
      ['Pod', 2],
    ],
  );
  const nsPlan = await deletePlan({
    context: ADMIN_CONTEXT,
    slug: 'namespaces',
    namespace: undefined,
    name: ns,
  });
  assert.ok(
    nsPlan.contents?.some((c) => c.kind === 'Deployment' && c.count === 2),
    JSON.stringify(nsPlan.contents),
  );
  assert.deepEqual(
    nsPlan.holds.map((h) => h.finalizer),
    ['kubernetes'],
  );
  const reason = 'doomed is retired';
  await rejects(
    deleteObject(ref('deployments', 'doomed'), {
      propagationPolicy: 'Foreground',
      uid: 'not-the-uid',
      reason,
    }),
    409,
    /is not the object you confirmed/,
  );
  const r = await deleteObject(ref('deployments', 'doomed'), {
    propagationPolicy: 'Foreground',
    uid: plan.uid,
    reason,
  });
  assert.match(r.message, /Foreground/);
  const user = await adminUsername();
  const object = { verb: 'delete', resource: 'deployments', namespace: ns, name: 'doomed' };
  const wrong = theRecord(audit, { ...object, result: 'failure' });
  assert.deepEqual([wrong.user, wrong.reason], [user, reason]);
  assert.match(wrong.message ?? '', /is not the object you confirmed/);
  const deleted = theRecord(audit, { ...object, result: 'success' });
  assert.deepEqual(
    [deleted.user, deleted.reason, deleted.message, deleted.diff],
    [user, reason, r.message, `- Deployment ${ns}/doomed (propagationPolicy Foreground)`],
  );
  await assertAuditEvent(deleted, { kind: 'Deployment', name: 'doomed', uid: plan.uid });
  await waitFor('the Deployment and its pods to be gone', async () => {
    const pods = await core().listNamespacedPod({ namespace: ns, labelSelector: 'app=doomed' });
    const d = await apps()
      .readNamespacedDeployment({ namespace: ns, name: 'doomed' })
      .catch(() => undefined);
    return pods.items.length === 0 && d === undefined;
  });
});
