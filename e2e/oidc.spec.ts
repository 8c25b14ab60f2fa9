import type { BrowserContext, Page } from '@playwright/test';
import { apps } from './support/kube';
import { allowDashboard, oidcDashboardEnv } from './support/oidc';
import { type Dashboard, freePort, startDashboard } from './support/server';
import { expect, test } from './support/test';

// Single sign-on through the real provider: ORY Hydra's authorization endpoint and the harness's
// login page (e2e/cluster/oidc-login.mjs), started by `cluster.sh up --oidc`. The API server
// trusts Hydra's ID tokens (structured authentication configuration) and maps their groups to
// "oidc:<group>"; e2e/cluster/oidc-identities.yaml lets oidc:viewers read namespace demo.

let dash: Dashboard;

// Serial, and more time than the default: each test goes through the provider's pages as well.
test.describe.configure({ mode: 'serial', timeout: 150_000 });
// Hydra serves https with a CA made for the test cluster, which the browser does not know.
test.use({ ignoreHTTPSErrors: true });

test.beforeAll(async () => {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  await allowDashboard(url);
  dash = await startDashboard(oidcDashboardEnv(url), '127.0.0.1', port);
});

test.afterAll(async () => {
  await dash?.stop();
});

async function signInAs(page: Page, person: string, path: string): Promise<void> {
  await page.goto(`${dash.url}${path}`);
  await expect(page).toHaveURL(/\/sign-in\?next=/);
  await page.getByRole('link', { name: 'Sign in with single sign-on' }).click();
  // Hydra's authorization endpoint has sent the browser to the provider's login page.
  await expect(page.getByRole('heading', { name: 'Test identity provider: sign in' })).toBeVisible();
  await page.getByLabel(person).check();
  await page.getByRole('button', { name: 'Sign in as this person' }).click();
  await expect(page).toHaveURL(new RegExp(`${dash.url}${path.replace(/[/.]/g, '\\$&')}$`));
}

async function sessionCookie(context: BrowserContext): Promise<string> {
  const c = (await context.cookies(dash.url)).find((k) => k.name === 'wheelhouse_session');
  expect(c, 'signed in: the session cookie is set').toBeTruthy();
  expect(c?.httpOnly).toBe(true);
  expect(c?.sameSite).toBe('Strict');
  return `${c?.name}=${c?.value}`;
}

test('a viewer signs in through the provider, sees what her group allows, and signs out', async ({
  page,
  context,
}) => {
  await page.goto(`${dash.url}/sign-in`);
  await expect(page.getByText('You sign in at 127.0.0.1:')).toBeVisible();
  await page.screenshot({ path: 'test-results/oidc-sign-in.png' });

  await signInAs(page, 'Ada Viewer (ada)', '/c/admin/demo/deployments');
  await expect(page.getByText('Signed in as')).toBeVisible();
  const who = page.getByText('oidc:ada', { exact: true });
  await expect(who).toBeVisible();
  await expect(who.locator('..')).toHaveAttribute('title', /oidc:viewers/);
  await expect(page.getByRole('link', { name: 'web', exact: true })).toBeVisible();

  // Her group may read demo, not change it: the control says why, and the cluster refuses anyway.
  await page.goto(`${dash.url}/c/admin/demo/deployments/web`);
  await expect(
    page.getByText('Actions are disabled: You may not patch deployments in namespace "demo".'),
  ).toBeVisible();
  const web = await apps().readNamespacedDeployment({ namespace: 'demo', name: 'web' });
  const scale = await page.request.post(`${dash.url}/api/c/admin/demo/workloads/deployments/web/scale`, {
    headers: { Origin: dash.url },
    data: { replicas: 1, generation: web.metadata?.generation },
  });
  expect(scale.status()).toBe(403);
  expect(((await scale.json()) as { error: { message: string } }).error.message).toMatch(
    /You may not (patch|update)/,
  );
  // Nothing outside demo.
  await page.goto(`${dash.url}/c/admin/shop/deployments`);
  await expect(page.getByRole('alert', { name: 'Not allowed' })).toContainText(
    'You may not list deployments in namespace "shop".',
  );

  const old = await sessionCookie(context);
  await page.getByRole('button', { name: 'Sign out' }).click();
  // Through the provider's logout, back to the sign-in page.
  await expect(page).toHaveURL(/\/sign-in\?reason=signed_out$/);
  await expect(page.getByText('You have signed out.')).toBeVisible();
  const replay = await fetch(`${dash.url}/api/c/admin/demo/deployments`, { headers: { Cookie: old } });
  expect(replay.status).toBe(401);
  await page.goto(`${dash.url}/c/admin/demo/deployments`);
  await expect(page).toHaveURL(/\/sign-in/);
});

test('a person outside the groups signs in, and the cluster refuses them with a sentence', async ({
  page,
}) => {
  await signInAs(page, 'Eve Outsider (eve)', '/c/admin/demo/deployments');
  await expect(page.getByText('oidc:eve', { exact: true })).toBeVisible();
  await expect(page.getByRole('alert', { name: 'Not allowed' })).toContainText(
    'You may not list deployments in namespace "demo".',
  );
  await expect(page.getByRole('table')).toHaveCount(0);
});
