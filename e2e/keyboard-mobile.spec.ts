import { expect, test, type Page } from '@playwright/test';
import { LIVE } from './build';

/** Presses Tab until the focused element matches, as a keyboard user would. */
async function tabTo(page: Page, matches: (el: Element) => boolean, what: string) {
  for (let i = 0; i < 80; i++) {
    await page.keyboard.press('Tab');
    if (await page.evaluate(`(${matches.toString()})(document.activeElement)`)) return;
  }
  throw new Error(`could not reach ${what} with Tab`);
}

test.describe('keyboard alone', () => {
  test.beforeEach(async ({ page }) => {
    await page.goto('./#/smccc-1.1-hvc32/smccc-version');
    await expect(page.locator(LIVE)).toBeAttached();
  });

  test('Tab reaches the call picker, its focus is visible, and arrows pick a call', async ({ page }) => {
    await tabTo(page, (el) => el.id === 'pick-call', 'the Call picker');
    const outline = await page.evaluate(() => getComputedStyle(document.activeElement!).outlineStyle);
    expect(outline).not.toBe('none');
    await page.keyboard.press('ArrowDown');
    await expect(page.getByLabel('Call', { exact: true })).toHaveValue('smccc-arch-features');
  });

  test('on the player, arrows step and End goes to the last step', async ({ page }) => {
    await tabTo(page, (el) => el.getAttribute('aria-label') === 'Play (Space)', 'the Play button');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    await expect(page.getByTestId('step-counter')).toHaveText(/^3\//);
    await page.keyboard.press('End');
    await expect(page.getByTestId('narration')).toContainText('The caller reads w0');
  });

  test('Enter on Compare opens the comparison', async ({ page }) => {
    await tabTo(page, (el) => el.textContent === 'Compare this call side by side', 'the Compare button');
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('aligned-registers')).toBeVisible();
  });

  test('Enter on Share opens its dialog, Escape closes it', async ({ page }) => {
    await tabTo(page, (el) => el.textContent === 'Share', 'the Share button');
    await page.keyboard.press('Enter');
    await expect(page.getByRole('dialog', { name: 'Share this view' })).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(page.getByRole('dialog')).toBeHidden();
  });
});

test.describe('a 360 × 740 phone', () => {
  test.use({ viewport: { width: 360, height: 740 }, hasTouch: true, isMobile: true });

  for (const link of [
    './#/smccc-1.1-hvc64/psci-cpu-on-64?step=5',
    './#/guide/x86-styles?step=6',
    './#/hyperv-x64-xmm-fast/hyperv-x64-flush-virtual-address-space-xmm?step=2',
  ]) {
    test(`nothing is cut off: ${link}`, async ({ page }) => {
      await page.goto(link);
      await expect(page.locator('main')).toBeVisible();
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(overflow).toBeLessThanOrEqual(0);
      await page.getByRole('button', { name: /Step forward/ }).tap();
      await expect(page.getByTestId('narration')).toBeVisible();
    });
  }
});

test('arrow keys do not step the call behind an open dialog', async ({ page }) => {
  await page.goto('./#/smccc-1.1-hvc64/psci-cpu-on-64?step=2');
  await page.getByRole('button', { name: 'Share' }).click();
  await page.getByRole('tab', { name: 'JSON' }).focus();
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('End');
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('step-counter')).toHaveText('3/10');
});
