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

test('a realm’s RSI call opens cold from a link: R-EL1 traps to the RMM at R-EL2', async ({ page }) => {
  await page.goto('./#/cca-rsi-smc64/rsi-attestation-token-init?step=10');
  await expect(page.getByLabel('Call', { exact: true })).toHaveValue('rsi-attestation-token-init');
  await expect(page.getByTestId('link-messages')).toHaveCount(0);
  await expect(page.getByRole('region', { name: 'Notes and sources' })).toContainText('A realm’s smc never reaches EL3 or the host');
});

test('a 64-byte challenge typed once fills x1-x8, bytes 0-7 in x1 with byte 0 lowest', async ({ page }) => {
  await page.goto('./#/cca-rsi-smc64/rsi-attestation-token-init?step=10');
  const bytes = Array.from({ length: 64 }, (_, i) => (0x40 + i).toString(16)).join('');
  await page.getByLabel('x1–x8 · challenge').fill(`0x${bytes}`);
  const parts = page.getByTestId('run-parts-challenge');
  await expect(parts.getByRole('listitem')).toHaveCount(8);
  await expect(parts.getByRole('listitem').first()).toContainText('0x4746454443424140');
  await expect(parts.getByRole('listitem').last()).toContainText('0x7F7E7D7C7B7A7978');
  await expect(page.getByTestId('value-x1')).toHaveText('0x4746454443424140');
  await expect(page.getByTestId('value-x8')).toHaveText('0x7F7E7D7C7B7A7978');
  await expect(page).toHaveURL(/x8=0x7F7E7D7C7B7A7978/i);
});

test('the realm guide opens its three panes from a link: RSI, the host call, and a normal guest’s PSCI call', async ({ page }) => {
  await page.goto('./#/guide/realm-rsi-vs-psci?step=5');
  await expect(page.getByRole('heading', { name: /A realm’s RSI call vs a normal guest’s PSCI call/ })).toBeVisible();
  for (const n of [1, 2, 3]) await expect(page.getByTestId(`pane-stage-${n}`)).toBeVisible();
  await expect(page.getByTestId('link-messages')).toHaveCount(0);
});
