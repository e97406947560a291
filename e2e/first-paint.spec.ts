import { expect, test, type Page } from '@playwright/test';
import { smcccHvc64 } from '../src/share/custom/fixtures';
import { builtFiles, chunkOf, holdChunk, LIVE } from './build';

// index.html carries the default view, rendered at build time by the app's own components (src/boot/prerender.tsx);
// how the page starts: src/boot/boot.ts and the README's "How the page starts".

/** Every error the page reports, hydration mismatches included (React reports #418 and its kin as page errors). */
function collectErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(e.message));
  return errors;
}

/** Keeps the pre-rendered narration node: hydration keeps it, a fresh render would replace it. */
async function keepPrerenderedNarration(page: Page): Promise<() => Promise<boolean>> {
  await page.addInitScript(() => {
    document.addEventListener('DOMContentLoaded', () => {
      (window as unknown as { preNarration: Element | null }).preNarration = document.querySelector('[data-testid="narration"]');
    });
  });
  return () =>
    page.evaluate(() => {
      const pre = (window as unknown as { preNarration: Element | null }).preNarration;
      return pre !== null && pre === document.querySelector('[data-testid="narration"]');
    });
}

test.describe('the first paint', () => {
  test.use({ javaScriptEnabled: false });

  test('shows the default call, its trap and its registers before any script runs', async ({ page }) => {
    await page.goto('./');
    await expect(page.getByTestId('narration')).toContainText('about to call PSCI CPU_ON (SMC64) under SMCCC 1.1 · HVC64');
    await expect(page.getByText('hvc #0 = 0xD4000002')).toBeVisible();
    // Before the trap the syndrome is not there yet: step 0 says what the instruction will do.
    await expect(page.getByTestId('not-trapped')).toContainText('ESR_EL2');
    await expect(page.getByTestId('register-file')).toContainText('x0');
    await expect(page.getByLabel('Call', { exact: true })).toHaveValue('psci-cpu-on-64');
    await expect(page.getByLabel('x1 · target_cpu')).toHaveValue('0x1');
    await expect(page.getByTestId('fid-value')).toHaveText('0xC4000003');
    await expect(page.getByRole('region', { name: 'Notes and sources' })).toContainText('PSCI');
    // Without the app nothing would answer: the controls say so rather than take input that goes nowhere.
    await expect(page.getByRole('button', { name: 'Step forward (Right arrow)' })).toBeDisabled();
    await expect(page.getByLabel('Call', { exact: true })).toBeDisabled();
    await expect(page.getByLabel('x1 · target_cpu')).toBeDisabled();
  });
});

test('the app hydrates the pre-rendered page as it stands, without an error', async ({ page }) => {
  const errors = collectErrors(page);
  const narrationKept = await keepPrerenderedNarration(page);
  await page.goto('./');
  await expect(page.locator(LIVE)).toBeAttached();
  expect(await narrationKept()).toBe(true);
  await expect(page).toHaveURL(/#\/smccc-1\.1-hvc64\/psci-cpu-on-64$/);
  // The calls loaded after the first paint are in the picker.
  await expect(page.getByLabel('Call', { exact: true }).locator('option', { hasText: 'PSCI CPU_SUSPEND (SMC64)' })).toHaveCount(1);
  expect(errors).toEqual([]);
});

test('once live, the hydrated page answers: a step and an argument reach the link', async ({ page }) => {
  await page.goto('./');
  await expect(page.locator(LIVE)).toBeAttached();
  await page.getByRole('button', { name: 'Step forward (Right arrow)' }).click();
  await expect(page.getByTestId('step-counter')).toHaveText('2/10');
  await expect(page.getByTestId('narration')).toContainText('Load the function ID 0xC4000003 into x0');
  await page.getByLabel('x1 · target_cpu').fill('0x101');
  await expect(page).toHaveURL(/x1=0x101/);
});

test('with a theme, an editor draft and a kept convention stored, the bare address hydrates without an error, then shows them', async ({ page }) => {
  const errors = collectErrors(page);
  const narrationKept = await keepPrerenderedNarration(page);
  const kept = JSON.stringify({ trapscope: 'custom-store', storageVersion: 1, definitions: [smcccHvc64()], rejected: [] });
  await page.addInitScript((kept) => {
    localStorage.setItem('trapscope-theme', 'dark');
    localStorage.setItem('trapscope-custom-draft', '{ "trapscope": "custom-convention", "convention": {');
    localStorage.setItem('trapscope-custom', kept);
  }, kept);
  await page.goto('./');
  await expect(page.locator(LIVE)).toBeAttached();
  expect(await narrationKept()).toBe(true);
  await expect(page.getByRole('button', { name: 'Resume your draft' })).toBeVisible();
  await expect(page.getByRole('list', { name: 'Your conventions' })).toContainText('My SMCCC 1.1 HVC64');
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await expect(page.getByRole('radio', { name: 'Dark' })).toBeChecked();
  expect(errors).toEqual([]);
});

test('until the page is live its controls take no input; once live they do', async ({ page }) => {
  // The runs on emulated CPUs outside the first load held back (the address sync waits for them): the page is
  // hydrated but not live.
  const release = await holdChunk(page, 'virtual:trapscope-observed-more');
  await page.goto('./');
  await expect(page.locator('[data-boot="hydrating"]')).toBeAttached();
  await expect(page.getByLabel('x1 · target_cpu')).toBeDisabled();
  await expect(page.getByRole('button', { name: 'Step forward (Right arrow)' })).toBeDisabled();
  release();
  await expect(page.locator(LIVE)).toBeAttached();
  await page.getByRole('button', { name: 'Step forward (Right arrow)' }).click();
  await expect(page).toHaveURL(/#\/smccc-1\.1-hvc64\/psci-cpu-on-64\?at=2$/);
});

test('under a permalink the pre-rendered default view is never shown', async ({ page }) => {
  await page.addInitScript(() => {
    document.addEventListener('DOMContentLoaded', () => {
      const prerendered = document.querySelector('[data-boot="static"]')!;
      (window as unknown as { preDisplay: string }).preDisplay = getComputedStyle(prerendered).display;
    });
  });
  await page.goto('./#/smccc-1.1-smc32/psci-version');
  await expect(page.getByTestId('narration')).toContainText('PSCI_VERSION');
  expect(await page.evaluate(() => (window as unknown as { preDisplay: string }).preDisplay)).toBe('none');
  await expect(page.getByTestId('narration')).toHaveCount(1);
  await expect(page.locator(LIVE)).toBeAttached();
});

test("under a permalink the app's chunks are asked for from the head, before the entry has run", async ({ page }) => {
  const app = builtFiles()['src/boot/start.tsx']!.file;
  const asked: string[] = [];
  page.on('request', (r) => asked.push(new URL(r.url()).pathname));
  await page.goto('./#/smccc-1.1-smc32/psci-version');
  await expect(page.locator(LIVE)).toBeAttached();
  const entry = builtFiles()['index.html']!.file;
  expect(asked.findIndex((p) => p.endsWith(`/${app}`))).toBeGreaterThanOrEqual(0);
  expect(asked.findIndex((p) => p.endsWith(`/${app}`))).toBeLessThan(asked.findIndex((p) => p.endsWith(`/${entry}`)));
});

test('a link whose calls are slow to arrive says it is opening, then shows the linked view alone', async ({ page }) => {
  const release = await holdChunk(page, 'src/catalog/gunyah/index.ts');
  await page.goto('./#/gunyah-smccc/gunyah-vcpu-run');
  await expect(page.getByRole('status').filter({ hasText: 'Trapscope is opening the linked view…' })).toBeVisible();
  // The page's header comes with it, but Share would offer the default view's link: it waits for the view.
  await expect(page.getByRole('button', { name: 'Share' })).toBeDisabled();
  await expect(page.getByTestId('narration')).toHaveCount(0);
  release();
  await expect(page.getByTestId('narration')).toContainText('Gunyah VCPU_RUN');
  await expect(page.getByText('Trapscope is opening the linked view…')).toHaveCount(0);
  await expect(page.getByRole('region', { name: 'Notes and sources' })).toContainText('Gunyah');
});

test('a link whose calls cannot arrive (the network dropped) says so and offers a reload, never a blank page', async ({ page }) => {
  page.on('pageerror', () => {}); // the failed import is also reported as an error of the page's script
  const gunyah = chunkOf('src/catalog/gunyah/index.ts');
  await page.route(gunyah, (route) => route.abort('internetdisconnected'));
  await page.goto('./#/gunyah-smccc/gunyah-vcpu-run');
  await expect(page.getByRole('alert')).toContainText('Trapscope could not open this link: a part of it did not load.');
  await page.unroute(gunyah);
  await page.getByRole('button', { name: 'Reload' }).click();
  await expect(page.getByTestId('narration')).toContainText('Gunyah VCPU_RUN');
});

test("the first load's app chunks start with V8's compile hint, a family's chunk does not", async ({ request }) => {
  const files = Object.values(builtFiles());
  const first = files.filter((f) => (f.name === 'entry' || f.name === 'start') && f.file.endsWith('.js'));
  expect(new Set(first.map((f) => f.name))).toEqual(new Set(['entry', 'start']));
  for (const { file } of first) expect((await (await request.get(`./${file}`)).text()).startsWith('//# allFunctionsCalledOnLoad\n'), file).toBe(true);
  const gunyah = builtFiles()['src/catalog/gunyah/index.ts']!.file;
  expect(await (await request.get(`./${gunyah}`)).text()).not.toContain('allFunctionsCalledOnLoad');
});
