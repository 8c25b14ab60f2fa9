import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { whoAmI } from '@/lib/kube/identity';
import { auditHistory } from '@/lib/resources/audit/server/events';
import {
  AUDIT_ANNOTATION,
  AUDIT_REASON,
  auditEventsSettled,
  readAudit,
  recordAuditWithEvent,
} from '@/lib/resources/audit/server/record';
import { revealSecretKey } from '@/lib/resources/secrets/server/secrets';
import { deploymentRolloutStatus } from '@/lib/resources/workloads/rollout-status';
import { rollback } from '@/lib/resources/workloads/server/rollouts';
import {
  ADMIN_CONTEXT,
  apps,
  core,
  createNamespace,
  deleteNamespace,
  deployment,
  waitFor,
} from '../support/kube';
import { startDashboard } from '../support/server';

// lib/kube/client.ts reads the dashboard's kubeconfig, the one with the test identities.
process.env.KUBECONFIG = process.env.WHEELHOUSE_TEST_KUBECONFIG ?? process.env.KUBECONFIG;
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'wh-audit-'));
process.env.WHEELHOUSE_AUDIT_FILE = path.join(tmp, 'audit.jsonl');

let ns: string;
before(async () => {
  ns = await createNamespace('audit');
});
after(async () => {
  await deleteNamespace(ns);
  fs.rmSync(tmp, { recursive: true, force: true });
});

test('a record goes to the file, stdout and a Kubernetes Event on the object, naming the user', async () => {
  const d = await apps().createNamespacedDeployment({ namespace: ns, body: deployment(ns, 'web') });
  const who = await whoAmI(ADMIN_CONTEXT);
  const record = await recordAuditWithEvent(
    {
      user: who.username,
      context: ADMIN_CONTEXT,
      verb: 'rollback',
      resource: 'deployments',
      namespace: ns,
      name: 'web',
      fromRevision: '3',
      toRevision: '2',
      reason: 'bad image',
      result: 'success',
    },
    { apiVersion: 'apps/v1', kind: 'Deployment', uid: d.metadata?.uid },
  );
  assert.equal(readAudit()[0]?.id, record.id);
  const events = (
    await core().listNamespacedEvent({ namespace: ns, labelSelector: 'wheelhouse.dev/audit=true' })
  ).items;
  assert.equal(events.length, 1);
  const e = events[0];
  assert.equal(e?.reason, AUDIT_REASON);
  assert.equal(e?.involvedObject.kind, 'Deployment');
  assert.equal(e?.involvedObject.name, 'web');
  assert.equal(e?.involvedObject.uid, d.metadata?.uid);
  assert.equal(
    e?.message,
    `${who.username} rollback deployments ${ns}/web from revision 3 to 2: succeeded; reason: bad image`,
  );
  assert.equal(JSON.parse(e?.metadata?.annotations?.[AUDIT_ANNOTATION] ?? '{}').id, record.id);

  const history = await auditHistory(ADMIN_CONTEXT, ns);
  assert.deepEqual(
    history.rows.map((r) => [r.id, r.user, r.sources]),
    [[record.id, who.username, ['file', 'event']]],
  );
});

test('when the Event cannot be written the file still holds the record', async () => {
  const before = readAudit().length;
  // `nobody` may not create Events: the action is still recorded locally.
  const r = await recordAuditWithEvent(
    {
      user: 'nobody',
      context: 'nobody',
      verb: 'reveal',
      resource: 'secrets',
      namespace: ns,
      name: 'token',
      result: 'failure',
    },
    { apiVersion: 'v1', kind: 'Secret' },
  );
  assert.equal(readAudit().length, before + 1);
  assert.equal(readAudit()[0]?.id, r.id);
  const events = (
    await core().listNamespacedEvent({ namespace: ns, labelSelector: 'wheelhouse.dev/audit=true' })
  ).items;
  assert.equal(
    events.some((e) => e.metadata?.annotations?.[AUDIT_ANNOTATION]?.includes(r.id ?? '-')),
    false,
  );
});

test('after a restart the dashboard still shows the records, and the viewer sees the shared Events', async () => {
  const dash = await startDashboard({
    KUBECONFIG: process.env.WHEELHOUSE_TEST_KUBECONFIG,
    WHEELHOUSE_AUDIT_FILE: process.env.WHEELHOUSE_AUDIT_FILE,
  });
  try {
    const admin = (await (await fetch(`${dash.url}/api/c/admin/${ns}/audit`)).json()) as {
      rows: { verb: string; sources: string[] }[];
    };
    assert.deepEqual(admin.rows.map((r) => r.verb).sort(), ['rollback']);
    assert.deepEqual(admin.rows[0]?.sources, ['file', 'event']);
    const viewer = (await (await fetch(`${dash.url}/api/c/viewer/${ns}/audit`)).json()) as {
      rows: { verb: string; sources: string[] }[];
    };
    assert.deepEqual(
      viewer.rows.map((r) => [r.verb, r.sources]),
      [['rollback', ['event']]],
    );
    const page = await (await fetch(`${dash.url}/c/admin/${ns}/audit`)).text();
    assert.match(page, /bad image/);
  } finally {
    await dash.stop();
  }
});

test('a real rollback and a real Secret reveal each leave an Event on their object, naming the user', async () => {
  const who = await whoAmI(ADMIN_CONTEXT);
  const complete = (name: string) =>
    waitFor(`${name} rollout to complete`, async () => {
      const d = await apps().readNamespacedDeployment({ namespace: ns, name });
      return deploymentRolloutStatus(d).done ? d : undefined;
    });
  await apps().createNamespacedDeployment({
    namespace: ns,
    body: deployment(ns, 'undo', { image: 'app:1' }),
  });
  await complete('undo');
  await apps().patchNamespacedDeployment({
    namespace: ns,
    name: 'undo',
    body: [{ op: 'replace', path: '/spec/template/spec/containers/0/image', value: 'app:2' }],
  });
  const d = await complete('undo');
  await rollback(
    { context: ADMIN_CONTEXT, kind: 'deployments', namespace: ns, name: 'undo' },
    { revision: 1, generation: d.metadata?.generation ?? 0, reason: 'app:2 is broken' },
  );
  const secret = await core().createNamespacedSecret({
    namespace: ns,
    body: { metadata: { name: 'creds' }, stringData: { password: 'hunter2' } },
  });
  assert.equal((await revealSecretKey(ADMIN_CONTEXT, ns, 'creds', 'password')).value, 'hunter2');
  await auditEventsSettled();

  const events = (
    await core().listNamespacedEvent({ namespace: ns, labelSelector: 'wheelhouse.dev/audit=true' })
  ).items;
  const on = (kind: string, name: string) =>
    events.filter((e) => e.involvedObject.kind === kind && e.involvedObject.name === name);
  const [undo] = on('Deployment', 'undo');
  assert.equal(undo?.involvedObject.uid, d.metadata?.uid);
  const undoRecord = JSON.parse(undo?.metadata?.annotations?.[AUDIT_ANNOTATION] ?? '{}');
  assert.deepEqual(
    [undoRecord.user, undoRecord.verb, undoRecord.fromRevision, undoRecord.toRevision, undoRecord.result],
    [who.username, 'rollback', '2', '1', 'success'],
  );
  assert.match(
    undo?.message ?? '',
    /rollback deployments .*\/undo from revision 2 to 1: succeeded; reason: app:2 is broken$/,
  );
  const [reveal] = on('Secret', 'creds');
  assert.equal(reveal?.involvedObject.uid, secret.metadata?.uid);
  assert.equal(reveal?.type, 'Normal');
  assert.equal(reveal?.message, `${who.username} reveal secrets ${ns}/creds: succeeded`);
  assert.ok(!JSON.stringify(reveal).includes('hunter2'), 'the Event never carries the value');
});
