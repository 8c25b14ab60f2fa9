import type { Page } from '@playwright/test';
import {
  ADMIN_CONTEXT,
  apps,
  createNamespace,
  deleteNamespace,
  deployment,
  waitFor,
  waitForDeploymentReady,
} from './support/kube';
import { expect, test } from './support/test';

// The tests build on each other (the rollback of the first is the history of the later ones).
test.describe.configure({ mode: 'serial' });

let ns: string;

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
  // Old pods gone too, so every test starts from a settled rollout.
  await waitFor('old replicas to terminate', async () => {
    const d = await apps().readNamespacedDeployment({ namespace: ns, name });
    return d.status?.replicas === d.spec?.replicas;
  });
}

async function threeRevisions(name: string) {
  await apps().createNamespacedDeployment({
    namespace: ns,
    body: deployment(ns, name, { replicas: 2, image: 'app:1' }),
  });
  await waitForDeploymentReady(ns, name);
  await waitFor('revision annotation', async () => {
    const d = await apps().readNamespacedDeployment({ namespace: ns, name });
    return d.metadata?.annotations?.['deployment.kubernetes.io/revision'] === '1';
  });
  await setImage(name, 'app:2', 'release 2');
  await setImage(name, 'app:3', 'release 3');
}

test.beforeAll(async () => {
  ns = await createNamespace('rollouts-ui');
  await Promise.all([threeRevisions('web'), threeRevisions('race')]);
});

test.afterAll(async () => {
  await deleteNamespace(ns);
});

const image = async (name: string) =>
  (await apps().readNamespacedDeployment({ namespace: ns, name })).spec?.template.spec?.containers[0]?.image;

async function openDetail(page: Page, name: string) {
  await page.goto(`/c/${ADMIN_CONTEXT}/${ns}/deployments`);
  await page.getByRole('link', { name, exact: true }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Deployment ${name}`);
}

test('history, diff and a one-click rollback to a chosen revision', async ({ page }) => {
  await openDetail(page, 'web');
  const status = page.getByRole('status', { name: 'Rollout status' });
  await expect(status).toContainText('Complete');
  await expect(status).toContainText('2 of 2 updated, 2 available');
  const table = page.getByRole('table', { name: 'Revisions' });
  const rows = table.getByRole('row').filter({ has: page.getByRole('cell') });
  await expect(rows).toHaveCount(3);
  await expect(rows.first()).toHaveAttribute('aria-current', 'true');
  await expect(rows.first()).toContainText('3');
  await expect(rows.first()).toContainText('current');
  await expect(rows.nth(1)).toContainText('release 2');

  await page.getByRole('button', { name: 'Show diff for revision 1' }).click();
  const diff = page.getByRole('region', { name: 'Diff to revision 1' });
  await expect(diff).toContainText('image');
  await expect(diff.getByRole('deletion')).toHaveText('app:3');
  await expect(diff.getByRole('insertion')).toHaveText('app:1');

  await page.getByRole('button', { name: 'Roll back to revision 1' }).click();
  const dialog = page.getByRole('dialog', { name: 'Roll back Deployment "web" to revision 1' });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole('region', { name: 'Changes the rollback makes' })).toContainText('app:1');
  await dialog.getByLabel('Reason (optional)').fill('release 3 broke checkout');
  await dialog.getByRole('button', { name: 'Confirm rollback' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('status', { name: 'Done' })).toContainText(
    'Rolled back Deployment "web" to revision 1',
  );

  await expect(rows.first()).toContainText('4', { timeout: 20_000 });
  // The change-cause is kubectl's command for it, then who and why.
  await expect(rows.first()).toContainText('rollout undo deployment/web --to-revision=1 by ');
  await expect(rows.first()).toContainText('release 3 broke checkout');
  await expect(status).toContainText('Complete', { timeout: 30_000 });
  await expect(status).toContainText('revision 4');
  expect(await image('web')).toBe('app:1');
});

test('a change made while the dialog is open is caught: 409, the new diff, then a confirmed rollback', async ({
  page,
}) => {
  await openDetail(page, 'race');
  await page.getByRole('button', { name: 'Roll back to revision 1' }).click();
  const dialog = page.getByRole('dialog', { name: 'Roll back Deployment "race" to revision 1' });
  await expect(dialog.getByRole('region', { name: 'Changes the rollback makes' })).toContainText('app:3');

  await setImage('race', 'app:9', 'hotfix shipped meanwhile');
  await dialog.getByRole('button', { name: 'Confirm rollback' }).click();
  await expect(dialog.getByRole('alert', { name: 'Changed since you looked' })).toContainText(
    'changed since you looked',
  );
  // Nothing was applied, and the dialog now shows the diff from the new state.
  expect(await image('race')).toBe('app:9');
  await expect(
    dialog.getByRole('region', { name: 'Changes the rollback makes' }).getByRole('deletion'),
  ).toHaveText('app:9');
  await dialog.getByRole('button', { name: 'Roll back using the latest version' }).click();
  await expect(dialog).toBeHidden();
  await expect.poll(() => image('race')).toBe('app:1');
});

test('scaling to zero asks for a confirmation that says so', async ({ page }) => {
  await page.goto(`/c/${ADMIN_CONTEXT}/${ns}/deployments/race`);
  await page.getByRole('spinbutton', { name: 'Replicas' }).fill('0');
  await page.getByRole('button', { name: 'Scale', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Scale Deployment "race" to 0' });
  await expect(dialog.getByRole('alert', { name: 'Scaling to zero' })).toBeVisible();
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toBeHidden();
  expect((await apps().readNamespacedDeployment({ namespace: ns, name: 'race' })).spec?.replicas).toBe(2);
});

test('a paused Deployment is not rolled back; the dialog says so and offers to resume', async ({ page }) => {
  await apps().patchNamespacedDeployment({
    namespace: ns,
    name: 'race',
    body: [{ op: 'add', path: '/spec/paused', value: true }],
  });
  await page.goto(`/c/${ADMIN_CONTEXT}/${ns}/deployments/race`);
  await expect(page.getByRole('button', { name: 'Resume', exact: true })).toBeVisible();
  // Restart is refused as `kubectl rollout restart` refuses it, before anything is sent.
  await page.getByRole('button', { name: 'Restart', exact: true }).click();
  const restart = page.getByRole('dialog', { name: 'Restart Deployment "race"' });
  await expect(restart.getByRole('alert', { name: 'Paused' })).toContainText('cannot be restarted');
  await expect(restart.getByRole('button', { name: 'Resume rollout' })).toBeVisible();
  await expect(restart.getByRole('button', { name: 'Confirm restart' })).toBeDisabled();
  await restart.getByRole('button', { name: 'Cancel' }).click();
  await expect(restart).toBeHidden();
  await page.getByRole('button', { name: 'Roll back to revision 2' }).click();
  const paused = page.getByRole('alert', { name: 'Paused' });
  await expect(paused).toContainText('Resume it first');
  await paused.getByRole('button', { name: 'Resume rollout' }).click();
  const confirm = page.getByRole('dialog', { name: 'Resume Deployment "race"' });
  await confirm.getByRole('button', { name: 'Confirm resume' }).click();
  await expect(confirm).toBeHidden();
  await expect
    .poll(
      async () =>
        (await apps().readNamespacedDeployment({ namespace: ns, name: 'race' })).spec?.paused ?? false,
    )
    .toBe(false);
  await expect(page.getByRole('button', { name: 'Pause', exact: true })).toBeVisible();
});

test('a viewer sees the actions disabled with the reason', async ({ page }) => {
  await page.goto(`/c/viewer/${ns}/deployments/web`);
  await expect(page.getByRole('button', { name: 'Restart' })).toBeDisabled();
  await expect(page.getByRole('button', { name: 'Roll back to revision 2' })).toBeDisabled();
  await expect(
    page.getByText(`Actions are disabled: You may not patch deployments in namespace "${ns}".`),
  ).toBeVisible();
});

test('the seeded stuck Deployment is flagged and offers its last healthy revision', async ({ page }) => {
  await page.goto(`/c/${ADMIN_CONTEXT}/shop/deployments/checkout`);
  const banner = page.getByRole('alert', { name: 'Rollout stuck' });
  await expect(banner).toContainText('progress deadline', { timeout: 30_000 });
  await expect(banner.getByRole('button', { name: 'Roll back to revision 1' })).toBeEnabled();
});

test('an unknown Deployment is a 404 and a bad revision a 404 that lists the real ones', async ({
  page,
  request,
}) => {
  expect((await page.goto(`/c/${ADMIN_CONTEXT}/${ns}/deployments/no-such-thing`))?.status()).toBe(404);
  const res = await request.get(
    `/api/c/${ADMIN_CONTEXT}/${ns}/workloads/deployments/web/rollback?revision=99`,
  );
  expect(res.status()).toBe(404);
  expect((await res.json()).error.message).toMatch(/Existing revisions: 2, 3, 4\./);
  const bad = await request.post(`/api/c/${ADMIN_CONTEXT}/${ns}/workloads/deployments/web/scale`, {
    data: { replicas: -1, generation: 1 },
    // Same-origin, as a page would send it: without Origin the proxy refuses before validation.
    headers: { Origin: new URL(page.url()).origin },
  });
  expect(bad.status()).toBe(400);
  const cross = await request.post(`/api/c/${ADMIN_CONTEXT}/${ns}/workloads/deployments/web/restart`, {
    data: { generation: 1 },
    headers: { Origin: 'https://evil.example' },
  });
  expect(cross.status()).toBe(403);
});

test('a StatefulSet page shows its ControllerRevision history and rolls back', async ({ page }) => {
  const name = 'db';
  const template = (image: string) => ({
    metadata: { labels: { app: name } },
    spec: {
      containers: [{ name: 'main', image }],
      tolerations: [{ key: 'kwok.x-k8s.io/node', operator: 'Exists', effect: 'NoSchedule' }],
    },
  });
  await apps().createNamespacedStatefulSet({
    namespace: ns,
    body: {
      metadata: { name },
      spec: {
        replicas: 1,
        serviceName: name,
        selector: { matchLabels: { app: name } },
        template: template('db:1'),
      },
    },
  });
  const settled = (image: string) =>
    waitFor(`StatefulSet on ${image}`, async () => {
      const s = await apps().readNamespacedStatefulSet({ namespace: ns, name });
      return s.status?.observedGeneration === s.metadata?.generation &&
        s.status?.updateRevision === s.status?.currentRevision &&
        s.status?.readyReplicas === 1 &&
        s.spec?.template.spec?.containers[0]?.image === image
        ? s
        : undefined;
    });
  await settled('db:1');
  await apps().patchNamespacedStatefulSet({
    namespace: ns,
    name,
    body: [{ op: 'replace', path: '/spec/template/spec/containers/0/image', value: 'db:2' }],
  });
  await settled('db:2');

  await page.goto(`/c/${ADMIN_CONTEXT}/${ns}/statefulsets/${name}`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`StatefulSet ${name}`);
  const rows = page
    .getByRole('table', { name: 'Revisions' })
    .getByRole('row')
    .filter({ has: page.getByRole('cell') });
  await expect(rows).toHaveCount(2);
  await expect(rows.first()).toHaveAttribute('aria-current', 'true');
  await page.getByRole('button', { name: 'Roll back to revision 1' }).click();
  const dialog = page.getByRole('dialog', { name: `Roll back StatefulSet "${name}" to revision 1` });
  await expect(
    dialog.getByRole('region', { name: 'Changes the rollback makes' }).getByRole('insertion'),
  ).toHaveText('db:1');
  await dialog.getByRole('button', { name: 'Confirm rollback' }).click();
  await expect(dialog).toBeHidden();
  await settled('db:1');
  await expect(rows.first()).toContainText('3', { timeout: 20_000 });
  await expect(page.getByRole('status', { name: 'Rollout status' })).toContainText('Complete', {
    timeout: 30_000,
  });
});
