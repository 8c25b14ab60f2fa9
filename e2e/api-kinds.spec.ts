import { ApiextensionsV1Api, CustomObjectsApi } from '@kubernetes/client-node';
import { ADMIN_CONTEXT, adminConfig, createNamespace, deleteNamespace } from './support/kube';
import { expect, test } from './support/test';

// Every API kind in the browser: a CRD installed while a page is open appears in its navigation
// without a reload (pushed over the tab's stream), its list has the CRD's printer columns (the
// priority-1 one left out, as kubectl get does), and its objects have the detail page with YAML,
// Edit and Delete.

const suffix = Math.random().toString(36).slice(2, 8);
const GROUP = `ui${suffix}.wheelhouse.test`;
const SLUG = `gadgets.${GROUP}`;
let ns: string;

const crds = () => adminConfig().makeApiClient(ApiextensionsV1Api);

test.beforeAll(async () => {
  ns = await createNamespace('apikinds-ui');
});
test.afterAll(async () => {
  await crds()
    .deleteCustomResourceDefinition({ name: SLUG })
    .catch(() => undefined);
  await deleteNamespace(ns);
});

test('a CRD installed while the page is open: in the navigation without reload, printer columns, detail with YAML', async ({
  page,
}) => {
  await page.goto(`/c/${ADMIN_CONTEXT}/${ns}/deployments`);
  const nav = page.getByRole('navigation', { name: 'Resources' });
  // Built-in kinds beyond Wheelhouse's own are there from aggregated discovery.
  await expect(nav.getByRole('heading', { name: 'API kinds' })).toBeVisible();
  await expect(nav.getByText('rbac.authorization.k8s.io', { exact: true })).toBeVisible();
  await expect(nav.getByText(GROUP, { exact: true })).toHaveCount(0);
  // Marks this document: a reload or navigation would lose it.
  await page.evaluate(() => {
    (window as unknown as { marker: string }).marker = 'same document';
  });

  await crds().createCustomResourceDefinition({
    body: {
      metadata: { name: SLUG },
      spec: {
        group: GROUP,
        scope: 'Namespaced',
        names: { plural: 'gadgets', singular: 'gadget', kind: 'Gadget' },
        versions: [
          {
            name: 'v1',
            served: true,
            storage: true,
            schema: {
              openAPIV3Schema: {
                type: 'object',
                properties: {
                  spec: {
                    type: 'object',
                    properties: {
                      colour: { type: 'string' },
                      size: { type: 'integer' },
                      note: { type: 'string' },
                    },
                  },
                },
              },
            },
            additionalPrinterColumns: [
              { name: 'Colour', type: 'string', jsonPath: '.spec.colour' },
              { name: 'Size', type: 'integer', jsonPath: '.spec.size' },
              { name: 'Note', type: 'string', jsonPath: '.spec.note', priority: 1 },
              { name: 'Age', type: 'date', jsonPath: '.metadata.creationTimestamp' },
            ],
          },
        ],
      },
    },
  });
  const group = nav.getByText(GROUP, { exact: true });
  await expect(group).toBeVisible({ timeout: 30_000 });
  expect(await page.evaluate(() => (window as unknown as { marker?: string }).marker)).toBe('same document');

  // The custom resource is created once the API server serves the new kind.
  await expect
    .poll(
      () =>
        adminConfig()
          .makeApiClient(CustomObjectsApi)
          .createNamespacedCustomObject({
            group: GROUP,
            version: 'v1',
            namespace: ns,
            plural: 'gadgets',
            body: {
              apiVersion: `${GROUP}/v1`,
              kind: 'Gadget',
              metadata: { name: 'sprocket' },
              spec: { colour: 'teal', size: 42, note: 'only with -o wide' },
            },
          })
          .then(
            () => 'created',
            (e: unknown) => String(e),
          ),
      { timeout: 20_000 },
    )
    .toBe('created');

  await group.click();
  await nav.getByRole('link', { name: 'Gadgets' }).click();
  await expect(page).toHaveURL(new RegExp(`/${ns}/${SLUG.replaceAll('.', '\\.')}$`));
  await expect(page.getByRole('heading', { name: 'Gadgets', level: 1 })).toBeVisible();
  const table = page.getByRole('table', { name: 'Gadgets' });
  const headers = table.getByRole('columnheader');
  // The list sorts by name: its header carries the sort mark.
  await expect(headers).toHaveText([/^Name/, 'Colour', 'Size', 'Age']);
  const row = table.getByRole('row').filter({ hasText: 'sprocket' });
  await expect(row.getByRole('cell')).toHaveText(['sprocket', 'teal', '42', /^\d+s$/]);

  await row.getByRole('link', { name: 'sprocket' }).click();
  await expect(page.getByRole('heading', { name: 'sprocket', level: 1 })).toBeVisible();
  const yaml = page.getByRole('region', { name: 'YAML', exact: true }).locator('xpath=self::pre');
  await expect(yaml).toContainText(`apiVersion: ${GROUP}/v1`);
  await expect(yaml).toContainText('colour: teal');
  await expect(page.getByRole('link', { name: 'Edit YAML' })).toBeVisible();
  await expect(page.getByRole('button', { name: /^Delete/ })).toBeEnabled();
});
