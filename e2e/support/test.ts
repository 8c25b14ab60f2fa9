import { test as base, type Page, type Response } from '@playwright/test';

export { expect } from '@playwright/test';

/**
 * Playwright's `test` whose `page` waits, after every navigation to a page of the app, until React
 * has hydrated it (components/shell/hydration-mark.tsx). A click or a fill before that reaches
 * server-rendered markup and is lost, which on a loaded machine failed tests at random.
 */
async function hydrated(page: Page, response: Response | null): Promise<void> {
  if (!response || !(response.headers()['content-type'] ?? '').includes('text/html')) return;
  // Only pages the app renders hydrate: not another site's page, nor the plain error pages proxy.ts
  // answers with for a bad name.
  const app = await page.evaluate(() => document.querySelector('script[src*="/_next/static/"]') !== null);
  if (!app) return;
  await page.locator('html[data-hydrated]').waitFor({ state: 'attached', timeout: 30_000 });
}

export const test = base.extend({
  page: async ({ page }, use) => {
    const goto = page.goto.bind(page);
    const reload = page.reload.bind(page);
    page.goto = async (url, options) => {
      const r = await goto(url, options);
      if (options?.waitUntil !== 'commit') await hydrated(page, r);
      return r;
    };
    page.reload = async (options) => {
      const r = await reload(options);
      if (options?.waitUntil !== 'commit') await hydrated(page, r);
      return r;
    };
    await use(page);
  },
});
