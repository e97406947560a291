import { expect, test } from '@playwright/test';

// Issue #18's first slice: the families a cold link must open, and what they must say on screen.

test('a pKVM host hypercall opens cold from a link and says it is host-to-hypervisor', async ({ page }) => {
  await page.goto('./#/pkvm-host-hvc64/pkvm-host-pkvm-host-share-hyp?step=2');
  await expect(page.getByLabel('Call', { exact: true })).toHaveValue('pkvm-host-pkvm-host-share-hyp');
  await expect(page.getByTestId('link-messages')).toHaveCount(0);
  await expect(page.getByRole('region', { name: 'Notes and sources' })).toContainText('Host-to-hypervisor, not guest-to-hypervisor');
});

test('an FF-A direct request over SMC64 opens cold from a link and says it is drawn past the first hop', async ({ page }) => {
  await page.goto('./#/ffa-smc64/ffa-msg-send-direct-req2?step=2');
  await expect(page.getByLabel('Call', { exact: true })).toHaveValue('ffa-msg-send-direct-req2');
  await expect(page.getByTestId('link-messages')).toHaveCount(0);
  await expect(page.getByRole('region', { name: 'Notes and sources' })).toContainText('Over smc this call is drawn past the first hop');
});

test('the FF-A direct-message guide opens its three panes from a link', async ({ page }) => {
  await page.goto('./#/guide/ffa-direct-messages?step=5');
  await expect(page.getByRole('heading', { name: /FF-A direct messages/ })).toBeVisible();
  for (const n of [1, 2, 3]) await expect(page.getByTestId(`pane-stage-${n}`)).toBeVisible();
  await expect(page.getByTestId('aligned-registers')).toContainText('x17');
  await expect(page.getByTestId('link-messages')).toHaveCount(0);
});
