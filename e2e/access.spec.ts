import type { Page } from '@playwright/test';
import { type Dashboard, sessionKey, startDashboard } from './support/server';
import { expect, test } from './support/test';

// The browser side of access: pages work under the nonce CSP (scripts run, nothing is blocked),
// the header says who you are, and token mode signs in and out.

function cspViolations(page: Page): string[] {
  const seen: string[] = [];
  page.on('console', (m) => {
    if (/Content Security Policy|Refused to (execute|load|apply)/i.test(m.text())) seen.push(m.text());
  });
  return seen;
}

test('local mode: pages run under the CSP and the header names the kubeconfig user', async ({ page }) => {
  const violations = cspViolations(page);
  const res = await page.goto('/c/admin/demo/deployments');
  expect(res?.headers()['content-security-policy']).toMatch(
    /script-src 'self' 'nonce-[^']+' 'strict-dynamic'/,
  );
  expect(res?.headers()['cache-control']).toBe('no-store');
  await expect(page.getByRole('heading', { name: 'Deployments' })).toBeVisible();
  await expect(page.getByText('Acting as')).toBeVisible();
  // Client-side navigation only works if the nonce'd scripts ran.
  await page.getByLabel('Namespace').selectOption('shop');
  await expect(page).toHaveURL(/\/c\/admin\/shop\/deployments$/);
  await page.getByRole('link', { name: 'Audit' }).click();
  await expect(page.getByRole('heading', { name: 'Audit' })).toBeVisible();
  expect(violations).toEqual([]);
});

test.describe('token mode', () => {
  let dash: Dashboard;
  test.beforeAll(async () => {
    dash = await startDashboard({
      WHEELHOUSE_AUTH_MODE: 'token',
      WHEELHOUSE_SESSION_KEY: sessionKey(),
      KUBECONFIG: process.env.WHEELHOUSE_TEST_KUBECONFIG,
    });
  });
  test.afterAll(async () => {
    await dash?.stop();
  });

  test('sign in with a token, see who you are, sign out', async ({ page }) => {
    const violations = cspViolations(page);
    await page.goto(`${dash.url}/c/admin/demo/deployments`);
    await expect(page).toHaveURL(/\/sign-in\?next=/);
    await page.getByLabel('Kubernetes bearer token').fill('wrong');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByRole('alert').filter({ hasText: 'did not accept this token' })).toBeVisible();
    await page.getByLabel('Kubernetes bearer token').fill(process.env.WHEELHOUSE_VIEWER_TOKEN ?? '');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page).toHaveURL(/\/c\/admin\/demo\/deployments$/);
    await expect(page.getByText('Signed in as')).toBeVisible();
    const who = page.getByText(/^system:serviceaccount:/);
    await expect(who).toBeVisible();
    await expect(who.locator('..')).toHaveAttribute('title', /Groups: .*system:serviceaccounts/);
    await page.screenshot({ path: 'test-results/access-signed-in.png' });
    await page.getByRole('button', { name: 'Sign out' }).click();
    await expect(page).toHaveURL(/\/sign-in\?reason=signed_out/);
    await expect(page.getByText('You have signed out.')).toBeVisible();
    await page.goto(`${dash.url}/c/admin/demo/deployments`);
    await expect(page).toHaveURL(/\/sign-in/);
    expect(violations).toEqual([]);
  });

  test('without JavaScript the sign-in form posts: the token never appears in a URL', async ({ browser }) => {
    const token = process.env.WHEELHOUSE_VIEWER_TOKEN ?? '';
    const context = await browser.newContext({ javaScriptEnabled: false });
    try {
      const page = await context.newPage();
      const urls: string[] = [];
      page.on('request', (r) => urls.push(r.url()));
      await page.goto(`${dash.url}/c/admin/demo/deployments`);
      await expect(page).toHaveURL(/\/sign-in\?next=/);
      await page.getByLabel('Kubernetes bearer token').fill(token);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await expect(page).toHaveURL(/\/c\/admin\/demo\/deployments$/);
      await expect(page.getByText('Signed in as')).toBeVisible();
      expect(urls.length).toBeGreaterThan(2);
      for (const u of urls) expect(u).not.toContain(token.slice(0, 40));
      // A wrong token comes back to the form with the sentence, still without a URL carrying it.
      await context.clearCookies();
      await page.goto(`${dash.url}/sign-in`);
      await page.getByLabel('Kubernetes bearer token').fill('wrong-token-value');
      await page.getByRole('button', { name: 'Sign in' }).click();
      await expect(page.getByText('The cluster did not accept this token')).toBeVisible();
      expect(page.url()).not.toContain('wrong-token-value');
    } finally {
      await context.close();
    }
  });
});
