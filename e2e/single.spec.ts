import { expect, test } from '@playwright/test';
import { LIVE } from './build';

test.describe('one call, end to end', () => {
  test('pick PSCI CPU_ON, set x1, step through with the keyboard, reopen the link', async ({ page, context }) => {
    await page.goto('./#/smccc-1.1-hvc64/psci-system-reset2-64');
    await page.getByLabel('Call', { exact: true }).selectOption({ label: 'PSCI CPU_ON (SMC64)' });
    await page.getByLabel('x1 · target_cpu').fill('0x101');

    await page.locator('body').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('Home');
    await page.keyboard.press('ArrowRight');
    await expect(page.getByTestId('value-x0')).toHaveText('0xC4000003');
    await expect(page.getByTestId('narration')).toContainText('Load the function ID 0xC4000003 into x0');

    for (let i = 0; i < 4; i++) await page.keyboard.press('ArrowRight');
    await expect(page.getByTestId('narration')).toContainText('hvc #0 (encoding 0xD4000002)');
    await expect(page.getByTestId('syndrome-value')).toHaveText('0x5A000000');
    await expect(page.getByTestId('cpu-level')).toBeVisible();
    await expect(page.locator('[data-level="EL2"]')).toHaveAttribute('data-active', 'true');

    await page.keyboard.press('End');
    await expect(page.getByTestId('step-counter')).toHaveText('10/10');
    await expect(page.locator('[data-cell="x0"]')).toHaveAttribute('data-role', 'result');
    await expect(page.locator('[data-cell="x2"]')).toHaveAttribute('data-role', 'clobbered');
    await expect(page.locator('[data-cell="x7"]')).toHaveAttribute('data-role', 'preserved');
    await expect(page.getByTestId('value-x1')).toHaveText('unknown');

    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('ArrowLeft');
    const url = page.url();
    expect(url).toContain('#/smccc-1.1-hvc64/psci-cpu-on-64?x1=0x101&at=8');

    const other = await context.newPage();
    await other.goto(url);
    await expect(other.getByTestId('step-counter')).toHaveText('8/10');
    await expect(other.getByLabel('Convention', { exact: true })).toHaveValue('smccc-1.1-hvc64');
    await expect(other.getByLabel('Call', { exact: true })).toHaveValue('psci-cpu-on-64');
    await expect(other.getByLabel('x1 · target_cpu')).toHaveValue('0x101');
    await expect(other.getByTestId('link-messages')).toHaveCount(0);
  });

  test('a result register is a result to come before the return, not lost: Gunyah 2022’s x1 at the trap', async ({ page }) => {
    await page.goto('./#/gunyah-2022-hvc-imm/gunyah-2022-hyp-identify?at=2');
    await expect(page.getByTestId('narration')).toContainText('hvc #0x6000');
    await expect(page.locator('[data-cell="x1"]')).toHaveAttribute('data-role', 'result');
    await expect(page.getByTestId('value-x1')).toHaveText('pending');
  });

  test('bad argument input shows a message and keeps what was typed', async ({ page }) => {
    await page.goto('./#/smccc-1.1-hvc32/psci-cpu-on-32');
    const w1 = page.getByLabel('w1 · target_cpu');
    await w1.fill('0x1_0000_0000');
    await expect(page.getByRole('alert')).toHaveText('w1: 0x100000000 needs more than 32 bits; w1 holds 32 bits');
    await expect(w1).toHaveAttribute('aria-invalid', 'true');
    await w1.fill('banana');
    await expect(page.getByRole('alert')).toContainText('is not a number');
    await expect(w1).toHaveValue('banana');
    await w1.fill('42');
    await expect(page.getByRole('alert')).toHaveCount(0);
    await expect(page).toHaveURL(/w1=0x2a/);
  });

  test('play, pause and the aria-live sentence', async ({ page }) => {
    await page.goto('./#/smccc-1.1-hvc64/psci-cpu-on-64');
    await page.getByLabel('Speed').selectOption('4');
    await page.getByRole('button', { name: /Play/ }).click();
    await expect(page.getByTestId('step-counter')).toHaveText('10/10', { timeout: 10_000 });
    await expect(page.getByRole('button', { name: /Play/ })).toBeVisible();
    await expect(page.getByTestId('narration')).toHaveAttribute('aria-live', 'polite');
    await expect(page.getByTestId('narration')).toContainText('The caller reads x0 (status)');
  });

  test('editing a function-id field moves the id and the call follows', async ({ page }) => {
    await page.goto('./#/smccc-1.1-hvc64/psci-cpu-on-64');
    await page.getByLabel(/calling convention/).selectOption('0');
    await expect(page.getByTestId('fid-value')).toHaveText('0x84000003');
    await expect(page.getByLabel('Convention', { exact: true })).toHaveValue('smccc-1.1-hvc32');
    await expect(page.getByLabel('Call', { exact: true })).toHaveValue('psci-cpu-on-32');
    // 0xB: no PSCI function has it (0x7, used before, is MIGRATE_INFO_UP_CPU, now in the catalog).
    await page.getByLabel(/function number/).fill('0xb');
    await expect(page.getByTestId('fid-value')).toHaveText('0x8400000B');
    await expect(page.getByTestId('fid-call')).toContainText('No call in the catalog has this ID');
    await page.keyboard.press('Tab');
    await page.keyboard.press('End');
    await expect(page.getByTestId('narration')).toContainText('The caller reads w0');
    await expect(page.getByTestId('value-x0')).toHaveText('0xFFFFFFFF');
  });

  test('a broken link opens the nearest view with a message, never a blank page', async ({ page }) => {
    await page.goto('./#/smccc-1.1-hvc64/psci-cpu-o');
    await expect(page.getByTestId('link-messages')).toContainText('call Trapscope does not know');
    await expect(page.getByLabel('Convention', { exact: true })).toHaveValue('smccc-1.1-hvc64');
    await page.goto('./#/%E0%A4%A');
    await expect(page.getByTestId('register-file')).toBeVisible();
  });

  test('prefers-reduced-motion: highlighting, no flying values', async ({ browser }) => {
    const ctx = await browser.newContext({ reducedMotion: 'reduce' });
    const page = await ctx.newPage();
    await page.goto('./#/smccc-1.1-hvc64/psci-cpu-on-64?step=1');
    // A key pressed before the page is live is not heard.
    await expect(page.locator(LIVE)).toBeAttached();
    await page.locator('body').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('ArrowRight');
    await expect(page.locator('[data-cell="x1"]')).toHaveAttribute('data-written', 'true');
    await expect(page.locator('.travel-chip')).toHaveCount(0);
    await ctx.close();
  });
});
