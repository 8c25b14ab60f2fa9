import {
  ADMIN_CONTEXT,
  apps,
  core,
  createNamespace,
  deleteNamespace,
  deployment,
  waitForDeploymentReady,
} from './support/kube';
import { expect, test } from './support/test';

// Config drift on an open Deployment page, live: the notice appears when a Secret the pods read as
// an env var changes, and goes after "Restart to pick up" replaced the pods, without a reload.

let ns: string;
test.beforeAll(async () => {
  ns = await createNamespace('drift-ui');
});
test.afterAll(async () => {
  await deleteNamespace(ns);
});

test('the drift notice appears and goes on the open page, pushed over the stream', async ({ page }) => {
  await core().createNamespacedSecret({
    namespace: ns,
    body: { metadata: { name: 'db', namespace: ns }, stringData: { password: 'one' } },
  });
  const body = deployment(ns, 'app', { replicas: 1 });
  const container = body.spec?.template.spec?.containers[0];
  if (container)
    container.env = [{ name: 'PASSWORD', valueFrom: { secretKeyRef: { name: 'db', key: 'password' } } }];
  await apps().createNamespacedDeployment({ namespace: ns, body });
  await waitForDeploymentReady(ns, 'app');
  await page.goto(`/c/${ADMIN_CONTEXT}/${ns}/deployments/app`);
  await expect(page.getByRole('status', { name: 'Connection' })).toHaveText('Live');
  const notice = page.getByText('Running with old configuration');
  await expect(notice).toHaveCount(0);
  await page.evaluate(() => {
    (window as unknown as { marker: string }).marker = 'same document';
  });
  // The containers' start time has whole seconds: change the Secret in a later second.
  await page.waitForFunction((t) => Math.floor(Date.now() / 1000) > t + 1, Math.floor(Date.now() / 1000));
  await core().patchNamespacedSecret({
    namespace: ns,
    name: 'db',
    body: [{ op: 'replace', path: '/data/password', value: Buffer.from('two').toString('base64') }],
  });
  await expect(notice).toBeVisible({ timeout: 20_000 });
  await expect(page.getByText(/Secret "db" changed at .* the old ones until the pod restarts/)).toBeVisible();
  await page.getByRole('button', { name: 'Restart to pick up' }).click();
  await expect(notice).toHaveCount(0, { timeout: 45_000 });
  expect(await page.evaluate(() => (window as unknown as { marker?: string }).marker)).toBe('same document');
});
