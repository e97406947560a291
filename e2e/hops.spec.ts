import { expect, test, type Page } from '@playwright/test';
import { LIVE } from './build';

// A call that crosses several levels: FF-A's direct request over smc goes NS-EL1 -> EL3 (SPMD) -> S-EL2 (SPMC) and back.

const REQ64 = './#/ffa-smc64/ffa-msg-send-direct-req-64';
const REQ32 = './#/ffa-smc32/ffa-msg-send-direct-req-32';
const AT_EL3 = 9; // 0 intro, 1-8 loads x0-x7, 9 smc to EL3, 10 on to S-EL2

async function focusPage(page: Page) {
  await expect(page.locator(LIVE)).toBeAttached();
  await page.locator('body').click({ position: { x: 5, y: 5 } });
}

test('the stage draws every level on the path, grouped by world', async ({ page }) => {
  await page.goto(`${REQ64}?step=${AT_EL3}`);
  const stage = page.getByRole('region', { name: 'Exception levels and trap' });
  await expect(stage.locator('[data-level]')).toHaveCount(4);
  await expect(stage.locator('[data-level]').locator('strong')).toHaveText(['NS-EL1', 'EL3', 'S-EL2', 'S-EL1']);
  await expect(stage.getByTestId('world-bands').locator('li')).toHaveText([/non-secure/i, /secure/i]);
  await expect(stage.locator('[data-level="EL3"]')).toHaveAttribute('data-active', 'true');
});

test('at the hop from EL3 to S-EL2 the CPU marker travels: an animation runs', async ({ page }) => {
  await page.goto(`${REQ64}?step=${AT_EL3}`);
  await page.getByLabel('Speed').selectOption('0.5');
  await focusPage(page);
  await page.keyboard.press('ArrowRight');
  await page.waitForFunction(() =>
    document
      .querySelector('[data-testid="cpu-level"]')
      ?.getAnimations()
      .some((a) => a.playState === 'running'),
  );
  await expect(page.locator('[data-level="S-EL2"]')).toHaveAttribute('data-active', 'true');
});

test('with reduced motion nothing moves at the hop; the lane and the level’s panel say it', async ({ browser }) => {
  const ctx = await browser.newContext({ reducedMotion: 'reduce' });
  const page = await ctx.newPage();
  await page.goto(`${REQ64}?step=${AT_EL3}`);
  await focusPage(page);
  await page.keyboard.press('ArrowRight');
  await expect(page.locator('[data-level="S-EL2"]')).toHaveAttribute('data-active', 'true');
  await expect(page.getByTestId('hop-panel')).toContainText('Hafnium (the SPMC)');
  expect(await page.evaluate(() => document.getAnimations().length)).toBe(0);
  await ctx.close();
});

test('the register file shows what the SPMC receives under SMC32, and marks the rest not passed', async ({ page }) => {
  await page.goto(`${REQ32}?step=${AT_EL3 + 1}`);
  await expect(page.getByTestId('hop-receives')).toHaveText('Hafnium (the SPMC) at S-EL2 receives x0–x7; not passed to it: x8–x30, sp.');
  await expect(page.getByTestId('folded-not-passed')).toContainText('x8–x30, sp: not passed to Hafnium (the SPMC)');
});

test('the request reaches the partition at S-EL1, drawn in the Secure band, which receives x0–x7 of an SMC64 REQ', async ({ page }) => {
  await page.goto(`${REQ64}?step=${AT_EL3 + 2}`);
  const stage = page.getByRole('region', { name: 'Exception levels and trap' });
  await expect(stage.locator('[data-level="S-EL1"]')).toHaveAttribute('data-active', 'true');
  await expect(stage.getByTestId('world-bands').locator('li').last()).toHaveAttribute('data-world', 'secure');
  await expect(page.getByTestId('hop-receives')).toHaveText('the secure partition at S-EL1 receives x0–x7; not passed to it: x8–x30, sp.');
});

test('the FF-A guide’s panes show the route and where each pane is on it', async ({ page }) => {
  await page.goto('./#/guide/ffa-direct-messages?step=19');
  await expect(page.getByTestId('pane-stage-1').getByTestId('hop-route').locator('li')).toHaveText([/NS-EL1/, /EL3/, /S-EL2/, /S-EL1/, /S-EL2/, /EL3/, /NS-EL1/]);
  await expect(page.getByTestId('pane-stage-1').locator('[aria-current="step"]')).toHaveText(/EL3/);
  await expect(page.getByTestId('pane-stage-3').getByTestId('hop-route')).toHaveCount(0);
});

test('a pKVM host hypercall draws the host kernel at NS-EL1 and pKVM at NS-EL2, one Non-secure band', async ({ page }) => {
  await page.goto('./#/pkvm-host-hvc64/pkvm-host-pkvm-host-share-hyp?step=0');
  const stage = page.getByRole('region', { name: 'Exception levels and trap' });
  await expect(stage.locator('[data-level]')).toHaveText([/NS-EL1.*the host kernel/, /NS-EL2.*pKVM/]);
  await expect(stage.getByTestId('world-bands').locator('li')).toHaveText([/non-secure/i]);
});

test('FF-A under pKVM: a direct request crosses five levels, pKVM’s proxy at NS-EL2 before EL3', async ({ page }) => {
  await page.goto('./#/ffa-pkvm-smc64/ffa-msg-send-direct-req-64?step=0');
  const stage = page.getByRole('region', { name: 'Exception levels and trap' });
  await expect(stage.locator('[data-level]').locator('strong')).toHaveText(['NS-EL1', 'NS-EL2', 'EL3', 'S-EL2', 'S-EL1']);
  await expect(stage.locator('[data-level="NS-EL2"]')).toContainText('pKVM’s FF-A proxy');
});
