import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { ADMIN_CONTEXT } from './support/kube';
import { oidcDashboardEnv } from './support/oidc';
import { openSearch } from './support/palette';
import { type Dashboard, freePort, sessionKey, startDashboard } from './support/server';
import { expect, test } from './support/test';

// Every kind of page of the seeded demo (e2e/cluster/seed), scanned by axe-core for WCAG 2.0/2.1
// A and AA in light and in dark: one page load per page and scheme, each its own test so they run
// in parallel. A page is scanned only once what it shows (`ready`) is on screen, so the badges,
// tables and logs that arrive over the stream are part of the scan.

const WCAG = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
const SCHEMES = ['light', 'dark'] as const;
const at = (ns: string, rest: string) => `/c/${ADMIN_CONTEXT}/${ns}/${rest}`;

interface PageCase {
  name: string;
  path: string;
  /** Texts that must be visible before the scan: the page's data, not just its frame. */
  ready: (string | RegExp)[];
}

const PAGES: PageCase[] = [
  { name: 'Deployments list', path: at('demo', 'deployments'), ready: ['web', 'api'] },
  { name: 'Pods list, all namespaces', path: at('_all', 'pods'), ready: ['sim-crashloop', 'postgres-0'] },
  { name: 'Services list', path: at('demo', 'services'), ready: ['web-nodeport'] },
  { name: 'Secrets list', path: at('demo', 'secrets'), ready: ['admin-basic-auth'] },
  { name: 'Events list', path: at('demo', 'events'), ready: [/Scheduled|Pulled|Started|FailedScheduling/] },
  { name: 'Overview, one namespace', path: at('demo', 'overview'), ready: ['sim-crashloop', 'log-agent'] },
  { name: 'Overview, all namespaces', path: at('_all', 'overview'), ready: ['checkout', 'postgres'] },
  { name: 'Deployment', path: at('demo', 'deployments/web'), ready: [/Revision/i, /web-[a-z0-9]+-/] },
  { name: 'Stuck Deployment', path: at('shop', 'deployments/checkout'), ready: [/ProgressDeadlineExceeded/] },
  { name: 'StatefulSet', path: at('data', 'statefulsets/postgres'), ready: ['postgres-0'] },
  { name: 'DaemonSet', path: at('demo', 'daemonsets/log-agent'), ready: [/log-agent-/] },
  { name: 'Job', path: at('shop', 'jobs/db-migrate'), ready: [/db-migrate-/] },
  { name: 'Crash-looping pod', path: at('demo', 'pods/sim-crashloop'), ready: [/crash-looping/] },
  {
    name: 'Crash-looping pod logs',
    path: at('demo', 'pods/sim-crashloop/logs'),
    ready: [/Following|Loading/],
  },
  { name: 'Workload logs', path: at('demo', 'workloads/deployments/web/logs'), ready: [/Following|Loading/] },
  {
    name: 'Unschedulable pod',
    path: at('demo', 'pods/pvc-waiter'),
    // The diagnosis reads as a sentence (the scheduler's message ends in a bare "not found").
    ready: [/^Cannot be scheduled: .*unbound immediate PersistentVolumeClaims\.$/],
  },
  { name: 'Secret', path: at('demo', 'secrets/api-keys'), ready: ['API_KEY'] },
  { name: 'ConfigMap', path: at('demo', 'configmaps/web-config'), ready: [/Used by/i] },
  { name: 'Service', path: at('demo', 'services/web'), ready: [/Endpoints/i] },
  { name: 'Ingress', path: at('demo', 'ingresses/web'), ready: ['web.demo.example.com'] },
  {
    name: 'PersistentVolumeClaim',
    path: at('demo', 'persistentvolumeclaims/reports-data'),
    ready: ['pvc-waiter'],
  },
  { name: 'Storage', path: at('demo', 'storage'), ready: ['reports-data'] },
  { name: 'Security', path: at('demo', 'security'), ready: ['privileged-pod'] },
  { name: 'Nodes', path: at('demo', 'nodes'), ready: ['wh-node-3'] },
  { name: 'Audit', path: at('demo', 'audit'), ready: [/audit/i] },
  { name: 'Generic detail (Namespace)', path: at('demo', 'namespaces/demo'), ready: [/apiVersion/] },
  { name: 'CronJob', path: at('demo', 'cronjobs/nightly-report'), ready: ['Recent Jobs', /apiVersion/] },
  { name: 'Node', path: at('demo', 'nodes/wh-node-1'), ready: [/Pods on this node/, 'CPU and memory used'] },
  { name: 'Edit (YAML editor)', path: at('demo', 'deployments/web/edit'), ready: ['Edit web', /apiVersion/] },
  { name: 'Create from YAML', path: at('demo', 'create'), ready: ['Create from YAML'] },
  { name: 'Not found', path: at('demo', 'deployments/no-such-deployment'), ready: [/not found/i] },
  // Kinds from aggregated discovery, in the API server's Table format; the navigation lists them.
  {
    name: 'Discovered kind list (ServiceAccounts)',
    path: at('demo', 'serviceaccounts'),
    // The count under the filter: the rows are there (a bare "default" would match the namespace picker).
    ready: [/^\d+ in namespace demo$/, 'Age'],
  },
  {
    name: 'Discovered cluster-scoped kind (ClusterRoles)',
    path: at('demo', 'clusterroles.rbac.authorization.k8s.io'),
    ready: ['cluster-admin', 'Created At'],
  },
  {
    name: 'Discovered kind detail (ServiceAccount)',
    path: at('demo', 'serviceaccounts/default'),
    ready: [/apiVersion/],
  },
];

/** axe's findings, one readable entry per failing element: rule, impact, where, and what to fix. */
async function wcagViolations(page: Page): Promise<string[]> {
  const { violations } = await new AxeBuilder({ page }).withTags(WCAG).analyze();
  return violations.flatMap((v) =>
    v.nodes.map((n) =>
      [
        `${v.id} (${v.impact ?? 'n/a'}): ${v.help}`,
        `  at ${n.target.join(' ')}`,
        `  ${n.html.slice(0, 160)}`,
        `  ${(n.failureSummary ?? '').replace(/\n\s*/g, '\n  ')}`,
      ].join('\n'),
    ),
  );
}

/**
 * Beyond axe (which only asks that a scrolling box be reachable): every box that actually scrolls
 * must say what it is, and be a Tab stop itself unless it holds Tab stops (a list of links scrolls
 * as focus moves through it), so a keyboard or screen-reader user can read a long YAML or log.
 */
async function unlabelledScrollers(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll<HTMLElement>('body *')]
      .filter((el) => {
        const s = getComputedStyle(el);
        const scrolls =
          (/(auto|scroll)/.test(s.overflowY) && el.scrollHeight > el.clientHeight + 1) ||
          (/(auto|scroll)/.test(s.overflowX) && el.scrollWidth > el.clientWidth + 1);
        if (!scrolls || el.closest('dialog:not([open])')) return false;
        const named = el.hasAttribute('aria-label') || el.hasAttribute('aria-labelledby');
        const holdsFocus = el.querySelector('a[href], button, input, select, textarea, [tabindex="0"]');
        return !(named && (el.tabIndex >= 0 || holdsFocus));
      })
      .map((el) => `${el.tagName.toLowerCase()}.${[...el.classList].slice(0, 4).join('.')}`),
  );
}

async function expectAccessible(page: Page, what: string) {
  // Soft, so one run reports both lists.
  expect.soft(await wcagViolations(page), `WCAG 2 A/AA violations on ${what}`).toEqual([]);
  expect
    .soft(await unlabelledScrollers(page), `scrollable regions without a name or keyboard access on ${what}`)
    .toEqual([]);
}

for (const scheme of SCHEMES) {
  test.describe(`${scheme} scheme`, () => {
    test.use({ colorScheme: scheme, viewport: { width: 1400, height: 900 } });

    for (const p of PAGES) {
      test(`${p.name}: no WCAG 2 A/AA violation`, async ({ page }) => {
        await page.goto(p.path);
        for (const text of p.ready) await expect(page.getByText(text).first()).toBeVisible();
        await expectAccessible(page, `${p.path} (${scheme})`);
      });
    }

    test('command palette open, with results: no WCAG 2 A/AA violation', async ({ page }) => {
      await page.goto(at('demo', 'deployments'));
      await expect(page.getByRole('link', { name: 'web', exact: true })).toBeVisible();
      const dialog = await openSearch(page);
      await dialog.getByLabel('Search objects').fill('web');
      await expect(dialog.getByRole('link').first()).toBeVisible();
      await expectAccessible(page, `the command palette (${scheme})`);
    });

    test('drain plan open: no WCAG 2 A/AA violation', async ({ page }) => {
      await page.goto(at('demo', 'nodes/wh-node-1'));
      await page.getByRole('button', { name: 'Drain…' }).click();
      const dialog = page.getByRole('dialog', { name: 'Drain node "wh-node-1"' });
      await expect(dialog.getByRole('table', { name: 'Drain plan' })).toBeVisible();
      await expect(dialog.getByText('kubectl drain would refuse')).toBeVisible();
      await expectAccessible(page, `the drain plan (${scheme})`);
    });

    test('rollback dialog open: no WCAG 2 A/AA violation', async ({ page }) => {
      await page.goto(at('demo', 'deployments/web'));
      await page
        .getByRole('button', { name: /^Roll back to revision/ })
        .first()
        .click();
      const dialog = page.getByRole('dialog', { name: /^Roll back Deployment "web" to revision/ });
      await expect(dialog.getByRole('button', { name: 'Confirm rollback' })).toBeEnabled();
      await expectAccessible(page, `the rollback dialog (${scheme})`);
    });

    test('pod page with a terminal open: no WCAG 2 A/AA violation', async ({ page }) => {
      await page.goto(at('demo', 'pods/sim-crashloop'));
      await page.getByRole('button', { name: 'Open terminal' }).click();
      await expect(page.getByText(/^Connected to worker/)).toBeVisible();
      await page.keyboard.type('echo a11y-check\n');
      await expect(page.locator('.xterm-rows')).toContainText('a11y-check');
      await expectAccessible(page, `the pod terminal (${scheme})`);
    });
  });
}

test.describe('sign-in (token mode)', () => {
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
  for (const scheme of SCHEMES) {
    test(`sign-in page, ${scheme}: no WCAG 2 A/AA violation`, async ({ browser }) => {
      const context = await browser.newContext({ colorScheme: scheme });
      const page = await context.newPage();
      await page.goto(`${dash.url}/sign-in`);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await expect(page.getByLabel('Kubernetes bearer token')).toBeVisible();
      await expectAccessible(page, `/sign-in (${scheme})`);
      await context.close();
    });
  }
});

test.describe('sign-in (OIDC mode)', () => {
  let dash: Dashboard;
  test.beforeAll(async () => {
    // The sign-in page only links to the provider: no provider round trip is needed here.
    const port = await freePort();
    dash = await startDashboard(oidcDashboardEnv(`http://127.0.0.1:${port}`), '127.0.0.1', port);
  });
  test.afterAll(async () => {
    await dash?.stop();
  });
  for (const scheme of SCHEMES) {
    test(`single sign-on page, ${scheme}: no WCAG 2 A/AA violation`, async ({ browser }) => {
      const context = await browser.newContext({ colorScheme: scheme });
      const page = await context.newPage();
      await page.goto(`${dash.url}/sign-in?reason=signed_out`);
      await expect(page.getByRole('link', { name: 'Sign in with single sign-on' })).toBeVisible();
      await expectAccessible(page, `/sign-in, OIDC (${scheme})`);
      await context.close();
    });
  }
});

test.describe('keyboard only', () => {
  test('command palette: Ctrl-K opens it, arrows pick a result, Enter opens it', async ({ page }) => {
    await page.goto(at('demo', 'deployments'));
    await expect(page.getByRole('link', { name: 'web', exact: true })).toBeVisible();
    const dialog = await openSearch(page);
    const input = dialog.getByLabel('Search objects');
    await expect(input).toBeFocused();
    await page.keyboard.type('log-agent');
    const first = dialog.getByRole('link').first();
    await expect(first).toContainText('log-agent');
    await page.keyboard.press('ArrowDown');
    await expect(first).toBeFocused();
    await page.keyboard.press('ArrowUp');
    await expect(input).toBeFocused();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await expect(page).toHaveURL(/\/c\/admin\/demo\/daemonsets\/log-agent$/);
  });

  test('command palette: Escape closes it and focus returns to what opened it', async ({ page }) => {
    await page.goto(at('demo', 'deployments'));
    const opener = page.getByRole('button', { name: /^Search/ });
    await opener.focus();
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: 'Search' });
    await expect(dialog.getByLabel('Search objects')).toBeFocused();
    await page.keyboard.press('Escape');
    await expect(dialog).toBeHidden();
    await expect(opener).toBeFocused();
  });

  test('rollback dialog: opens from the keyboard, Tab never reaches the page behind, Cancel returns focus', async ({
    page,
  }) => {
    await page.goto(at('demo', 'deployments/web'));
    const opener = page.getByRole('button', { name: /^Roll back to revision/ }).first();
    await opener.focus();
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: /^Roll back Deployment "web"/ });
    await expect(dialog.getByRole('button', { name: 'Confirm rollback' })).toBeEnabled();
    expect(await dialog.evaluate((d) => d.contains(document.activeElement))).toBe(true);
    // The page behind is inert: Tab goes through the dialog and may leave to the browser's own UI
    // (activeElement is then the body), but never lands on the page behind.
    const inDialog: boolean[] = [];
    for (let i = 0; i < 8; i++) {
      await page.keyboard.press('Tab');
      const where = await dialog.evaluate((d) =>
        d.contains(document.activeElement)
          ? 'dialog'
          : document.activeElement === document.body
            ? 'body'
            : 'page',
      );
      expect(where, 'Tab reached the page behind the dialog').not.toBe('page');
      inDialog.push(where === 'dialog');
    }
    expect(inDialog.filter(Boolean).length).toBeGreaterThan(4);
    await dialog.getByRole('button', { name: 'Cancel' }).focus();
    await page.keyboard.press('Enter');
    await expect(dialog).toBeHidden();
    await expect(opener).toBeFocused();
  });

  test('log viewer: the lines are a Tab stop after the controls, and Pause works from the keyboard', async ({
    page,
  }) => {
    await page.goto(at('demo', 'workloads/deployments/web/logs'));
    const log = page.getByRole('log', { name: 'Log lines' });
    await expect(page.getByRole('status').filter({ hasText: /Following/ })).toBeVisible();
    await page.getByRole('button', { name: 'Download' }).focus();
    await page.keyboard.press('Tab');
    await expect(log).toBeFocused();
    await page.getByRole('button', { name: 'Pause' }).focus();
    await page.keyboard.press('Enter');
    await expect(page.getByRole('button', { name: 'Resume' })).toBeFocused();
  });
});
