import { expect, test, type Locator, type Page } from '@playwright/test';
import { LIVE } from './build';

// A lecturer's use: the trap as the CPU does it, values that travel, and presenter mode for a projector.

const CPU_ON = './#/smccc-1.1-hvc64/psci-cpu-on-64';
const TRAP_STEP = 5; // 0 intro, 1-4 loads, 5 hvc

/** Once the page is live (it takes keys from then on), focus the page itself rather than a control. */
async function focusPage(page: Page) {
  await expect(page.locator(LIVE)).toBeAttached();
  await page.locator('body').click({ position: { x: 5, y: 5 } });
}

/** The element lies wholly inside the viewport. */
async function expectInViewport(page: Page, el: Locator) {
  const box = (await el.boundingBox())!;
  const vp = page.viewportSize()!;
  expect(box.x).toBeGreaterThanOrEqual(0);
  expect(box.y).toBeGreaterThanOrEqual(0);
  expect(box.x + box.width).toBeLessThanOrEqual(vp.width + 0.5);
  expect(box.y + box.height).toBeLessThanOrEqual(vp.height + 0.5);
}

async function expectNoScroll(page: Page) {
  const { sh, sw, h, w } = await page.evaluate(() => ({
    sh: document.documentElement.scrollHeight,
    sw: document.documentElement.scrollWidth,
    h: innerHeight,
    w: innerWidth,
  }));
  expect(sh).toBeLessThanOrEqual(h);
  expect(sw).toBeLessThanOrEqual(w);
}

test.describe('the trap and the return', () => {
  test('at the trap step the CPU marker travels to EL2 along the drawn route: an animation runs', async ({ page }) => {
    await page.goto(`${CPU_ON}?step=${TRAP_STEP - 1}`);
    // At 0.5x the travel lasts 2.2 s, long enough to be seen on a busy machine.
    await page.getByLabel('Speed').selectOption('0.5');
    await focusPage(page);
    await page.keyboard.press('ArrowRight');
    await page.waitForFunction(() => document.querySelector('[data-testid="cpu-level"]')?.getAnimations().some((a) => a.playState === 'running'));
    await expect(page.locator('[data-level="EL2"]')).toHaveAttribute('data-active', 'true');
  });

  test('with reduced motion nothing moves at the trap step; the lane and the entry still say it', async ({ browser }) => {
    const ctx = await browser.newContext({ reducedMotion: 'reduce' });
    const page = await ctx.newPage();
    await page.goto(`${CPU_ON}?step=${TRAP_STEP - 1}`);
    await focusPage(page);
    await page.keyboard.press('ArrowRight');
    await expect(page.locator('[data-level="EL2"]')).toHaveAttribute('data-active', 'true');
    await expect(page.locator('[data-register="ELR_EL2"]')).toBeVisible();
    expect(await page.evaluate(() => document.getAnimations().length)).toBe(0);
    await ctx.close();
  });

  test('ESR_EL2 and its fields are absent before the trap and written at it, after ELR_EL2 and SPSR_EL2, before the PC moves to the vector', async ({
    page,
  }) => {
    await page.goto(`${CPU_ON}?step=${TRAP_STEP - 1}`);
    await expect(page.getByTestId('not-trapped')).toBeVisible();
    await expect(page.getByTestId('syndrome-value')).toHaveCount(0);
    await expect(page.getByText('EC [31:26]')).toHaveCount(0);
    await focusPage(page);
    await page.keyboard.press('ArrowRight');
    await expect(page.getByTestId('syndrome-value')).toHaveText('0x5A000000');
    await expect(page.getByText('EC [31:26]')).toBeVisible();
    await expect(page.getByTestId('exception-effects').locator('li')).toHaveText([
      /ELR_EL2 ← address of hvc \+ 4/,
      /SPSR_EL2 ← PSTATE/,
      /ESR_EL2 ← 0x5A000000/,
      /PC ← VBAR_EL2 \+ 0x400/,
    ]);
  });

  test('at the return eret restores PC from ELR_EL2 and PSTATE from SPSR_EL2, and the CPU is back at EL1', async ({ page }) => {
    await page.goto(`${CPU_ON}?step=7`);
    await focusPage(page);
    await page.keyboard.press('ArrowRight');
    await expect(page.getByTestId('narration')).toContainText('Eret from EL2 returns to EL1');
    await expect(page.getByText('Exception return: eret')).toBeVisible();
    await expect(page.getByTestId('exception-effects').locator('li')).toHaveText([/PC ← ELR_EL2/, /PSTATE ← SPSR_EL2/]);
    await expect(page.locator('[data-level="EL1"]')).toHaveAttribute('data-active', 'true');
  });

  test('a VM exit on x86 records the guest RIP at the vmcall and KVM adds the instruction length before VMRESUME', async ({ page }) => {
    await page.goto('./#/kvm-x86-vmcall/kvm-hc-kick-cpu');
    await page.getByRole('button', { name: 'trap', exact: true }).click();
    await expect(page.getByTestId('exception-effects')).toContainText('VMCS GUEST_RIP ← address of vmcall itself');
    await page.getByRole('button', { name: 'handle', exact: true }).click();
    await expect(page.getByTestId('trap-panel')).toContainText('GUEST_RIP ← GUEST_RIP + 3');
  });

  test('the 32-bit hyp-stub’s hvc enters Hyp mode at HVBAR + 0x14, and the handler is __hyp_stub_do_trap', async ({ page }) => {
    await page.goto('./#/hypstub-arm32/hypstub-arm32-soft-restart');
    await page.getByRole('button', { name: 'trap', exact: true }).click();
    await expect(page.getByTestId('exception-effects')).toContainText('PC ← HVBAR + 0x014');
    await page.getByRole('button', { name: 'handle', exact: true }).click();
    await expect(page.getByTestId('handler-path').locator('li')).toHaveText([/__hyp_stub_trap/, /__hyp_stub_do_trap/]);
  });

  test('the VMware backdoor’s inl is an I/O VM exit whose exit qualification names port 0x5658', async ({ page }) => {
    await page.goto('./#/vmware-x86-port-io/vmware-getversion');
    await page.getByRole('button', { name: 'trap', exact: true }).click();
    await expect(page.getByTestId('exception-effects').first()).toContainText('VMCS EXIT_QUALIFICATION ← 0x5658000B');
  });

  test('the backdoor’s rep outsb is the same I/O exit with the string and REP bits, and AMD’s EXITINFO1 is under “If on AMD”', async ({ page }) => {
    await page.goto('./#/vmware-x86-hb-out/vmware-rpc-hb-send-payload');
    await page.getByRole('button', { name: 'trap', exact: true }).click();
    await expect(page.getByTestId('exception-effects').first()).toContainText('VMCS EXIT_QUALIFICATION ← 0x56590030');
    await page.getByText('If on AMD (SVM)').click();
    await expect(page.getByTestId('exception-effects').nth(1)).toContainText('VMCB control.exit_info_1 ← 0x5659021C');
    await expect(page.getByTestId('trap-panel')).toContainText('bits 9:7 (address size) are unconfirmed');
  });
});

test('an FF-A smc is followed through TF-A’s SPMD to the SPMC', async ({ page }) => {
  await page.goto('./#/ffa-smc64/ffa-partition-info-get');
  await page.getByRole('button', { name: 'handle', exact: true }).click();
  await expect(page.getByTestId('handler-path')).toContainText('SPMD at EL3');
  await expect(page.getByTestId('handler-path').locator('li')).toContainText([/std_svc_smc_handler/, /spmd_smc_forward/, /ffa_handler/]);
});

test('a TDG.VP.VMCALL opens in the handle phase on the TDX module’s td_call and KVM’s handle_tdvmcall', async ({ page }) => {
  await page.goto('./#/tdx-tdvmcall/tdx-vmcall-map-gpa');
  await page.getByRole('button', { name: 'handle', exact: true }).click();
  await expect(page.getByTestId('handler-path')).toContainText('Intel TDX module');
  await expect(page.getByTestId('handler-path').locator('li')).toContainText([/tdx_td_dispatcher/, /td_call/, /tdg_vp_vmcall/, /tdx_vcpu_enter_exit/, /tdx_to_vmx_exit_reason/, /tdx_handle_exit/, /handle_tdvmcall/]);
});

test('in the handle phase the handler’s path is shown, function by function, or said to be closed', async ({ page }) => {
  await page.goto(`${CPU_ON}?step=6`);
  await expect(page.getByTestId('handler-path')).toContainText('KVM on arm64');
  await expect(page.getByTestId('handler-path').locator('li')).toHaveText([/__kvm_hyp_vector/, /handle_exit/, /handle_hvc/, /kvm_smccc_call_handler/, /kvm_psci_call/]);
  await page.goto('./#/hyperv-x64-fast/hyperv-x64-signal-event');
  // A hash-only navigation: wait for the new convention before choosing its phase, or the route change resets the step.
  await expect(page.getByLabel('Convention', { exact: true })).toHaveValue('hyperv-x64-fast');
  await page.getByRole('button', { name: 'handle', exact: true }).click();
  await expect(page.getByTestId('handler-path')).toContainText('not public');
});

test('a value flies into its register, which shows it when it lands', async ({ page }) => {
  await page.goto(CPU_ON);
  await page.getByLabel('Speed').selectOption('0.5');
  await focusPage(page);
  // What the page shows while the value is in flight is recorded by the page itself: on a busy machine the flight
  // (1.8 s at half speed) can be over before a check sent from the test would look.
  await page.evaluate(() => {
    const observer = new MutationObserver(() => {
      const chip = document.querySelector('.travel-chip');
      if (!chip) return;
      observer.disconnect();
      const value = document.querySelector('[data-testid="value-x0"]')!;
      (window as unknown as { flight: unknown }).flight = {
        chip: chip.textContent,
        arriving: document.querySelector('[data-cell="x0"]')?.getAttribute('data-arriving'),
        valueShown: getComputedStyle(value).visibility !== 'hidden',
      };
    });
    observer.observe(document.body, { childList: true });
  });
  await page.keyboard.press('ArrowRight');
  await expect.poll(() => page.evaluate(() => (window as unknown as { flight?: unknown }).flight)).toEqual({ chip: '0xC4000003', arriving: 'true', valueShown: false });
  await expect(page.locator('.travel-chip')).toHaveCount(0);
  await expect(page.getByTestId('value-x0')).toBeVisible();
  await expect(page.getByTestId('value-x0')).toHaveText('0xC4000003');
});

test('preserved registers nobody touches fold into one line that opens', async ({ page }) => {
  await page.goto(CPU_ON);
  const folded = page.getByTestId('folded-preserved');
  await expect(folded.locator('summary')).toHaveText(/x4–x30, sp: preserved/);
  await expect(page.locator('[data-cell="x7"]')).toBeHidden();
  await folded.locator('summary').click();
  await expect(page.locator('[data-cell="x7"]')).toBeVisible();
});

test.describe('presenter mode', () => {
  test.use({ viewport: { width: 1280, height: 720 } });

  test('at 1280x720 the lanes, the registers the call touches and a 28 px caption fit without scrolling', async ({ page }) => {
    await page.goto(`${CPU_ON}?step=${TRAP_STEP}&present=1`);
    await expect(page.getByTestId('presenter')).toBeVisible();
    for (const level of ['EL1', 'EL2', 'EL3']) await expectInViewport(page, page.locator(`[data-level="${level}"]`));
    for (const reg of ['x0', 'x1', 'x2', 'x3']) await expectInViewport(page, page.locator(`[data-cell="${reg}"]`));
    const caption = page.getByTestId('caption');
    await expect(caption).toContainText('Execute hvc #0');
    await expectInViewport(page, caption);
    expect(parseFloat(await caption.evaluate((el) => getComputedStyle(el).fontSize))).toBeGreaterThanOrEqual(28);
    await expectNoScroll(page);
  });

  test('at 1280x720 the handler’s path fits above the caption', async ({ page }) => {
    await page.goto(`${CPU_ON}?step=6&present=1`);
    await expect(page.getByTestId('handler-path')).toBeVisible();
    const last = (await page.getByTestId('handler-path').locator('li').last().boundingBox())!;
    const caption = (await page.getByTestId('caption').boundingBox())!;
    expect(last.y + last.height).toBeLessThanOrEqual(caption.y);
    await expectNoScroll(page);
  });

  test('at 1280x720 a four-level path keeps the register column above the caption', async ({ page }) => {
    await page.goto('./#/cca-rsi-smc64/rsi-host-call?at=11&present=1');
    await expect(page.getByTestId('caption')).toContainText('passes the call to the RMM');
    // Where the register column's content is drawn (clipped by the column if it scrolls) ends above the caption.
    const drawnBottom = await page.getByTestId('presenter-registers').evaluate((column) => {
      const bottoms = [...column.querySelectorAll('*')].map((el) => el.getBoundingClientRect()).filter((r) => r.width > 0).map((r) => r.bottom);
      const content = Math.max(...bottoms);
      return getComputedStyle(column).overflowY === 'visible' ? content : Math.min(content, column.getBoundingClientRect().bottom);
    });
    const caption = (await page.getByTestId('caption').boundingBox())!;
    expect(drawnBottom).toBeLessThanOrEqual(caption.y);
    await expectNoScroll(page);
  });

  test('at 1920x1080 nothing scrolls either', async ({ page }) => {
    await page.setViewportSize({ width: 1920, height: 1080 });
    await page.goto(`./#/smccc-1.0-hvc64/psci-cpu-on-64?step=8&present=1`);
    await expect(page.getByTestId('presenter')).toBeVisible();
    await expectInViewport(page, page.getByTestId('caption'));
    await expectNoScroll(page);
  });

  test('a clicker’s PageDown and PageUp step', async ({ page }) => {
    await page.goto(`${CPU_ON}?step=2&present=1`);
    await expect(page.getByTestId('step-counter')).toHaveText('3/10');
    await expect(page.locator(LIVE)).toBeAttached();
    await page.keyboard.press('PageDown');
    await expect(page.getByTestId('step-counter')).toHaveText('4/10');
    await page.keyboard.press('PageDown');
    await expect(page.getByTestId('step-counter')).toHaveText('5/10');
    await page.keyboard.press('PageUp');
    await expect(page.getByTestId('step-counter')).toHaveText('4/10');
    await expect(page).toHaveURL(/at=4&present=1/);
  });

  test('the Present button and P enter it, Esc leaves, and the link says which', async ({ page }) => {
    await page.goto(`${CPU_ON}?step=2`);
    await page.getByRole('button', { name: 'Present' }).click();
    await expect(page.getByTestId('presenter')).toBeVisible();
    await expect(page).toHaveURL(/at=3&present=1/);
    await page.keyboard.press('Escape');
    await expect(page.getByTestId('presenter')).toHaveCount(0);
    await expect(page).not.toHaveURL(/present=1/);
    await focusPage(page);
    await page.keyboard.press('p');
    await expect(page.getByTestId('presenter')).toBeVisible();
  });

  test('a two-pane comparison presents its panes side by side without scrolling', async ({ page }) => {
    await page.goto('./#/compare/smccc-1.0-hvc64/psci-cpu-on-64/smccc-1.1-hvc64/psci-cpu-on-64?step=9&present=1');
    await expect(page.locator('[data-pane]')).toHaveCount(2);
    for (const pane of [0, 1]) await expectInViewport(page, page.locator(`[data-pane="${pane}"] [data-cell="x0"]`));
    await expect(page.getByTestId('caption')).toContainText('1, 2. PSCI CPU_ON (SMC64)');
    await expectNoScroll(page);
  });
});
