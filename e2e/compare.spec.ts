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
  await expect(page.getByTestId('capacity-3')).toContainText('24 B in 3 registers (x1–x3); the convention allows 136 B');

  const url = page.url();
  expect(url).toMatch(/#\/guide\/smccc-versions\?at=6$/);
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

test('at the trap, "differs" marks only the rows whose roles differ now: SMCCC 1.0 loses x4–x17, 1.1 and 1.2 keep them', async ({ page }) => {
  await page.goto('./#/guide/smccc-versions?at=6');
  for (const n of [1, 2, 3]) await expect(page.getByTestId(`pane-stage-${n}`)).toHaveAttribute('data-phase', 'trap');
  const table = page.getByTestId('aligned-registers');
  await expect(table.locator('tr[data-key="x0"]')).toHaveAttribute('data-differs', 'false');
  const marked = await table.locator('tbody tr[data-differs="true"]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-key')));
  expect(marked).toEqual(Array.from({ length: 14 }, (_, i) => `x${i + 4}`));
});

test('a result register is a result to come before the return, not lost: Gunyah 2022’s x0–x3 at the trap', async ({ page }) => {
  await page.goto(
    './#/compare/smccc-1.2-hvc64/psci-cpu-on-64/hyperv-arm64-smccc/hyperv-arm64-get-vp-registers/gunyah-2022-hvc-imm/gunyah-2022-hyp-identify?at=7',
  );
  const x1 = page.getByTestId('aligned-registers').locator('tr[data-key="x1"] td');
  await expect(x1.nth(2)).toHaveAttribute('data-role', 'result');
  await expect(x1.nth(2)).toContainText('pending');
  await expect(page.getByTestId('aligned-registers').locator('tr[data-key="x6"] td').nth(1)).toHaveAttribute('data-role', 'result');
});

test('"Only rows that differ" hides the rows every pane reads alike', async ({ page }) => {
  await page.goto('./#/guide/smccc-versions?at=6');
  const rows = page.getByTestId('aligned-registers').locator('tbody tr');
  await expect(rows.first()).toHaveAttribute('data-key', 'x0');
  await page.getByLabel('Only rows that differ').check();
  await expect(rows.first()).toHaveAttribute('data-key', 'x4');
  await expect(page.getByTestId('aligned-registers').locator('tbody tr[data-differs="false"]')).toHaveCount(0);
});

test('each pane’s sentence is in its own card; the player names only the phase', async ({ page }) => {
  await page.goto('./#/guide/why-smccc-identify?at=7');
  await expect(page.getByTestId('pane-sentence-1')).toContainText('Execute hvc #0x6000');
  await expect(page.getByTestId('pane-sentence-3')).toContainText('Execute hvc #1');
  await expect(page.getByTestId('narration')).toHaveText('Trap: each pane’s step is told in its card below.');
});

test.describe('on a 360 px phone', () => {
  test.use({ viewport: { width: 360, height: 740 }, hasTouch: true, isMobile: true });

  test('every pane’s column of the register table can be scrolled to, with the register column pinned and a cue', async ({ page }) => {
    await page.goto('./#/guide/why-smccc-identify?at=7');
    const table = page.getByTestId('aligned-registers');
    await expect(page.getByTestId('aligned-scroll-cue')).toHaveText('Scroll the table sideways to see all 4 panes →');
    const key = table.locator('tr[data-key="x1"] th');
    const left = (await key.boundingBox())!.x;
    await table.getByTestId('aligned-pane-4').scrollIntoViewIfNeeded();
    await expect(table.getByTestId('aligned-pane-4')).toBeInViewport({ ratio: 1 });
    // The register names stay at the table's left edge (less its 4 px cell spacing) while the panes scroll under them.
    expect(Math.abs((await key.boundingBox())!.x - left)).toBeLessThanOrEqual(4);
    await expect(key).toBeInViewport();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
  });
});
