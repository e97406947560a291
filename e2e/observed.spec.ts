import { expect, test } from '@playwright/test';
import { holdChunk } from './build';

test('a call run on an emulated CPU says what came back, beside its sources', async ({ page }) => {
  await page.goto('./#/smccc-1.1-hvc32/psci-version');
  const observed = page.getByTestId('observed');
  await expect(observed).toContainText("Observed on QEMU 7.2, AArch64 EL1, QEMU's own PSCI over HVC: PSCI_VERSION returned w0 = 0x10001");
});

test('where QEMU returns other than the catalog example, both values are shown with the reason', async ({ page }) => {
  await page.goto('./#/smccc-1.1-hvc32/smccc-version');
  const first = page.getByTestId('observed').locator('li').first();
  await expect(first).toContainText('SMCCC_VERSION returned w0 = 0xffffffff');
  await expect(first.locator('[data-observed-differs="w0"]')).toContainText('w0 = 0xffffffff observed');
  await expect(first.locator('[data-observed-differs="w0"]')).toContainText('0x10001');
  await expect(first).toContainText('SMCCC 1.0');
});

test("a link's view is drawn with its runs: those of a call outside the first load come with its family, not after the view", async ({ page }) => {
  const release = await holdChunk(page, 'virtual:trapscope-observed-more');
  await page.goto('./#/gunyah-2022-hvc-imm/gunyah-2022-hyp-identify');
  await expect(page.getByRole('status').filter({ hasText: 'Trapscope is opening the linked view…' })).toBeVisible();
  await expect(page.getByTestId('narration')).toHaveCount(0);
  release();
  await expect(page.getByTestId('observed')).toContainText('Observed on QEMU');
});
