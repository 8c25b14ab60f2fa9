import { randomBytes } from 'node:crypto';
import { appendFileSync } from 'node:fs';
import {
  ADMIN_CONTEXT,
  apps,
  core,
  createNamespace,
  deleteNamespace,
  deployment,
  waitFor,
  waitForDeploymentReady,
} from './support/kube';
import { expect, test } from './support/test';

// KWOK serves every container's log from one file in CRI format (see e2e/cluster/README.md): what
// we append there is what a container "writes".
const logFile = process.env.WHEELHOUSE_LOG_FILE;
if (!logFile) throw new Error('WHEELHOUSE_LOG_FILE is not set: run through `npm test`.');
const write = (line: string) => appendFileSync(logFile, `${new Date().toISOString()} stdout F ${line}\n`);
const marker = (what: string) => `${what}-${randomBytes(4).toString('hex')}`;

let ns: string;

const podNames = async (app: string) =>
  (await core().listNamespacedPod({ namespace: ns, labelSelector: `app=${app}` })).items
    .filter((p) => !p.metadata?.deletionTimestamp)
    .map((p) => p.metadata?.name ?? '');

test.beforeAll(async () => {
  ns = await createNamespace('logs');
  await apps().createNamespacedDeployment({ namespace: ns, body: deployment(ns, 'talker', { replicas: 2 }) });
  await waitForDeploymentReady(ns, 'talker');
});

test.afterAll(async () => {
  await deleteNamespace(ns);
});

const api = (rest: string) => `/api/c/${ADMIN_CONTEXT}/${ns}/${rest}`;

test('lines written by the container appear while following, and search highlights them', async ({
  page,
}) => {
  const [pod] = await podNames('talker');
  await page.goto(`/c/${ADMIN_CONTEXT}/${ns}/pods/${pod}/logs`);
  const log = page.getByRole('log', { name: 'Log lines' });
  await expect(page.getByRole('status').filter({ hasText: 'Following' })).toBeVisible();
  const line = marker('hello-from-e2e');
  // The stream may connect a moment after the status: keep writing until a line shows.
  await expect(async () => {
    write(line);
    await expect(log).toContainText(line, { timeout: 1_000 });
  }).toPass({ timeout: 20_000 });
  await page.getByRole('searchbox', { name: 'Search logs' }).fill(line);
  await expect(log.locator('mark').first()).toHaveText(line);
  // Pause holds new lines back, resume shows them.
  await page.getByRole('button', { name: 'Pause' }).click();
  const held = marker('held-back');
  write(held);
  await expect(
    page.getByRole('status').filter({ hasText: /Paused, [1-9]\d* new lines waiting/ }),
  ).toBeVisible();
  await expect(log).not.toContainText(held);
  await page.getByRole('button', { name: 'Resume' }).click();
  await expect(log).toContainText(held);
});

test('per-workload logs interleave every pod, labelled, and a pod created later joins', async ({ page }) => {
  await page.goto(`/c/${ADMIN_CONTEXT}/${ns}/workloads/deployments/talker/logs`);
  const log = page.getByRole('log', { name: 'Log lines' });
  for (const pod of await podNames('talker')) await expect(log).toContainText(`Following ${pod}.`);
  const before = new Set(await podNames('talker'));
  await apps().patchNamespacedDeploymentScale({
    namespace: ns,
    name: 'talker',
    body: [{ op: 'replace', path: '/spec/replicas', value: 3 }],
  });
  const newcomer = await waitFor('a third pod', async () =>
    (await podNames('talker')).find((n) => !before.has(n)),
  );
  await expect(log).toContainText(`Following ${newcomer}.`, { timeout: 20_000 });
  const line = marker('after-scale');
  await expect(async () => {
    write(line);
    await expect(log).toContainText(`[${newcomer}] ${line}`, { timeout: 1_000 });
  }).toPass({ timeout: 20_000 });
});

test('a container that does not exist is a 404 that lists the containers', async ({ request }) => {
  const [pod] = await podNames('talker');
  const res = await request.get(api(`pods/${pod}/log?container=nope`));
  expect(res.status()).toBe(404);
  expect((await res.json()).error.message).toBe(
    `Pod "${pod}" has no container "nope". Its containers: main.`,
  );
  const bad = await request.get(api(`pods/${pod}/log?tailLines=lots`));
  expect(bad.status()).toBe(400);
});

test('previous logs of a container that never restarted say so', async ({ request }) => {
  const [pod] = await podNames('talker');
  const res = await request.get(api(`pods/${pod}/log?previous=true`));
  expect(res.status()).toBe(404);
  expect((await res.json()).error.message).toMatch(/^Container "main" has no previous run \(0 restarts\)/);
});

test('HEAD answers with the stream headers without opening a stream', async ({ request }) => {
  const [pod] = await podNames('talker');
  const res = await request.head(api(`pods/${pod}/log`));
  expect(res.status()).toBe(200);
  expect(res.headers()['cache-control']).toBe('no-cache, no-transform');
  expect(res.headers()['x-accel-buffering']).toBe('no');
  expect(res.headers()['content-type']).toContain('text/event-stream');
});

type Probe = { text: string; done: boolean };

test('the stream ends cleanly, saying why, when the pod is deleted', async ({ page }) => {
  const [pod] = await podNames('talker');
  // A page of the app, so fetch runs under the page CSP (API answers carry default-src 'none').
  await page.goto(`/c/${ADMIN_CONTEXT}/${ns}/overview`);
  await page.evaluate(
    async (url) => {
      const probe: Probe = { text: '', done: false };
      (window as unknown as { probe: Probe }).probe = probe;
      const res = await fetch(url);
      const reader = res.body?.getReader();
      const dec = new TextDecoder();
      void (async () => {
        for (;;) {
          const r = await reader?.read();
          if (!r || r.done) break;
          probe.text += dec.decode(r.value);
        }
        probe.done = true;
      })();
    },
    api(`pods/${pod}/log?follow=true&tailLines=1`),
  );
  const read = () => page.evaluate(() => (window as unknown as { probe: Probe }).probe);
  const line = marker('before-delete');
  await expect(async () => {
    write(line);
    expect((await read()).text).toContain(line);
  }).toPass({ timeout: 20_000 });
  await core().deleteNamespacedPod({ namespace: ns, name: pod ?? '' });
  await expect.poll(async () => (await read()).done, { timeout: 20_000 }).toBe(true);
  const { text } = await read();
  expect(text).toContain('event: end');
  expect(text).toContain(`Pod ${pod} was deleted.`);
});
