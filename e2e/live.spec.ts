import type { SubscriptionSpec } from '@/lib/live/protocol';
import { streamUrl } from './support/http-tab';
import {
  ADMIN_CONTEXT,
  apps,
  core,
  createNamespace,
  deleteNamespace,
  deployment,
  waitForDeploymentReady,
} from './support/kube';
import { openSearch } from './support/palette';
import { expect, test } from './support/test';

// Every kind of the live lists, with the sentence `nobody` must get for it.
const KINDS: [string, string, boolean][] = [
  ['deployments', 'Deployments', true],
  ['statefulsets', 'StatefulSets', true],
  ['daemonsets', 'DaemonSets', true],
  ['replicasets', 'ReplicaSets', true],
  ['pods', 'Pods', true],
  ['jobs', 'Jobs', true],
  ['cronjobs', 'CronJobs', true],
  ['horizontalpodautoscalers', 'HorizontalPodAutoscalers', true],
  ['services', 'Services', true],
  ['endpointslices', 'EndpointSlices', true],
  ['ingresses', 'Ingresses', true],
  ['configmaps', 'ConfigMaps', true],
  ['secrets', 'Secrets', true],
  ['persistentvolumeclaims', 'PersistentVolumeClaims', true],
  ['persistentvolumes', 'PersistentVolumes', false],
  ['storageclasses', 'StorageClasses', false],
  ['events', 'Events', true],
  ['nodes', 'Nodes', false],
  ['namespaces', 'Namespaces', false],
];

let ns: string;

test.beforeAll(async () => {
  ns = await createNamespace('live');
});

test.afterAll(async () => {
  await deleteNamespace(ns);
});

const dataRows = (page: import('@playwright/test').Page, name: string) =>
  page
    .getByRole('table', { name })
    .getByRole('row')
    .filter({ has: page.getByRole('cell') });

test('create, scale, label and delete through the API appear without a reload', async ({ page }) => {
  await page.goto(`/c/${ADMIN_CONTEXT}/${ns}/deployments`);
  await expect(page.getByRole('status', { name: 'Connection' })).toHaveText('Live');
  await expect(page.getByText('No Deployments here.')).toBeVisible();
  // Anything that reloads the page loses this.
  await page.evaluate(() => {
    (window as unknown as { marker: string }).marker = 'same page';
  });

  await apps().createNamespacedDeployment({ namespace: ns, body: deployment(ns, 'alpha', { replicas: 1 }) });
  const alpha = dataRows(page, 'Deployments').filter({
    has: page.getByRole('cell', { name: 'alpha', exact: true }),
  });
  // Well under the page's 10 s clock tick, which re-renders everything and would hide a stuck update.
  const live = { timeout: 5000 };
  await expect(alpha).toHaveCount(1, live);
  await expect(alpha.getByRole('cell').nth(1)).toHaveText('1/1', live);

  await apps().patchNamespacedDeploymentScale({
    namespace: ns,
    name: 'alpha',
    body: [{ op: 'replace', path: '/spec/replicas', value: 3 }],
  });
  await waitForDeploymentReady(ns, 'alpha');
  await expect(alpha.getByRole('cell').nth(1)).toHaveText('3/3', live);

  // Filter by a label nobody has yet, then give it: the row comes back on its own.
  await page.getByLabel('Label selector').fill('tier=gold');
  await expect(page.getByText('No Deployments match the filter.')).toBeVisible();
  await expect(page).toHaveURL(/selector=tier%3Dgold/);
  await apps().patchNamespacedDeployment({
    namespace: ns,
    name: 'alpha',
    body: [{ op: 'add', path: '/metadata/labels', value: { tier: 'gold' } }],
  });
  await expect(alpha).toHaveCount(1, live);

  await apps().deleteNamespacedDeployment({ namespace: ns, name: 'alpha' });
  await expect(alpha).toHaveCount(0, live);
  expect(await page.evaluate(() => (window as unknown as { marker?: string }).marker)).toBe('same page');
});

test('pods of a new Deployment appear live with their node and status', async ({ page }) => {
  await page.goto(`/c/${ADMIN_CONTEXT}/${ns}/pods`);
  await expect(page.getByRole('heading', { name: 'Pods' })).toBeVisible();
  await apps().createNamespacedDeployment({ namespace: ns, body: deployment(ns, 'beta', { replicas: 2 }) });
  await waitForDeploymentReady(ns, 'beta');
  const truth = (await core().listNamespacedPod({ namespace: ns, labelSelector: 'app=beta' })).items;
  expect(truth).toHaveLength(2);
  for (const p of truth) {
    const row = dataRows(page, 'Pods').filter({
      has: page.getByRole('cell', { name: p.metadata?.name, exact: true }),
    });
    // columns: Name, Ready, Status, Restarts, Age, IP, Node (kubectl's), and a diagnosis line under
    // the row when there is something to explain.
    await expect(row.getByRole('cell').nth(1)).toHaveText('1/1');
    await expect(row.getByRole('cell').nth(2)).toHaveText('Running');
    await expect(row.getByRole('cell').nth(3)).toHaveText('0');
    await expect(row.getByRole('cell').nth(5)).toHaveText(p.status?.podIP ?? '');
    await expect(row.getByRole('cell').nth(6)).toHaveText(p.spec?.nodeName ?? '');
    await expect(row.getByRole('cell')).toHaveCount(7);
  }
  // The health classifier's diagnosis follows the pod live, without a reload.
  const first = truth[0]?.metadata?.name ?? '';
  await core().patchNamespacedPod({
    namespace: ns,
    name: first,
    body: [{ op: 'add', path: '/metadata/labels/wheelhouse.dev~1simulate', value: 'crashloop' }],
  });
  const crashing = dataRows(page, 'Pods').filter({
    has: page.getByRole('cell', { name: first, exact: true }),
  });
  await expect(crashing.getByRole('cell').nth(7)).toHaveText(/Container main is crash-looping/, {
    timeout: 30_000,
  });
  await expect(crashing.getByRole('cell').nth(2)).toHaveText('CrashLoopBackOff');
  // RESTARTS as kubectl prints it: the count and the last restart's age.
  await expect(crashing.getByRole('cell').nth(3)).toHaveText(/^\d+ \(\d+s ago\)$/);
  // The diagnosis line makes its row taller, and the other row moves instead of covering it.
  const boxes = () =>
    dataRows(page, 'Pods').evaluateAll((trs) =>
      trs.map((tr) => tr.getBoundingClientRect()).map((r) => ({ top: r.top, bottom: r.bottom })),
    );
  await expect
    .poll(async () => {
      const b = (await boxes()).sort((x, y) => x.top - y.top);
      const tall = b.some((r) => r.bottom - r.top > 40);
      const apart = b.every((r, i) => i === 0 || r.top >= (b[i - 1]?.bottom ?? 0) - 1);
      return `${b.length >= 2 ? 'rows' : 'one row'}, ${tall ? 'one taller' : 'none taller'}, ${apart ? 'apart' : 'overlapping'}`;
    })
    .toBe('rows, one taller, apart');
});

test('sorting and filters live in the URL and survive a reload', async ({ page }) => {
  await Promise.all(
    ['one', 'two', 'three'].map((name) =>
      core().createNamespacedConfigMap({ namespace: ns, body: { metadata: { name }, data: { k: name } } }),
    ),
  );
  await page.goto(`/c/${ADMIN_CONTEXT}/${ns}/configmaps`);
  const names = () => dataRows(page, 'ConfigMaps').getByRole('cell').first();
  await expect(dataRows(page, 'ConfigMaps').filter({ hasText: 'three' })).toHaveCount(1);
  await page.getByRole('button', { name: 'Name', exact: true }).click();
  await expect(page.getByRole('columnheader', { name: 'Name', exact: true })).toHaveAttribute(
    'aria-sort',
    'descending',
  );
  await expect(names()).toHaveText('two');
  await page.getByLabel('Filter').fill('thr');
  await expect(dataRows(page, 'ConfigMaps')).toHaveCount(1);
  await expect(page).toHaveURL(/q=thr/);
  await expect(page).toHaveURL(/dir=desc/);
  await page.reload();
  await expect(page.getByLabel('Filter')).toHaveValue('thr');
  await expect(dataRows(page, 'ConfigMaps')).toHaveCount(1);
  await page.getByLabel('Label selector').fill('a in (b');
  await expect(page.getByRole('alert').filter({ hasText: 'Invalid label selector' })).toContainText(
    'unbalanced',
  );
});

test('the viewer is told it may not list Secrets, and sees ConfigMaps', async ({ page }) => {
  await core().createNamespacedSecret({
    namespace: ns,
    body: { metadata: { name: 'db' }, stringData: { pw: 'x' } },
  });
  await page.goto(`/c/viewer/${ns}/secrets`);
  await expect(page.getByRole('alert', { name: 'Not allowed' })).toContainText(
    `You may not list secrets in namespace "${ns}".`,
  );
  await expect(page.getByRole('table')).toHaveCount(0);
  await page.goto(`/c/viewer/${ns}/configmaps`);
  await expect(page.getByRole('table', { name: 'ConfigMaps' })).toBeVisible();
});

test('nobody gets a forbidden sentence for every kind, never an empty table', async ({ page }) => {
  // 19 page loads in a row: on a loaded machine they need more than the default 60 s together.
  // Each page still gets only the usual expect timeout to show its sentence.
  test.setTimeout(KINDS.length * 15_000);
  for (const [slug, label, namespaced] of KINDS) {
    await page.goto(`/c/nobody/${ns}/${slug}`);
    await expect(page.getByRole('heading', { name: label, exact: true })).toBeVisible();
    await expect(page.getByRole('alert', { name: 'Not allowed' })).toContainText(
      namespaced
        ? `You may not list ${slug} in namespace "${ns}".`
        : `You may not list ${slug} in this cluster.`,
    );
    await expect(page.getByRole('table')).toHaveCount(0);
  }
});

test('an unknown kind is a 404 and a bad subscription is a 400 with the reason', async ({
  page,
  request,
  baseURL,
}) => {
  expect((await page.goto(`/c/${ADMIN_CONTEXT}/${ns}/widgets`))?.status()).toBe(404);
  // The subscription set travels in the stream's URL (any replica can serve it).
  const stream = (subscriptions: unknown) =>
    request.get(
      streamUrl(baseURL ?? '', subscriptions as SubscriptionSpec[], '00000000-0000-4000-8000-000000000000'),
    );
  const res = await stream([{ context: ADMIN_CONTEXT, kind: 'widgets', namespace: ns }]);
  expect(res.status()).toBe(400);
  expect((await res.json()).error.message).toContain('unknown kind "widgets"');
  const bad = await stream([{ context: ADMIN_CONTEXT, kind: 'pods', namespace: 'Not_OK' }]);
  expect(bad.status()).toBe(400);
  expect((await bad.json()).error.message).toContain('DNS-1123');
  const garbled = await request.get(`${baseURL}/api/stream?tab=00000000-0000-4000-8000-000000000000&s=%5B`);
  expect(garbled.status()).toBe(400);
  expect((await garbled.json()).error.message).toContain('not JSON');
});

test('a detail page shows YAML without managedFields and a Secret without its values', async ({ page }) => {
  const value = 'correct-horse-battery-staple';
  await core().createNamespacedSecret({
    namespace: ns,
    body: {
      metadata: {
        name: 'api-token',
        annotations: {
          'kubectl.kubernetes.io/last-applied-configuration': `{"stringData":{"token":"${value}"}}`,
        },
      },
      stringData: { token: value },
    },
  });
  await page.goto(`/c/${ADMIN_CONTEXT}/${ns}/secrets`);
  await page.getByRole('link', { name: 'api-token', exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`/c/admin/${ns}/secrets/api-token$`));
  await expect(page.getByRole('heading', { name: 'api-token', level: 1 })).toBeVisible();
  const key = page.getByRole('table', { name: 'Keys' }).getByRole('row').filter({ hasText: 'token' });
  await expect(key.getByRole('cell').nth(1)).toHaveText('28 B');
  const yaml = page.getByRole('region', { name: 'YAML' }).locator('pre');
  await expect(yaml).toContainText('kind: Secret');
  await expect(yaml).not.toContainText('managedFields');
  const html = await page.content();
  expect(html).not.toContain(value);
  expect(html).not.toContain(Buffer.from(value).toString('base64'));
});

test('Ctrl-K finds an object by name or label across kinds and opens it', async ({ page }) => {
  await core().createNamespacedConfigMap({
    namespace: ns,
    body: { metadata: { name: 'findable-settings', labels: { team: 'search-test' } }, data: { a: '1' } },
  });
  await page.goto(`/c/${ADMIN_CONTEXT}/${ns}/pods`);
  const dialog = await openSearch(page);
  await dialog.getByLabel('Search objects').fill('team=search-test');
  await expect(dialog.getByRole('link')).toHaveCount(1);
  await expect(dialog.getByRole('link')).toContainText('findable-settings');
  await dialog.getByLabel('Search objects').fill('findable');
  await expect(dialog.getByRole('link').first()).toContainText('findable-settings');
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(new RegExp(`/c/admin/${ns}/configmaps/findable-settings$`));
  await expect(page.getByRole('heading', { name: 'findable-settings', level: 1 })).toBeVisible();
});

test('a long list is a window: the page holds a few hundred rows, scrolls to any of them, live', async ({
  page,
}) => {
  const big = await createNamespace('window');
  try {
    const names = Array.from({ length: 700 }, (_, i) => `item-${String(i).padStart(3, '0')}`);
    for (let i = 0; i < names.length; i += 50)
      await Promise.all(
        names
          .slice(i, i + 50)
          .map((name) => core().createNamespacedConfigMap({ namespace: big, body: { metadata: { name } } })),
      );
    await page.goto(`/c/${ADMIN_CONTEXT}/${big}/configmaps`);
    // 700 plus the namespace's kube-root-ca.crt.
    await expect(page.getByText(`701 in namespace ${big}`, { exact: true })).toBeVisible();
    const table = page.getByRole('table', { name: 'ConfigMaps' });
    await expect(table).toHaveAttribute('aria-rowcount', '702');
    await expect(table).toHaveAttribute('data-live', 'true');
    // The browser is sent one window (300 rows); the table renders those on screen.
    expect(await table.locator('tbody tr').count()).toBeLessThan(100);
    const region = page.getByRole('region', { name: 'ConfigMaps table' });
    await region.evaluate((el) => el.scrollTo({ top: el.scrollHeight }));
    await expect(table.getByRole('link', { name: 'kube-root-ca.crt' })).toBeVisible();
    await expect(table.getByRole('link', { name: 'item-699' })).toBeVisible();
    // A change far from the first window shows where the user is looking, without a reload.
    await core().patchNamespacedConfigMap({
      namespace: big,
      name: 'item-698',
      body: [{ op: 'add', path: '/data', value: { a: '1', b: '2' } }],
    });
    await expect(
      table
        .getByRole('row', { name: /item-698/ })
        .getByRole('cell')
        .nth(1),
    ).toHaveText('2');
    // The server filters and sorts the whole list.
    await page.getByLabel('Filter').fill('item-69');
    await expect(page.getByText(`10 of 701 in namespace ${big}`, { exact: true })).toBeVisible();
    await page.getByRole('button', { name: 'Name', exact: true }).click();
    await expect(dataRows(page, 'ConfigMaps').first().getByRole('cell').first()).toHaveText('item-699');
    await core().deleteNamespacedConfigMap({ namespace: big, name: 'item-695' });
    await expect(page.getByText(`9 of 700 in namespace ${big}`, { exact: true })).toBeVisible();
  } finally {
    await deleteNamespace(big);
  }
});
