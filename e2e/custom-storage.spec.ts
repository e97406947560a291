import { readFile } from 'node:fs/promises';
import { expect, test, type Locator, type Page } from '@playwright/test';

/** Saves a copy of SMCCC 1.1 under the given name and id from the Design panel. */
async function saveCopy(page: Page, name: string, id: string, beforeSaving?: (editor: Locator) => Promise<void>) {
  await page.getByRole('button', { name: 'Start from a copy of SMCCC 1.1 · HVC64' }).click();
  const editor = page.getByRole('dialog', { name: 'Design a convention' });
  await editor.getByLabel('Name', { exact: true }).fill(name);
  await editor.getByLabel('Id (kebab-case)').fill(id);
  await beforeSaving?.(editor);
  await editor.getByRole('button', { name: 'Save and show' }).click();
  await expect(page.getByTestId('custom-banner')).toBeVisible();
}

test.describe('stored conventions this version cannot read', () => {
  test.beforeEach(async ({ page }) => {
    await page.goto('./#/smccc-1.1-hvc64/psci-cpu-on-64');
    await page.evaluate(() => localStorage.setItem('trapscope-custom', '[1,2,3]'));
    await page.reload();
  });

  test('are said at start-up, and can be downloaded exactly as they are', async ({ page }) => {
    const notice = page.getByTestId('storage-notices');
    await expect(notice).toContainText('The saved conventions are not a Trapscope store; they are kept unchanged. Conventions you save now are kept beside them.');
    const [file] = await Promise.all([page.waitForEvent('download'), notice.getByRole('button', { name: 'Download them as they are' }).click()]);
    expect(await readFile((await file.path())!, 'utf8')).toBe('[1,2,3]');
  });

  test('are kept untouched while a new convention is saved beside them, and a new tab finds it', async ({ page, context }) => {
    await saveCopy(page, 'Saved beside', 'saved-beside');
    const other = await context.newPage();
    await other.goto('./#/smccc-1.1-hvc64/psci-cpu-on-64');
    await expect(other.getByRole('list', { name: 'Your conventions' }).getByRole('button', { name: 'Saved beside', exact: true })).toBeVisible();
    expect(await other.evaluate(() => localStorage.getItem('trapscope-custom'))).toBe('[1,2,3]');
  });
});

test('a full storage quota is said; the convention stays on screen and in the link, and can be exported', async ({ page }) => {
  // Storage that refuses every write of the editor's draft and the kept conventions, as a full quota does.
  await page.addInitScript(() => {
    const setItem = Storage.prototype.setItem;
    Storage.prototype.setItem = function (key: string, value: string) {
      if (key.startsWith('trapscope-custom')) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      return setItem.call(this, key, value);
    };
  });
  await page.goto('./#/smccc-1.1-hvc64/psci-cpu-on-64');
  await saveCopy(page, 'Too much', 'too-much', (editor) =>
    expect(editor.getByTestId('editor-draft-unkept')).toHaveText(
      "Your draft could not be kept in this browser: this browser's storage for the site is full. It stays here while this page is open.",
    ),
  );
  const notice = page.getByTestId('storage-notices');
  await expect(notice).toContainText('"Too much" could not be saved: this browser\'s storage for the site is full.');
  await expect(page).toHaveURL(/def=1\./);
  await expect(page.getByLabel('Convention', { exact: true })).toHaveValue('custom-too-much');
  const [file] = await Promise.all([page.waitForEvent('download'), notice.getByRole('button', { name: 'Export my conventions to a file' }).click()]);
  const exported = JSON.parse(await readFile((await file.path())!, 'utf8'));
  expect(exported.definitions.map((d: { convention: { name: string } }) => d.convention.name)).toEqual(['Too much']);
});
