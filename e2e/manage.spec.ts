import type { Page } from '@playwright/test';
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

let ns: string;

test.beforeAll(async () => {
  ns = await createNamespace('manage-ui');
});
test.afterAll(async () => {
  await deleteNamespace(ns);
});

/** A ready Deployment whose controller has stopped writing its status (so its resourceVersion holds still). */
async function settled(name: string, replicas = 2) {
  await apps().createNamespacedDeployment({
    namespace: ns,
    body: deployment(ns, name, { replicas, image: 'app:1' }),
  });
  await waitForDeploymentReady(ns, name);
  let last = '';
  await waitFor(
    `${name} to stop changing`,
    async () => {
      const rv =
        (await apps().readNamespacedDeployment({ namespace: ns, name })).metadata?.resourceVersion ?? '';
      const same = rv === last;
      last = rv;
      return same;
    },
    { intervalMs: 750 },
  );
}

const image = async (name: string) =>
  (await apps().readNamespacedDeployment({ namespace: ns, name })).spec?.template.spec?.containers[0]?.image;

/** Types into CodeMirror like a person: on the image line, replace the tag and add a port below it. */
async function editImage(page: Page, from: string, to: string) {
  const editor = page.getByTestId('yaml-editor');
  await expect(editor).toHaveAttribute('data-ready', 'true');
  const line = editor.locator('.cm-line', { hasText: `image: ${from}` });
  const text = (await line.textContent()) ?? '';
  const indent = text.length - text.trimStart().length;
  await line.click();
  await page.keyboard.press('End');
  for (let i = 0; i < from.length; i++) await page.keyboard.press('Backspace');
  await page.keyboard.type(to);
  // Typing may open the completion popup, where Enter would pick a completion instead.
  await page.keyboard.press('Escape');
  // A port without protocol: the API server fills in TCP, which the diff must show as its own.
  await page.keyboard.press('Enter');
  await page.keyboard.insertText('ports: [{containerPort: 8080}]');
  // The editor kept the container's indentation on the new line.
  const added = editor.locator('.cm-line', { hasText: 'ports: [{containerPort: 8080}]' });
  expect(await added.textContent()).toBe(`${' '.repeat(indent)}ports: [{containerPort: 8080}]`);
}

test('edit a Deployment image: dry-run diff with a defaulted field, apply, the rollout starts', async ({
  page,
}) => {
  await settled('web');
  await page.goto(`/c/${ADMIN_CONTEXT}/${ns}/deployments/web`);
  await page.getByRole('link', { name: 'Edit YAML' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Edit web');
  await editImage(page, 'app:1', 'app:2');
  await page.getByRole('button', { name: 'Review changes (dry run)' }).click();
  const changes = page.getByRole('table', { name: 'Changes' });
  const imageRow = changes.getByRole('row', { name: /containers\[name=main\]\.image/ });
  await expect(imageRow).toContainText('app:1');
  await expect(imageRow).toContainText('app:2');
  const protocol = changes.getByRole('row', { name: /ports\[0\]\.protocol/ });
  await expect(protocol).toContainText('TCP');
  await expect(protocol).toContainText('set by the API server');
  expect(await image('web')).toBe('app:1');

  await page.getByRole('button', { name: 'Apply' }).click();
  await expect(page.getByRole('heading', { name: 'Saved' })).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: 'saved' })).toContainText('Deployment "web" saved');
  expect(await image('web')).toBe('app:2');
  await page.getByRole('link', { name: 'Back to the object' }).click();
  await expect(page.getByRole('status', { name: 'Rollout status' })).toContainText('revision 2', {
    timeout: 20_000,
  });
});

test('a change between the dry run and apply: 409 with the new diff, nothing applied', async ({ page }) => {
  await settled('race');
  await page.goto(`/c/${ADMIN_CONTEXT}/${ns}/deployments/race/edit`);
  await editImage(page, 'app:1', 'app:5');
  await page.getByRole('button', { name: 'Review changes (dry run)' }).click();
  await expect(page.getByRole('table', { name: 'Changes' })).toContainText('app:5');

  // Someone else scales it meanwhile.
  await apps().patchNamespacedDeployment({
    namespace: ns,
    name: 'race',
    body: [{ op: 'replace', path: '/spec/replicas', value: 3 }],
  });
  await page.getByRole('button', { name: 'Apply' }).click();
  await expect(page.getByRole('alert', { name: 'Changed by someone else' })).toContainText(
    'Nothing was applied',
  );
  await expect(page.getByRole('heading', { name: 'What your edit would do now' })).toBeVisible();
  // The new diff is against the version stored now: applying would undo the scale.
  const replicas = page
    .getByRole('table', { name: 'Changes' })
    .getByRole('row', { name: /\bspec\.replicas\b/ });
  await expect(replicas).toContainText('3');
  await expect(replicas).toContainText('2');
  const live = await apps().readNamespacedDeployment({ namespace: ns, name: 'race' });
  expect(live.spec?.replicas).toBe(3);
  expect(live.spec?.template.spec?.containers[0]?.image).toBe('app:1');
});

test('create two documents, one invalid: the valid one is created only after confirming', async ({
  page,
}) => {
  await page.goto(`/c/${ADMIN_CONTEXT}/${ns}/overview`);
  await page.getByRole('link', { name: 'Create', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Create from YAML');
  const editor = page.getByTestId('yaml-editor');
  await expect(editor).toHaveAttribute('data-ready', 'true');
  await page.getByLabel('Upload a file').setInputFiles({
    name: 'two.yaml',
    mimeType: 'text/yaml',
    buffer: Buffer.from(
      'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: good\ndata:\n  a: "1"\n---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: Not_Valid\n',
    ),
  });
  await expect(editor.locator('.cm-line', { hasText: 'name: Not_Valid' })).toBeVisible();
  await page.getByRole('button', { name: 'Review (dry run)' }).click();
  const docs = page.getByRole('list', { name: 'Documents' }).locator(':scope > li');
  await expect(docs).toHaveCount(2);
  await expect(docs.nth(0)).toHaveAttribute('data-status', 'valid');
  await expect(docs.nth(1)).toHaveAttribute('data-status', 'invalid');
  await expect(docs.nth(1)).toContainText('Not_Valid');

  await page.getByRole('button', { name: 'Create', exact: true }).click();
  const confirm = page.getByRole('alert', { name: 'Some documents are invalid' });
  await expect(confirm).toContainText('Nothing was created');
  const absent = await core()
    .readNamespacedConfigMap({ namespace: ns, name: 'good' })
    .then(
      () => false,
      (e: { code?: number }) => e.code === 404,
    );
  expect(absent).toBe(true);

  await confirm.getByRole('button', { name: /Create the 1 valid document/ }).click();
  await expect(docs.nth(0)).toHaveAttribute('data-status', 'created');
  await expect(docs.nth(1)).toHaveAttribute('data-status', 'skipped');
  expect((await core().readNamespacedConfigMap({ namespace: ns, name: 'good' })).data?.a).toBe('1');
});

/** Whether a read of an object found it: what a poll waits on for a deletion to finish. */
function presence(read: Promise<unknown>): Promise<'present' | 'gone'> {
  return read.then(
    () => 'present',
    () => 'gone',
  );
}

test('a deleted object is gone at once, and the dialog still says so and leads back to the list', async ({
  page,
}) => {
  await core().createNamespacedConfigMap({ namespace: ns, body: { metadata: { name: 'gone-at-once' } } });
  await page.goto(`/c/${ADMIN_CONTEXT}/${ns}/configmaps/gone-at-once`);
  await page.getByRole('button', { name: 'Delete', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Delete ConfigMap gone-at-once?' });
  await dialog.getByRole('button', { name: 'Delete ConfigMap' }).click();
  await expect(dialog.getByRole('status')).toContainText('deletion requested (Background');
  await expect
    .poll(() => presence(core().readNamespacedConfigMap({ namespace: ns, name: 'gone-at-once' })))
    .toBe('gone');
  // The page under the dialog is not reloaded into "could not load" (taking the dialog with it)
  // while the user reads the answer: it was, when the page refreshed right after the delete.
  await expect(dialog.getByRole('status')).toContainText('deletion requested (Background');
  await dialog.getByRole('button', { name: 'Back to the list' }).click();
  await expect(page).toHaveURL(new RegExp(`/c/${ADMIN_CONTEXT}/${ns}/configmaps$`));
});

test('delete a Deployment with foreground propagation: the dialog names its pods, then they go', async ({
  page,
}) => {
  await settled('doomed');
  const pods = page.getByRole('link', { name: /^doomed-/ });
  await page.goto(`/c/${ADMIN_CONTEXT}/${ns}/pods`);
  await expect(pods).toHaveCount(2);

  await page.goto(`/c/${ADMIN_CONTEXT}/${ns}/deployments/doomed`);
  await page.getByRole('button', { name: 'Delete', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Delete Deployment doomed?' });
  await expect(dialog.getByRole('region', { name: 'What goes with it' })).toContainText(
    /1 ReplicaSet .*; 2 Pods/,
  );
  await dialog.getByRole('radio', { name: /Foreground/ }).check();
  await dialog.getByRole('button', { name: 'Delete Deployment' }).click();
  await expect(dialog.getByRole('status')).toContainText('deletion requested (Foreground');

  await page.goto(`/c/${ADMIN_CONTEXT}/${ns}/pods`);
  await expect(pods).toHaveCount(0, { timeout: 30_000 });
  await expect
    .poll(() => presence(apps().readNamespacedDeployment({ namespace: ns, name: 'doomed' })), {
      timeout: 30_000,
    })
    .toBe('gone');
});
