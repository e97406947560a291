import { expect, test } from '@playwright/test';

// Arm CCA (issue #18): the structures RSI and RMI calls pass by address, beside the registers.

test('RSI_REALM_CONFIG shows struct realm_config beside the registers, filled by the RMM, its address in x1', async ({ page }) => {
  await page.goto('./#/cca-rsi-smc64/rsi-realm-config?step=1');
  await expect(page.getByLabel('Call', { exact: true })).toHaveValue('rsi-realm-config');
  const area = page.getByTestId('memory-0');
  await expect(area).toContainText('struct realm_config');
  await expect(area).toContainText('4,096 bytes');
  await expect(area.locator('[data-field="rpv"]')).toContainText('+0x200');
  await expect(page.getByTestId('mem-value-ipa_bits')).toHaveText('—');
  await expect(page.getByTestId('carrier-0')).toHaveText('x1');
  await page.keyboard.press('End');
  await expect(page.getByTestId('mem-value-ipa_bits')).toHaveText('0x30');
});

test('a copy of RSI saved from the editor draws the realm’s levels, RSI_HOST_CALL’s trip through the host included', async ({ page }) => {
  await page.goto('./#/cca-rsi-smc64/rsi-host-call');
  await page.getByRole('button', { name: /^Start from a copy of Arm CCA RSI/ }).click();
  const editor = page.getByRole('dialog', { name: 'Design a convention' });
  await expect(editor.getByTestId('editor-ok')).toBeVisible();
  await editor.getByRole('button', { name: 'Save and show' }).click();
  await expect(page.getByTestId('custom-banner')).toBeVisible();
  await page.getByLabel('Call', { exact: true }).selectOption({ label: 'RSI_HOST_CALL' });
  const stage = page.getByRole('region', { name: 'Exception levels and trap' });
  await expect(stage.locator('[data-level]').locator('strong')).toHaveText(['R-EL1', 'R-EL2', 'EL3', 'NS-EL2']);
});
