import { expect, test } from '@playwright/test';

// Memory arguments beyond the single view (issue #18): a comparison, presenter mode, an embedded view, and the argument editor.

const GHCB_CPUID = 'sev-es-ghcb-page/sev-ghcb-cpuid';
const KICK = 'kvm-x86-vmmcall/kvm-hc-kick-cpu';

test('a comparison of the GHCB page with a plain VMMCALL shows pane 1’s page field by field and pane 2 as registers only', async ({ page }) => {
  await page.goto(`./#/compare/${GHCB_CPUID}/${KICK}?at=6`);
  await expect(page.getByTestId('memory-sentence')).toHaveText('1 writes 70 B into the GHCB page and finds 40 B there after the call; 2 uses registers only.');
  const first = page.getByTestId('pane-memory-1');
  await expect(first.locator('[data-field="sw_exit_code"]')).toHaveAttribute('data-read', 'true');
  await expect(first.getByTestId('mem-value-sw_exit_code')).toHaveText('0x72');
  await expect(page.getByTestId('pane-memory-2')).toContainText('Registers only: this call passes nothing in memory.');
});

test('presenter mode lights the GHCB page’s fields as the guest writes them', async ({ page }) => {
  await page.goto(`./#/${GHCB_CPUID}?at=2&present=1`);
  const strip = page.getByTestId('presenter-memory');
  await expect(strip.locator('[data-field="sw_exit_code"]')).toHaveAttribute('data-written', 'true');
  await expect(strip.getByTestId('mem-value-rax')).toHaveText('0x8000001F');
  // The strip sits above the caption, inside the screen.
  const caption = (await page.getByTestId('caption').boundingBox())!;
  const box = (await strip.boundingBox())!;
  expect(box.y + box.height).toBeLessThanOrEqual(caption.y);
});

test('presenter mode shows the host’s answer in the page at the end', async ({ page }) => {
  await page.goto(`./#/${GHCB_CPUID}?at=8&present=1`);
  const strip = page.getByTestId('presenter-memory');
  await expect(strip.getByTestId('mem-value-rbx')).toHaveText('0x33');
  await expect(strip.locator('[data-field="rbx"]')).toHaveAttribute('data-role', 'result');
});

test('an embedded view of a GHCB call shows the page within a 640-pixel frame', async ({ page }) => {
  await page.setViewportSize({ width: 640, height: 400 });
  await page.goto(`./#/${GHCB_CPUID}?at=2&embed=1`);
  await expect(page.getByTestId('memory-0')).toContainText('GHCB page');
  await expect(page.getByTestId('mem-value-sw_exit_code')).toHaveText('0x72');
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(640);
});

test('typing a GHCB field’s value in the argument editor changes the page and the link', async ({ page }) => {
  await page.goto(`./#/${GHCB_CPUID}?at=2`);
  await page.getByTestId('mem-input-rax').fill('0x80000008');
  await expect(page).toHaveURL(/[?&]m0\.rax=0x80000008(&|$)/);
  await expect(page.getByTestId('memory-0').getByTestId('mem-value-rax')).toHaveText('0x80000008');
});

test('a GHCB field’s value too wide for the field gets a message and the page keeps the last good value', async ({ page }) => {
  await page.goto(`./#/${GHCB_CPUID}?at=2`);
  await page.getByTestId('mem-input-protocol_version').fill('0x10000');
  await expect(page.getByText('GHCB page protocol_version: 0x10000 needs more than 16 bits')).toBeVisible();
  await expect(page.getByTestId('memory-0').getByTestId('mem-value-protocol_version')).toHaveText('0x2');
});
