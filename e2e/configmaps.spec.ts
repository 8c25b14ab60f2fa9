import { ADMIN_CONTEXT, apps, core, createNamespace, deleteNamespace, deployment } from './support/kube';
import { expect, test } from './support/test';

let ns: string;
const big = Array.from({ length: 60 }, (_, i) => `line ${i + 1}: some configuration value`).join('\n');

test.beforeAll(async () => {
  ns = await createNamespace('config');
  await core().createNamespacedConfigMap({
    namespace: ns,
    body: {
      metadata: { name: 'app-config' },
      data: { MODE: 'production', 'big.conf': big },
      binaryData: { 'logo.png': Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 1, 2]).toString('base64') },
    },
  });
  const d = deployment(ns, 'reader');
  const spec = d.spec?.template.spec;
  if (spec) {
    spec.volumes = [{ name: 'cfg', configMap: { name: 'app-config' } }];
    const c = spec.containers[0];
    if (c) c.envFrom = [{ configMapRef: { name: 'app-config' } }];
  }
  await apps().createNamespacedDeployment({ namespace: ns, body: d });
});

test.afterAll(async () => {
  await deleteNamespace(ns);
});

test('a ConfigMap shows its keys, collapses large values, and lists who uses it', async ({ page }) => {
  await page.goto(`/c/${ADMIN_CONTEXT}/${ns}/configmaps/app-config`);
  const keys = page.getByRole('list', { name: 'Keys' });
  await expect(keys.getByRole('listitem', { name: 'MODE' })).toContainText('production');
  const large = keys.getByRole('listitem', { name: 'big.conf' });
  await expect(large).toContainText('60 lines; show');
  await expect(large.getByText('line 60: some configuration value')).toBeHidden();
  await large.getByText('60 lines; show').click();
  await expect(large.getByText('line 60: some configuration value', { exact: false })).toBeVisible();
  await expect(keys.getByRole('listitem', { name: 'logo.png' })).toContainText('binary, 7 B; not shown');
  const usedBy = page.getByRole('table', { name: 'Used by' });
  await expect(usedBy.getByRole('row', { name: /reader/ })).toContainText('envFrom, volume');
  await usedBy.getByRole('link', { name: 'reader' }).click();
  await expect(page).toHaveURL(new RegExp(`/c/${ADMIN_CONTEXT}/${ns}/deployments/reader$`));
});

test('a ConfigMap that does not exist says so', async ({ page }) => {
  await page.goto(`/c/${ADMIN_CONTEXT}/${ns}/configmaps/missing`);
  await expect(page.getByRole('alert', { name: 'Could not load' })).toContainText(
    `ConfigMap "missing" was not found in namespace "${ns}".`,
  );
});
