import { expect, type Locator, type Page } from '@playwright/test';

/**
 * Opens the command palette with Ctrl-K, as a person does. The shortcut is listened for once the page
 * has hydrated, and a press before that is lost (on a loaded machine, after the first rows show):
 * press until the dialog opens. Opening an open dialog does nothing, so a late first press is harmless.
 */
export async function openSearch(page: Page): Promise<Locator> {
  const dialog = page.getByRole('dialog', { name: 'Search' });
  await expect(async () => {
    await page.keyboard.press('Control+k');
    await expect(dialog).toBeVisible({ timeout: 1000 });
  }).toPass({ timeout: 15_000 });
  return dialog;
}
