import { expect, test } from '@playwright/test';

// Intel TDX (issue #18): the family opens from a link, and RCX's bitmap decides which registers the VMM is shown.

test('a TDG.VP.VMCALL opens cold from a link and says the specifications were not read', async ({ page }) => {
  await page.goto('./#/tdx-tdvmcall/tdx-vmcall-map-gpa?step=2');
  await expect(page.getByLabel('Call', { exact: true })).toHaveValue('tdx-vmcall-map-gpa');
  await expect(page.getByTestId('link-messages')).toHaveCount(0);
  await expect(page.getByRole('region', { name: 'Notes and sources' })).toContainText('GHCI and TDX module specifications were not read');
  await expect(page.getByTestId('mask-summary')).toContainText('The VMM sees: rbx, rdx, rsi, rdi, r8–r15');
});

test('flipping a bit of the RCX bitmap changes which registers the VMM sees', async ({ page }) => {
  await page.goto('./#/tdx-tdvmcall/tdx-vmcall-map-gpa?step=2');
  const r12 = page.locator('[data-testid="register-file"] [data-cell="r12"]');
  await expect(r12).toHaveAttribute('data-handed-on', 'true');
  await expect(page.getByTestId('sees-r12')).toBeVisible();
  await page.locator('[data-testid="mask-bits"] [data-bit="12"]').click();
  await expect(page.locator('[data-testid="mask-bits"] [data-bit="12"]')).toHaveAttribute('aria-pressed', 'false');
  await expect(r12).toHaveAttribute('data-handed-on', 'false');
  await expect(page.getByTestId('sees-r12')).toHaveCount(0);
  await expect(page.getByTestId('mask-summary')).toContainText('hidden: rbp, r12');
  await expect(page.getByLabel(/rcx · exposed registers/)).toHaveValue('0xEFCC');
});

test('setting a bit the TDX module refuses says the call fails with TDX_OPERAND_INVALID and the VMM sees nothing', async ({ page }) => {
  await page.goto('./#/tdx-tdvmcall/tdx-vmcall-map-gpa?step=2');
  await page.locator('[data-testid="mask-bits"] [data-bit="4"]').click();
  await expect(page.locator('[data-testid="mask-bits"] [data-bit="4"]')).toHaveAttribute('data-refused', 'true');
  await expect(page.getByTestId('mask-summary')).toContainText('Refused: bit 4 must be 0');
  await expect(page.getByTestId('mask-summary')).toContainText('0xC000010000000001');
  await expect(page.locator('[data-testid="register-file"] [data-cell="r12"]')).toHaveAttribute('data-handed-on', 'false');
});

test('pointing at a bit marks the register it exposes', async ({ page }) => {
  await page.goto('./#/tdx-tdvmcall/tdx-vmcall-hlt?step=2');
  await page.locator('[data-testid="mask-bits"] [data-bit="3"]').focus();
  await expect(page.locator('[data-testid="register-file"] [data-cell="rbx"]')).toHaveAttribute('data-pointed', 'true');
});

test('the guide puts a TD’s bitmap-filtered VMCALL beside a plain VMCALL under KVM', async ({ page }) => {
  await page.goto('./#/guide/tdx-vmcall-bitmap?step=2');
  await expect(page.getByRole('heading', { name: /TDX’s VMCALL bitmap vs a plain VMCALL under KVM/ })).toBeVisible();
  for (const n of [1, 2]) await expect(page.getByTestId(`pane-stage-${n}`)).toBeVisible();
  await expect(page.getByTestId('link-messages')).toHaveCount(0);
  await expect(page.getByTestId('pane-1-sees-r12')).toBeVisible();
  await expect(page.getByTestId('pane-2-sees-rbx')).toHaveCount(0);
});
