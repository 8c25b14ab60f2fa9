import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { subscriptionId, type ViewSpec } from '@/lib/live/protocol';
import { configureViews } from '@/lib/live/view-cache';
import type { DriftReport } from '@/lib/resources/drift/drift';
import { workloadDriftReport } from '@/lib/resources/drift/server/read';
import { editObject, getEditSource } from '@/lib/resources/manage/server/edit';
import { deploymentRolloutStatus } from '@/lib/resources/workloads/rollout-status';
import { restart } from '@/lib/resources/workloads/server/rollouts';
import {
  ADMIN_CONTEXT,
  apps,
  core,
  createNamespace,
  deleteNamespace,
  deployment,
  waitFor,
} from '../support/kube';
import { openViewTab, type ViewTab } from '../support/stream';

// lib/kube/client.ts reads the dashboard's kubeconfig, the one with the test identities.
process.env.KUBECONFIG = process.env.WHEELHOUSE_TEST_KUBECONFIG ?? process.env.KUBECONFIG;
process.env.WHEELHOUSE_AUDIT_FILE ??= '/dev/null';

let ns: string;
let tab: ViewTab | undefined;
before(async () => {
  configureViews({ graceMs: 300 });
  ns = await createNamespace('drift');
});
after(async () => {
  tab?.close();
  await deleteNamespace(ns);
});

async function settled(name: string) {
  return waitFor(`${name} to finish rolling out`, async () => {
    const d = await apps().readNamespacedDeployment({ namespace: ns, name });
    const pods = await core().listNamespacedPod({ namespace: ns, labelSelector: `app=${name}` });
    const running = pods.items.filter((p) => p.status?.phase === 'Running' && !p.metadata?.deletionTimestamp);
    return deploymentRolloutStatus(d).done && pods.items.length === running.length && running.length === 1;
  });
}

test('a Secret read as an env var changes: the edit says who keeps the old value, the page says so, a restart clears it', async () => {
  await core().createNamespacedSecret({
    namespace: ns,
    body: { metadata: { name: 'db', namespace: ns }, stringData: { password: 'one' } },
  });
  const body = deployment(ns, 'app', { replicas: 1, image: 'app:1' });
  const container = body.spec?.template.spec?.containers[0];
  if (container)
    container.env = [{ name: 'PASSWORD', valueFrom: { secretKeyRef: { name: 'db', key: 'password' } } }];
  await apps().createNamespacedDeployment({ namespace: ns, body });
  await settled('app');
  assert.deepEqual((await workloadDriftReport(ADMIN_CONTEXT, ns, 'deployments', 'app')).items, []);
  // The page's notice, live: an open tab's drift view, derived on the server from the watch cache.
  const spec: ViewSpec = {
    context: ADMIN_CONTEXT,
    view: 'drift',
    namespace: ns,
    kind: 'deployments',
    name: 'app',
  };
  const open = openViewTab([spec]);
  tab = open;
  const live = () => open.views.get(subscriptionId(spec)) as DriftReport | undefined;
  await waitFor('the live drift view', async () => live() !== undefined);
  assert.deepEqual(live()?.items, []);

  // The container start time has whole seconds: change the Secret in a later second.
  const started = (await core().listNamespacedPod({ namespace: ns, labelSelector: 'app=app' })).items[0]
    ?.status?.startTime;
  await waitFor(
    'a new second',
    async () => Math.floor(Date.now() / 1000) > Math.floor(new Date(started ?? 0).getTime() / 1000) + 1,
  );
  const src = await getEditSource({ context: ADMIN_CONTEXT, slug: 'secrets', namespace: ns, name: 'db' });
  const saved = await editObject(
    { context: ADMIN_CONTEXT, slug: 'secrets', namespace: ns, name: 'db' },
    {
      yaml: src.yaml,
      resourceVersion: src.resourceVersion,
      mode: 'apply',
      secret: { set: { password: 'two' }, remove: [] },
    },
  );
  assert.equal(saved.status, 'ok');
  assert.deepEqual(saved.status === 'ok' ? saved.keepOldValue : undefined, ['Deployment app (env)']);

  const report = await workloadDriftReport(ADMIN_CONTEXT, ns, 'deployments', 'app');
  assert.deepEqual(
    report.items.map((d) => [d.kind, d.name, d.staleUntilRestart, d.pods.length]),
    [['Secret', 'db', ['env'], 1]],
  );
  assert.doesNotMatch(JSON.stringify(report), /two|dHdv/);
  // The open tab hears of it without asking: the same drift, pushed over its stream.
  await waitFor('the drift in the open tab', async () => live()?.items.length === 1);
  assert.deepEqual(
    live()?.items.map((d) => [d.kind, d.name, d.staleUntilRestart, d.pods.length, d.changedAt]),
    report.items.map((d) => [d.kind, d.name, d.staleUntilRestart, d.pods.length, d.changedAt]),
  );
  assert.doesNotMatch(JSON.stringify(live()), /two|dHdv/);

  await waitFor(
    'a new second',
    async () =>
      Math.floor(Date.now() / 1000) > Math.floor(new Date(report.items[0]?.changedAt ?? 0).getTime() / 1000),
  );
  await restart(
    { context: ADMIN_CONTEXT, kind: 'deployments', namespace: ns, name: 'app' },
    { generation: report.generation ?? 0, reason: 'pick up Secret db' },
  );
  await waitFor('the restarted pod to run the new value', async () => {
    await settled('app');
    return (await workloadDriftReport(ADMIN_CONTEXT, ns, 'deployments', 'app')).items.length === 0;
  });
  await waitFor('the notice to clear in the open tab', async () => live()?.items.length === 0);
});
