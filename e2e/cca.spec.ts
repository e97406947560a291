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
