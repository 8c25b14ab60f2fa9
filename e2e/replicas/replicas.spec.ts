import { CoreV1Api, RbacAuthorizationV1Api } from '@kubernetes/client-node';
import type { BrowserContext, Page, Response } from '@playwright/test';
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
import { sessionKey } from '../support/server';
import { expect, test } from '../support/test';
import { type Balancer, startBalanced, UPSTREAM_HEADER, upstreamPort } from './balancer';

// Three replicas behind nginx (round-robin, no affinity), token mode with one shared session key:
// every request of the tab may reach another replica, and one replica dies mid-test.

test.describe.configure({ mode: 'serial' });

const REPLICAS = 3;
let ns: string;
let token: string;
let lb: Balancer;
let context: BrowserContext;
let page: Page;
/** Every answer the page got, with the replica that gave it. */
const answers: { url: string; port: number | undefined; type: string }[] = [];
const streams = () => answers.filter((a) => a.type === 'eventsource');

async function operatorToken(namespace: string): Promise<string> {
  const name = 'operator';
  await core().createNamespacedServiceAccount({ namespace, body: { metadata: { name } } });
  await adminConfig()
    .makeApiClient(RbacAuthorizationV1Api)
    .createNamespacedRoleBinding({
      namespace,
      body: {
        metadata: { name },
        roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'admin' },
        subjects: [{ kind: 'ServiceAccount', name, namespace }],
      },
    });
  const tr = await adminConfig()
    .makeApiClient(CoreV1Api)
    .createNamespacedServiceAccountToken({
      namespace,
      name,
      body: { spec: { audiences: [], expirationSeconds: 3600 } },
    });
  return tr.status?.token ?? '';
}

async function setImage(name: string, image: string, cause: string) {
  await apps().patchNamespacedDeployment({
    namespace: ns,
    name,
    body: [
      { op: 'replace', path: '/spec/template/spec/containers/0/image', value: image },
      { op: 'add', path: '/metadata/annotations/kubernetes.io~1change-cause', value: cause },
    ],
  });
  await waitForDeploymentReady(ns, name);
}

test.beforeAll(async ({ browser }) => {
  test.setTimeout(240_000);
  ns = await createNamespace('replicas');
  token = await operatorToken(ns);
  await core().createNamespacedSecret({
    namespace: ns,
    body: { metadata: { name: 'db' }, stringData: { password: 'replicated-horse-battery' } },
  });
  await apps().createNamespacedDeployment({ namespace: ns, body: deployment(ns, 'web', { image: 'app:1' }) });
  await waitForDeploymentReady(ns, 'web');
  await setImage('web', 'app:2', 'release 2');
  const key = sessionKey();
  lb = await startBalanced(REPLICAS, (url, port) => ({
    WHEELHOUSE_AUTH_MODE: 'token',
    // The cookie is sealed with this key: every replica opens every replica's sign-in.
    WHEELHOUSE_SESSION_KEY: key,
    WHEELHOUSE_PUBLIC_URL: url,
    KUBECONFIG: process.env.WHEELHOUSE_TEST_KUBECONFIG ?? '',
    // Each replica's own file, as each pod has its own volume.
    WHEELHOUSE_AUDIT_FILE: `${process.env.WHEELHOUSE_CLUSTER_DIR ?? '/tmp'}/replica-${port}-audit.jsonl`,
  }));
  context = await browser.newContext({ baseURL: lb.url });
  page = await context.newPage();
  page.on('response', (r: Response) =>
    answers.push({
      url: r.url(),
      port: upstreamPort(r.headers()[UPSTREAM_HEADER]),
      type: r.request().resourceType(),
    }),
  );
});

test.afterAll(async () => {
  await context?.close();
  await lb?.stop();
  await deleteNamespace(ns);
});

// biome-ignore lint/correctness/noEmptyPattern: Playwright reads the fixtures from this pattern
test.afterEach(async ({}, info) => {
  if (info.status !== info.expectedStatus) await info.attach('nginx', { body: lb.logs() });
});

test('signed in once, every replica serves the tab; lists stay live across re-subscriptions', async () => {
  await page.goto(`/c/${ADMIN_CONTEXT}/${ns}/deployments`);
  await expect(page).toHaveURL(/\/sign-in\?next=/);
  await page.getByLabel('Kubernetes bearer token').fill(token);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).toHaveURL(new RegExp(`/c/${ADMIN_CONTEXT}/${ns}/deployments$`));
  await expect(page.getByRole('link', { name: 'web', exact: true })).toBeVisible();

  await apps().createNamespacedDeployment({ namespace: ns, body: deployment(ns, 'api') });
  await expect(page.getByRole('link', { name: 'api', exact: true })).toBeVisible();

  // Another page is another subscription set: a new stream, to whichever replica nginx picks.
  await page.goto(`/c/${ADMIN_CONTEXT}/${ns}/configmaps`);
  await core().createNamespacedConfigMap({ namespace: ns, body: { metadata: { name: 'live-cm' } } });
  await expect(page.getByRole('link', { name: 'live-cm', exact: true })).toBeVisible();
  await page.getByRole('link', { name: 'Deployments', exact: true }).first().click();
  await expect(page).toHaveURL(new RegExp(`/c/${ADMIN_CONTEXT}/${ns}/deployments$`));
  await apps().createNamespacedDeployment({ namespace: ns, body: deployment(ns, 'worker') });
  await expect(page.getByRole('link', { name: 'worker', exact: true })).toBeVisible();

  // The one sign-in was honoured by every replica, and the streams were not pinned to one.
  const served = new Set(answers.map((a) => a.port).filter((p) => p !== undefined));
  expect(served.size, `replicas that answered: ${[...served].join(', ')}`).toBe(REPLICAS);
  expect(streams().length).toBeGreaterThanOrEqual(2);
});

test('a rollback through the balancer, followed live', async () => {
  await page.getByRole('link', { name: 'web', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Deployment web');
  const rows = page
    .getByRole('table', { name: 'Revisions' })
    .getByRole('row')
    .filter({ has: page.getByRole('cell') });
  await expect(rows).toHaveCount(2);
  await page.getByRole('button', { name: 'Roll back to revision 1' }).click();
  const dialog = page.getByRole('dialog', { name: 'Roll back Deployment "web" to revision 1' });
  await dialog.getByLabel('Reason (optional)').fill('release 2 broke checkout');
  await dialog.getByRole('button', { name: 'Confirm rollback' }).click();
  await expect(page.getByRole('status', { name: 'Done' })).toContainText(
    'Rolled back Deployment "web" to revision 1',
  );
  await expect(rows.first()).toContainText('3', { timeout: 30_000 });
  await expect(rows.first()).toContainText('release 2 broke checkout');
  const d = await apps().readNamespacedDeployment({ namespace: ns, name: 'web' });
  expect(d.spec?.template.spec?.containers[0]?.image).toBe('app:1');
});

test('a Secret revealed through one replica is in the Audit page another replica serves', async () => {
  await page.goto(`/c/${ADMIN_CONTEXT}/${ns}/secrets/db`);
  const reveal = page.waitForResponse((r) => r.url().endsWith('/secrets/db/reveal'));
  await page.getByRole('button', { name: 'Reveal password' }).click();
  await expect(page.getByRole('region', { name: 'Value of password' })).toHaveText(
    'replicated-horse-battery',
  );
  const writer = upstreamPort((await reveal).headers()[UPSTREAM_HEADER]);
  expect(writer).toBeDefined();

  // Round-robin moves on with every request: load the page until another replica renders it, with
  // the record (the Event is written just after the answer, so the first load may precede it).
  const row = page
    .getByRole('table', { name: 'Audit records' })
    .getByRole('row')
    .filter({ hasText: 'reveal' });
  await waitFor('the Audit page from a replica that did not write the record, showing it', async () => {
    const res = await page.goto(`/c/${ADMIN_CONTEXT}/${ns}/audit`);
    const reader = upstreamPort(res?.headers()[UPSTREAM_HEADER]);
    return reader !== undefined && reader !== writer && (await row.count()) === 1;
  });
  await expect(row).toContainText('secrets');
  await expect(row).toContainText('db');
  await expect(row).toContainText('system:serviceaccount:');
  // Not from the reader's own file (it has none of this): from the cluster, shared by all.
  await expect(row.getByRole('cell').last()).toHaveText('Kubernetes Event');
});

test('a replica killed under the open page: the stream moves to another and updates keep coming', async () => {
  const mark = streams().length;
  await page.goto(`/c/${ADMIN_CONTEXT}/${ns}/deployments`);
  await expect(page.getByRole('link', { name: 'worker', exact: true })).toBeVisible();
  const connection = page.getByRole('status', { name: 'Connection' });
  await expect(connection).toHaveText('Live');
  // The stream this page opened (not an earlier page's), and the replica serving it.
  const serving = await waitFor(
    'the page to open its stream',
    async () => streams().slice(mark).at(-1)?.port,
  );
  const before = streams().length;
  await lb.kill(serving);
  expect(lb.replicas.find((r) => r.port === serving)?.exited).toBe(true);

  await apps().createNamespacedDeployment({ namespace: ns, body: deployment(ns, 'after-crash') });
  await expect(page.getByRole('link', { name: 'after-crash', exact: true })).toBeVisible({ timeout: 30_000 });
  const moved = streams().slice(before);
  expect(moved.length).toBeGreaterThanOrEqual(1);
  expect(moved.at(-1)?.port).not.toBe(serving);
  await expect(connection).toHaveText('Live');

  // And a change to an object already shown (not only a new row) still arrives.
  await apps().patchNamespacedDeployment({
    namespace: ns,
    name: 'api',
    body: [{ op: 'replace', path: '/spec/replicas', value: 0 }],
  });
  await expect(page.getByRole('row', { name: /\bapi\b/ })).toContainText('0/0');
});
