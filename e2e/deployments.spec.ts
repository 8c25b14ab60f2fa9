import {
  ADMIN_CONTEXT,
  apps,
  createNamespace,
  deleteNamespace,
  deployment,
  waitForDeploymentReady,
} from './support/kube';
import { expect, test } from './support/test';

let ns: string;

test.beforeAll(async () => {
  ns = await createNamespace('deploy');
  await Promise.all([
    apps().createNamespacedDeployment({ namespace: ns, body: deployment(ns, 'api', { replicas: 3 }) }),
    apps().createNamespacedDeployment({
      namespace: ns,
      body: deployment(ns, 'web', { replicas: 2, images: ['nginx:1.27', 'envoy:1.30'] }),
    }),
    apps().createNamespacedDeployment({ namespace: ns, body: deployment(ns, 'idle', { replicas: 0 }) }),
  ]);
  await Promise.all(['api', 'web', 'idle'].map((n) => waitForDeploymentReady(ns, n)));
});

test.afterAll(async () => {
  await deleteNamespace(ns);
});

test('every row of the Deployments page matches the API server', async ({ page }) => {
  await page.goto(`/c/${ADMIN_CONTEXT}/${ns}/deployments`);
  await expect(page.getByRole('heading', { name: 'Deployments' })).toBeVisible();
  const table = page.getByRole('table', { name: 'Deployments' });
  const truth = (await apps().listNamespacedDeployment({ namespace: ns })).items;
  expect(truth).toHaveLength(3);
  const rows = table.getByRole('row').filter({ has: page.getByRole('cell') });
  await expect(rows).toHaveCount(truth.length);
  for (const d of truth) {
    const name = d.metadata?.name ?? '';
    const row = rows.filter({ has: page.getByRole('cell', { name, exact: true }) });
    const cells = row.getByRole('cell');
    // columns: Name, Ready, Up-to-date, Available, Age, Images
    await expect(cells.nth(0)).toHaveText(name);
    await expect(cells.nth(1)).toHaveText(`${d.status?.readyReplicas ?? 0}/${d.spec?.replicas}`);
    await expect(cells.nth(2)).toHaveText(String(d.status?.updatedReplicas ?? 0));
    await expect(cells.nth(3)).toHaveText(String(d.status?.availableReplicas ?? 0));
    await expect(cells.nth(4)).toHaveText(/^\d+[smhdy]$/);
    const images = (d.spec?.template.spec?.containers ?? []).map((c) => c.image ?? '');
    await expect(cells.nth(5)).toHaveText(images.join(''));
  }
});

test('the first page of the seeded cluster lists the demo Deployments', async ({ page }) => {
  await page.goto('/');
  await expect(page).toHaveURL(/\/c\/admin\/[a-z0-9-]+\/deployments$/);
  await page.getByLabel('Namespace').selectOption('demo');
  await expect(page).toHaveURL(/\/c\/admin\/demo\/deployments$/);
  const truth = (await apps().listNamespacedDeployment({ namespace: 'demo' })).items;
  expect(truth.length).toBeGreaterThan(0);
  for (const d of truth) {
    await expect(page.getByRole('cell', { name: d.metadata?.name, exact: true })).toBeVisible();
  }
});

test('the context selector lists every kubeconfig context', async ({ page }) => {
  await page.goto(`/c/${ADMIN_CONTEXT}/${ns}/deployments`);
  const select = page.getByLabel('Context');
  await expect(select.getByRole('option')).toHaveText(['admin', 'nobody', 'unreachable', 'viewer'].sort());
});

test('a malformed namespace in the URL is a 400 that says why', async ({ page }) => {
  const res = await page.goto(`/c/${ADMIN_CONTEXT}/Not_A_Namespace/deployments`);
  expect(res?.status()).toBe(400);
  await expect(page.getByRole('alert')).toContainText('DNS-1123 label');
});

test('an unknown context or namespace is a 404', async ({ page }) => {
  expect((await page.goto('/c/no-such-context/default/deployments'))?.status()).toBe(404);
  expect((await page.goto(`/c/${ADMIN_CONTEXT}/no-such-namespace/deployments`))?.status()).toBe(404);
  await expect(page.getByText('does not exist', { exact: false })).toBeVisible();
});

test('an unreachable cluster is named on the page and nothing crashes', async ({ page }) => {
  const res = await page.goto('/c/unreachable/default/deployments');
  expect(res?.status()).toBe(200);
  await expect(page.getByRole('alert', { name: 'Cluster unreachable' })).toContainText(
    'context "unreachable"',
  );
  await expect(page.getByLabel('Context')).toHaveValue('unreachable');
});

test('a user without rights sees a forbidden sentence, not an empty table', async ({ page }) => {
  await page.goto(`/c/nobody/${ns}/deployments`);
  await expect(page.getByRole('alert', { name: 'Not allowed' })).toContainText(
    `You may not list deployments in namespace "${ns}".`,
  );
  await expect(page.getByRole('table')).toHaveCount(0);
});
