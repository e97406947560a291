import { expect, test } from '@playwright/test';
import { LIVE } from './build';

test('a guided comparison steps all panes together to the trap, and its link reopens it', async ({ page, context }) => {
  await page.goto('./');
  // The pre-rendered page answers clicks once it is live.
  await expect(page.locator(LIVE)).toBeAttached();
  await page.getByRole('button', { name: 'What SMCCC 1.1 and 1.2 changed' }).click();
  await expect(page).toHaveURL(/#\/guide\/smccc-versions$/);
  await expect(page.getByRole('heading', { name: 'What SMCCC 1.1 and 1.2 changed' })).toBeVisible();

  await page.locator('body').click({ position: { x: 5, y: 5 } });
  for (let i = 0; i < 5; i++) await page.keyboard.press('ArrowRight');
  for (const n of [1, 2, 3]) await expect(page.getByTestId(`pane-stage-${n}`)).toHaveAttribute('data-phase', 'trap');
  await expect(page.getByTestId('aligned-registers').locator('tr[data-differs="true"]').first()).toBeVisible();
  await expect(page.getByTestId('clobber-diff')).toContainText('1 may clobber x4–x17, which 2 keeps.');
  await expect(page.getByTestId('capacity')).toContainText('136 B in 17 registers');

  const url = page.url();
  expect(url).toMatch(/#\/guide\/smccc-versions\?step=5$/);
  const other = await context.newPage();
  await other.goto(url);
  for (const n of [1, 2, 3]) await expect(other.getByTestId(`pane-stage-${n}`)).toHaveAttribute('data-phase', 'trap');
  await expect(other.getByRole('heading', { name: 'What SMCCC 1.1 and 1.2 changed' })).toBeVisible();
});

test('compare the current call with another convention, across architectures', async ({ page }) => {
  await page.goto('./#/smccc-1.1-hvc64/psci-cpu-on-64');
  await page.getByRole('button', { name: 'Compare this call side by side' }).click();
  await expect(page).toHaveURL(/#\/compare\/smccc-1\.1-hvc64\/psci-cpu-on-64\//);
  await page.getByLabel('Convention 2').selectOption('smccc-1.1-hvc32-aarch32');
  await expect(page.getByLabel('Call 2')).toHaveValue('psci-cpu-on-32');
  await expect(page.getByTestId('aligned-registers')).toContainText('argument 1');
  await page.getByRole('button', { name: 'Open alone' }).nth(1).click();
  await expect(page).toHaveURL(/#\/smccc-1\.1-hvc32-aarch32\/psci-cpu-on-32$/);
});

test('"Why SMCCC?": Gunyah and Hyper-V before and after, four panes reaching the trap together', async ({ page }) => {
  await page.goto('./#/guide/why-smccc-identify');
  await expect(page.getByRole('heading', { name: /Why SMCCC\?/ })).toBeVisible();
  await page.getByRole('button', { name: 'Trap' }).click();
  for (const n of [1, 2, 3, 4]) await expect(page.getByTestId(`pane-stage-${n}`)).toHaveAttribute('data-phase', 'trap');
  await expect(page.getByTestId('pane-stage-1')).toContainText('hvc #0x6000 = 0xD40C0002');
  await expect(page.getByTestId('pane-stage-3')).toContainText('hvc #1 = 0xD4000022');
  await expect(page.getByTestId('aligned-registers')).toContainText('x0');
});

test('"x86 styles" opens cold with its four panes', async ({ page }) => {
  await page.goto('./#/guide/x86-styles?step=6');
  await page.reload();
  for (const n of [1, 2, 3, 4]) await expect(page.getByTestId(`pane-stage-${n}`)).toBeVisible();
  await expect(page.getByTestId('link-messages')).toHaveCount(0);
});
