import http from 'node:http';
import { ADMIN_CONTEXT, apps, core, createNamespace, deleteNamespace, deployment } from './support/kube';
import { freePort } from './support/server';
import { expect, test } from './support/test';

// DNS rebinding, for real, in Chromium: `rebind.test` resolves to 127.0.0.1 (as an attacker's name
// does once rebound), so a page at http://rebind.test:PORT is same-origin with the dashboard in the
// browser, and its fetches carry Host and Origin `rebind.test:PORT`, which agree with each other.
// The dashboard must still give it nothing: no list, no reveal, no scale. A second hostile page,
// served from another port under the same name, tries the same across origins.

const NAME = 'rebind.test';
const MARKER = 'wh-rebinding-marker-value';
const port = Number(process.env.WHEELHOUSE_PORT ?? 3100);

test.use({
  launchOptions: {
    executablePath: '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-dev-shm-usage',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      `--host-resolver-rules=MAP ${NAME} 127.0.0.1`,
    ],
  },
});

let ns: string;
let attacker: http.Server;
let attackerPort: number;

// What either hostile page runs: list Secrets, reveal one, scale a Deployment; report what came back.
function attackScript(target: string, namespace: string, resourceVersion: string): string {
  return `(async () => {
    const base = ${JSON.stringify(target)};
    const api = base + '/api/c/${ADMIN_CONTEXT}/${namespace}';
    const out = {};
    const grab = async (what, url, init) => {
      try {
        const res = await fetch(url, init);
        out[what] = { status: res.status, type: res.type, body: res.type === 'opaque' ? '' : await res.text() };
      } catch (e) {
        out[what] = { status: 0, type: 'error', body: String(e) };
      }
    };
    const json = { 'Content-Type': 'application/json' };
    await grab('page', base + '/c/${ADMIN_CONTEXT}/${namespace}/secrets');
    await grab('list', api + '/deployments');
    await grab('reveal', api + '/secrets/creds/reveal', { method: 'POST', headers: json, body: JSON.stringify({ key: 'password' }) });
    await grab('scale', api + '/workloads/deployments/web/scale', { method: 'POST', headers: json, body: JSON.stringify({ replicas: 7, resourceVersion: ${JSON.stringify(resourceVersion)} }) });
    await grab('scale-no-cors', api + '/workloads/deployments/web/scale', { method: 'POST', mode: 'no-cors', headers: { 'Content-Type': 'text/plain' }, body: JSON.stringify({ replicas: 7, resourceVersion: ${JSON.stringify(resourceVersion)} }) });
    return out;
  })()`;
}

test.beforeAll(async () => {
  ns = await createNamespace('rebind');
  await core().createNamespacedSecret({
    namespace: ns,
    body: { metadata: { name: 'creds' }, stringData: { password: MARKER } },
  });
  await apps().createNamespacedDeployment({ namespace: ns, body: deployment(ns, 'web') });
  attackerPort = await freePort();
  attacker = http.createServer((_req, res) => {
    res.writeHead(200, { 'Content-Type': 'text/html' });
    res.end('<!doctype html><title>a page on the web</title><p>Nothing to see here.</p>');
  });
  await new Promise<void>((r) => attacker.listen(attackerPort, '127.0.0.1', () => r()));
});

test.afterAll(async () => {
  await new Promise((r) => attacker?.close(r));
  await deleteNamespace(ns);
});

type Results = Record<string, { status: number; type: string; body: string }>;

function assertNothingLeaked(r: Results): void {
  for (const [what, v] of Object.entries(r)) {
    expect(v.body, what).not.toContain(MARKER);
    expect(v.body, what).not.toContain('"creds"');
    expect(v.body, what).not.toContain('"web"');
  }
}

test('a page under a rebound name, same-origin in the browser, gets no list, no reveal, no scale', async ({
  page,
}) => {
  const before = await apps().readNamespacedDeployment({ namespace: ns, name: 'web' });
  const evil = `http://${NAME}:${port}`;
  const res = await page.goto(`${evil}/c/${ADMIN_CONTEXT}/${ns}/deployments`);
  expect(res?.status()).toBe(421);
  await expect(page.getByRole('alert')).toContainText(`does not answer to "${NAME}:${port}"`);
  await expect(page.getByText('web', { exact: true })).toHaveCount(0);
  // The 421 page itself is now a document of that origin: its scripts are the attacker's.
  const r = (await page.evaluate(attackScript(evil, ns, before.metadata?.resourceVersion ?? ''))) as Results;
  expect(r.page?.status).toBe(421);
  expect(r.list?.status).toBe(421);
  expect(r.reveal?.status).toBe(421);
  expect(r.scale?.status).toBe(421);
  assertNothingLeaked(r);
  const after = await apps().readNamespacedDeployment({ namespace: ns, name: 'web' });
  expect(after.spec?.replicas).toBe(before.spec?.replicas);
});

test('a page served from another port under that name gets nothing either', async ({ page }) => {
  const before = await apps().readNamespacedDeployment({ namespace: ns, name: 'web' });
  await page.goto(`http://${NAME}:${attackerPort}/`);
  await expect(page.getByText('Nothing to see here.')).toBeVisible();
  const r = (await page.evaluate(
    attackScript(`http://${NAME}:${port}`, ns, before.metadata?.resourceVersion ?? ''),
  )) as Results;
  // Reads fail in the browser (no CORS); changes reach the server and are refused there.
  for (const what of ['page', 'list', 'reveal', 'scale']) expect(r[what]?.type, what).toBe('error');
  assertNothingLeaked(r);
  const after = await apps().readNamespacedDeployment({ namespace: ns, name: 'web' });
  expect(after.spec?.replicas).toBe(before.spec?.replicas);
});

test('the dashboard under its own name still works in the same browser', async ({ page }) => {
  const res = await page.goto(`http://127.0.0.1:${port}/c/${ADMIN_CONTEXT}/${ns}/deployments`);
  expect(res?.status()).toBe(200);
  await expect(page.getByRole('link', { name: 'web', exact: true })).toBeVisible();
});
