import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { BatchV1Api } from '@kubernetes/client-node';
import { isAppError } from '@/lib/errors';
import { subscriptionId, type ViewSpec } from '@/lib/live/protocol';
import { configureViews } from '@/lib/live/view-cache';
import { configureWatchCache } from '@/lib/live/watch-cache';
import { MANUAL_ANNOTATION } from '@/lib/resources/cronjobs/job-from-cronjob';
import { runNow, setSuspended } from '@/lib/resources/cronjobs/server/cronjob-actions';
import type { CronJobModel } from '@/lib/resources/cronjobs/server/cronjob-view';
import {
  adminUsername,
  assertAuditEvent,
  auditEventOf,
  auditToTempFile,
  recordsWith,
  theRecord,
  VIEWER_USER,
} from '../support/audit';
import { ADMIN_CONTEXT, adminConfig, createNamespace, deleteNamespace, waitFor } from '../support/kube';
import { openViewTab, type ViewTab } from '../support/stream';

// lib/kube/client.ts reads the dashboard's kubeconfig, the one with the test identities.
process.env.KUBECONFIG = process.env.WHEELHOUSE_TEST_KUBECONFIG ?? process.env.KUBECONFIG;
const audit = auditToTempFile();

const batch = () => adminConfig().makeApiClient(BatchV1Api);
let ns: string;
let tab: ViewTab | undefined;

before(async () => {
  configureWatchCache({ graceMs: 300 });
  configureViews({ graceMs: 300 });
  ns = await createNamespace('cronjob');
  await batch().createNamespacedCronJob({
    namespace: ns,
    body: {
      metadata: { name: 'report' },
      spec: {
        // Once a year at a fixed time: only "run now" makes a Job during the test.
        schedule: '0 3 1 1 *',
        jobTemplate: {
          metadata: { labels: { team: 'reports' } },
          spec: {
            backoffLimit: 2,
            template: {
              spec: {
                restartPolicy: 'Never',
                containers: [{ name: 'main', image: 'busybox' }],
                tolerations: [{ key: 'kwok.x-k8s.io/node', operator: 'Exists', effect: 'NoSchedule' }],
              },
            },
          },
        },
      },
    },
  });
});

after(async () => {
  tab?.close();
  await deleteNamespace(ns);
  audit.remove();
});

test('run now: a Job owned by the CronJob appears, completes, and the live CronJob view lists it', async () => {
  const cj = await batch().readNamespacedCronJob({ namespace: ns, name: 'report' });
  const spec: ViewSpec = { context: ADMIN_CONTEXT, view: 'cronjob', namespace: ns, name: 'report' };
  tab = openViewTab([spec]);
  await waitFor('the CronJob view', async () => tab?.views.get(subscriptionId(spec)));

  const started = Date.now();
  const r = await runNow(
    { context: ADMIN_CONTEXT, namespace: ns, name: 'report' },
    'rerun the failed report',
  );
  assert.match(r.job ?? '', /^report-manual-[a-z0-9]{5}$/);
  // The audit names the CronJob that was run, the user, the reason and the Job it made.
  const run = theRecord(audit, { verb: 'run', resource: 'cronjobs', namespace: ns, name: 'report' });
  assert.deepEqual(
    [run.result, run.user, run.context, run.reason, run.message],
    [
      'success',
      await adminUsername(),
      ADMIN_CONTEXT,
      'rerun the failed report',
      `Job "${r.job}" created from CronJob "report".`,
    ],
  );
  const t = Date.parse(run.time);
  assert.ok(t >= started && t <= Date.now(), `${run.time} is when the test ran it`);
  await assertAuditEvent(run, {
    kind: 'CronJob',
    namespace: ns,
    name: 'report',
    uid: cj.metadata?.uid ?? '',
  });
  const job = await batch().readNamespacedJob({ namespace: ns, name: r.job ?? '' });
  assert.equal(job.metadata?.annotations?.[MANUAL_ANNOTATION], 'manual');
  assert.equal(job.metadata?.labels?.team, 'reports');
  assert.deepEqual(
    job.metadata?.ownerReferences?.map((o) => [o.kind, o.name, o.uid, o.controller, o.blockOwnerDeletion]),
    [['CronJob', 'report', cj.metadata?.uid, true, undefined]],
  );
  assert.equal(job.spec?.backoffLimit, 2);

  const done = await waitFor('the Job to complete', async () => {
    const j = await batch().readNamespacedJob({ namespace: ns, name: r.job ?? '' });
    return j.status?.conditions?.some((c) => c.type === 'Complete' && c.status === 'True') ? j : undefined;
  });
  assert.equal(done.status?.succeeded, 1);

  // The page's list comes over the tab stream from the shared watch cache.
  const row = await waitFor('the view to show the Job complete', async () => {
    const m = tab?.views.get(subscriptionId(spec)) as CronJobModel | undefined;
    const j = m?.jobs.find((x) => x.name === r.job);
    return j?.outcome === 'Complete' ? j : undefined;
  });
  assert.deepEqual([row.completions, row.failed, row.manual], ['1/1', 0, true]);
});

test('suspend and resume set spec.suspend; a viewer may do neither and may not run it', async () => {
  const t = { context: ADMIN_CONTEXT, namespace: ns, name: 'report' };
  await setSuspended(t, true, 'quiet period');
  assert.equal((await batch().readNamespacedCronJob({ namespace: ns, name: 'report' })).spec?.suspend, true);
  await setSuspended(t, false, 'quiet period over');
  assert.equal((await batch().readNamespacedCronJob({ namespace: ns, name: 'report' })).spec?.suspend, false);
  const user = await adminUsername();
  for (const [verb, reason] of [
    ['suspend', 'quiet period'],
    ['resume', 'quiet period over'],
  ] as const) {
    const r = theRecord(audit, { verb, resource: 'cronjobs', namespace: ns, name: 'report' });
    assert.deepEqual([r.result, r.user, r.reason], ['success', user, reason]);
  }
  const viewer = { ...t, context: 'viewer' };
  await assert.rejects(setSuspended(viewer, true, 'viewer tries'), (e) => isAppError(e) && e.status === 403);
  await assert.rejects(runNow(viewer, 'viewer tries'), (e) => isAppError(e) && e.status === 403);
  // Each refused attempt is a failure record, never a success, and leaves no Event.
  assert.deepEqual(recordsWith(audit, { user: VIEWER_USER, result: 'success' }), []);
  for (const [verb, message] of [
    ['suspend', `You may not patch cronjobs "report" in namespace "${ns}".`],
    ['run', `You may not create jobs in namespace "${ns}".`],
  ] as const) {
    const r = theRecord(audit, {
      user: VIEWER_USER,
      verb,
      resource: 'cronjobs',
      namespace: ns,
      name: 'report',
    });
    assert.deepEqual([r.result, r.reason, r.message], ['failure', 'viewer tries', message]);
    assert.equal(await auditEventOf(r), undefined);
  }
});
