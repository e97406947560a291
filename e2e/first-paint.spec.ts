import { expect, test, type Page } from '@playwright/test';

/** Holds back the build's chunk of this name until the returned function is called, as a slow network would. */
async function holdChunk(page: Page, name: string): Promise<() => void> {
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route(new RegExp(`/assets/${name}-[^/]*\\.js$`), async (route) => {
    await held;
    await route.continue();
  });
  return release;
}

// index.html carries the default view, rendered at build time by the app's own components (src/prerender.tsx).

test.describe('the first paint', () => {
  test.use({ javaScriptEnabled: false });

  test('shows the default call, its trap and its registers before any script runs', async ({ page }) => {
    await page.goto('./');
    await expect(page.getByTestId('narration')).toContainText('about to call PSCI CPU_ON (SMC64) under SMCCC 1.1 · HVC64');
    await expect(page.getByText('hvc #0 = 0xD4000002')).toBeVisible();
    await expect(page.getByTestId('syndrome-value')).toHaveText('0x5A000000');
    await expect(page.getByTestId('register-file')).toContainText('x0');
    await expect(page.getByLabel('Call', { exact: true })).toHaveValue('psci-cpu-on-64');
    // The deferred panels (src/ui/deferred.tsx) are in the page too.
    await expect(page.getByLabel('x1 · target_cpu')).toHaveValue('0x1');
    await expect(page.getByTestId('fid-value')).toHaveText('0xC4000003');
    await expect(page.getByRole('region', { name: 'Notes and sources' })).toContainText('PSCI');
    // Without the app nothing would answer: the controls say so rather than take input that goes nowhere.
    await expect(page.getByRole('button', { name: 'Step forward (Right arrow)' })).toBeDisabled();
    await expect(page.getByLabel('Call', { exact: true })).toBeDisabled();
    await expect(page.getByLabel('x1 · target_cpu')).toBeDisabled();
  });
});

test('the app adopts the pre-rendered page as it stands, without an error, and it then works', async ({ page }) => {
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(e.message));
  // Keep the pre-rendered narration node: hydration keeps it, a fresh render would replace it.
  await page.addInitScript(() => {
    document.addEventListener('DOMContentLoaded', () => {
      (window as unknown as { preNarration: Element | null }).preNarration = document.querySelector('[data-testid="narration"]');
    });
  });
  await page.goto('./');
  await expect(page.locator('#root')).not.toHaveAttribute('data-prerendered');
  expect(
    await page.evaluate(() => (window as unknown as { preNarration: Element | null }).preNarration === document.querySelector('[data-testid="narration"]')),
  ).toBe(true);
  await expect(page).toHaveURL(/#\/smccc-1\.1-hvc64\/psci-cpu-on-64$/);

  await page.getByRole('button', { name: 'Step forward (Right arrow)' }).click();
  await expect(page.getByTestId('step-counter')).toHaveText('2/10');
  await expect(page.getByTestId('narration')).toContainText('Load the function ID 0xC4000003 into x0');
  // A deferred panel, adopted on its own once its chunk arrived, answers too: the new x1 reaches the link.
  await page.getByLabel('x1 · target_cpu').fill('0x101');
  await expect(page).toHaveURL(/x1=0x101/);
  // The calls loaded after the first paint are in the picker.
  await expect(page.getByLabel('Call', { exact: true }).locator('option', { hasText: 'PSCI CPU_SUSPEND (SMC64)' })).toHaveCount(1);
  expect(errors).toEqual([]);
});

test('the page goes live once the deferred panels are adopted too; the rest answers before, and keeps what was done', async ({ page }) => {
  const release = await holdChunk(page, 'panels');
  await page.goto('./');
  // The player is adopted without the panels: a step taken now (once a click lands on the adopted page) counts.
  const counter = page.getByTestId('step-counter');
  await expect(async () => {
    if ((await counter.textContent()) === '1/10') await page.getByRole('button', { name: 'Step forward (Right arrow)' }).click();
    await expect(counter).toHaveText('2/10', { timeout: 500 });
  }).toPass();
  await expect(page.locator('#root')).toHaveAttribute('data-prerendered', '');
  // A panel whose code has not arrived takes no input: a value typed there would be shown but never applied.
  await expect(page.getByLabel('x1 · target_cpu')).toBeDisabled();
  release();
  await expect(page.locator('#root')).not.toHaveAttribute('data-prerendered');
  await expect(page).toHaveURL(/#\/smccc-1\.1-hvc64\/psci-cpu-on-64\?step=1$/);
  await expect(counter).toHaveText('2/10');
  await page.getByLabel('x1 · target_cpu').fill('0x101');
  await expect(page).toHaveURL(/x1=0x101/);
});

test('under a permalink the pre-rendered default view is never shown', async ({ page }) => {
  await page.addInitScript(() => {
    document.addEventListener('DOMContentLoaded', () => {
      const root = document.getElementById('root')!;
      (window as unknown as { preDisplay: string }).preDisplay = getComputedStyle(root).display;
    });
  });
  await page.goto('./#/smccc-1.1-smc32/psci-version');
  await expect(page.getByTestId('narration')).toContainText('PSCI_VERSION');
  expect(await page.evaluate(() => (window as unknown as { preDisplay: string }).preDisplay)).toBe('none');
  await expect(page.getByTestId('narration')).toHaveCount(1);
  await expect(page.locator('#root')).toBeVisible();
  await expect(page.locator('#root')).not.toHaveAttribute('data-prerendered');
});

test('a link whose calls are slow to arrive says it is opening, then shows the linked view alone', async ({ page }) => {
  const release = await holdChunk(page, 'gunyah');
  await page.goto('./#/gunyah-smccc/gunyah-vcpu-run');
  await expect(page.getByRole('status').filter({ hasText: 'Trapscope is opening the linked view…' })).toBeVisible();
  // The page's header comes with it, but Share would offer the default view's link: it waits for the view.
  await expect(page.getByRole('button', { name: 'Share' })).toBeDisabled();
  await expect(page.getByTestId('narration')).toHaveCount(0);
  release();
  await expect(page.getByTestId('narration')).toContainText('Gunyah VCPU_RUN');
  await expect(page.getByText('Trapscope is opening the linked view…')).toHaveCount(0);
  // The panels below the first screen follow the first render.
  await expect(page.getByRole('region', { name: 'Notes and sources' })).toContainText('Gunyah');
});

test('a link whose calls cannot arrive (the network dropped) says so and offers a reload, never a blank page', async ({ page }) => {
  page.on('pageerror', () => {}); // the failed import is also reported as an error of the page's script
  await page.route(/\/assets\/gunyah-[^/]*\.js$/, (route) => route.abort('internetdisconnected'));
  await page.goto('./#/gunyah-smccc/gunyah-vcpu-run');
  await expect(page.getByRole('alert')).toContainText('Trapscope could not open this link: a part of it did not load.');
  await page.unroute(/\/assets\/gunyah-[^/]*\.js$/);
  await page.getByRole('button', { name: 'Reload' }).click();
  await expect(page.getByTestId('narration')).toContainText('Gunyah VCPU_RUN');
});

test('when the panels cannot arrive, the pre-rendered page says so in their place and the rest still works', async ({ page }) => {
  page.on('pageerror', () => {}); // React reports the panels it could not adopt as it replaces them
  await page.route(/\/assets\/panels-[^/]*\.js$/, (route) => route.abort('internetdisconnected'));
  await page.goto('./');
  await expect(page.getByRole('alert').first()).toContainText('This part of Trapscope did not load. Are you offline?');
  await expect(page.getByRole('button', { name: 'Reload' }).first()).toBeVisible();
  await page.getByRole('button', { name: 'Step forward (Right arrow)' }).click();
  await expect(page.getByTestId('step-counter')).toHaveText('2/10');
  await expect(page.getByTestId('register-file')).toContainText('0xC4000003');
});
