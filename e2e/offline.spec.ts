import { expect, test, type Page } from '@playwright/test';
import { chunkOf, LIVE } from './build';

/** Opens the site in this fresh profile and waits until its service worker says it works offline. */
async function installed(page: Page, url = './'): Promise<void> {
  await page.goto(url);
  // The worker first fetches the whole site into its cache: slow on a busy machine.
  await expect(page.getByTestId('pwa-status')).toContainText('Ready to work offline.', { timeout: 30_000 });
}

test('after one visit, the app opens with the network off', async ({ page, context }) => {
  await installed(page);
  await context.setOffline(true);
  await page.reload();
  await expect(page.locator(LIVE)).toBeAttached();
  await expect(page.getByTestId('register-file')).toBeVisible();
  expect(await page.evaluate(() => navigator.onLine)).toBe(false);
});

test('after one visit, a permalink of another family opens with the network off, and steps', async ({ page, context }) => {
  await installed(page);
  await context.setOffline(true);
  await page.goto('./#/gunyah-2022-hvc-imm/gunyah-2022-hyp-identify?step=3');
  await page.reload();
  await expect(page.getByLabel('Convention', { exact: true })).toHaveValue('gunyah-2022-hvc-imm');
  await page.locator('body').click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('ArrowRight');
  await expect(page.getByTestId('step-counter')).toHaveText(/^5\//);
});

// The tab of the first visit, not reloaded: "Ready to work offline" must be true there too (#16 item 0).
test.describe('in the tab that installed the app, with the network off', () => {
  test.beforeEach(async ({ page, context }) => {
    await installed(page);
    await context.setOffline(true);
  });

  test('Share opens', async ({ page }) => {
    await page.getByRole('button', { name: 'Share' }).click();
    await expect(page.getByRole('dialog')).toBeVisible();
  });

  test('Compare opens', async ({ page }) => {
    await page.getByRole('button', { name: 'Compare this call side by side' }).click();
    await expect(page.getByTestId('aligned-registers')).toBeVisible();
  });

  test('another family (RISC-V) opens', async ({ page }) => {
    await page.getByLabel('Convention', { exact: true }).selectOption('riscv-sbi');
    await expect(page.getByTestId('narration')).toContainText('RISC-V SBI');
  });

  test('the convention editor opens from a blank convention', async ({ page }) => {
    await page.getByRole('button', { name: 'Start from a blank convention' }).click();
    await expect(page.getByRole('dialog')).toBeVisible();
  });
});

test('"Ready to work offline." covers no sentence or register, goes by itself, and does not come back on the next visit', async ({ page }) => {
  await installed(page);
  const notice = await page.getByTestId('pwa-status').boundingBox();
  for (const part of [page.getByTestId('narration'), page.getByTestId('register-file'), page.getByRole('region', { name: 'Playback' })]) {
    const box = (await part.boundingBox())!;
    const apart =
      notice!.y + notice!.height <= box.y || box.y + box.height <= notice!.y || notice!.x + notice!.width <= box.x || box.x + box.width <= notice!.x;
    expect(apart, 'the notice overlaps a part of the view').toBe(true);
  }
  await expect(page.getByTestId('pwa-status')).toHaveCount(0, { timeout: 15_000 });
  await page.reload();
  await expect(page.locator(LIVE)).toBeAttached();
  await page.evaluate(() => navigator.serviceWorker.ready);
  await expect(page.getByTestId('pwa-status')).toHaveCount(0);
});

test('the web manifest names the app, its icons (maskable and SVG) and theme colour', async ({ request }) => {
  const m = await (await request.get('./manifest.webmanifest')).json();
  expect(m).toMatchObject({ name: 'Trapscope', display: 'standalone', theme_color: '#1e293b' });
  expect(m.icons.map((i: { src: string }) => i.src)).toEqual(expect.arrayContaining(['icon.svg', 'icon-maskable-512.png']));
  expect(m.icons.find((i: { purpose?: string }) => i.purpose === 'maskable')).toBeTruthy();
});

// Where no service worker holds the app (not installed yet, or not supported), a part may still fail to arrive.
test.describe('a part that cannot arrive', () => {
  test.use({ serviceWorkers: 'block' });

  test('the Share panel: a message with Reload in its place, the page stays', async ({ page }) => {
    await page.route(chunkOf('src/ui/share/SharePanel.tsx'), (route) => route.abort('internetdisconnected'));
    await page.goto('./');
    await expect(page.locator(LIVE)).toBeAttached();
    await page.getByRole('button', { name: 'Share' }).click();
    await expect(page.getByRole('alert')).toContainText('The Share panel did not load. Are you offline?');
    await expect(page.getByRole('button', { name: 'Reload' })).toBeVisible();
    await expect(page.getByTestId('narration')).toBeVisible();
  });

  test('a family the picker asks for: a message with Reload, not a picker that snaps back in silence', async ({ page }) => {
    page.on('pageerror', () => {}); // the action's failed import is reported as an error of the page's script too
    await page.route(chunkOf('src/catalog/riscv/index.ts'), (route) => route.abort('internetdisconnected'));
    await page.goto('./');
    await expect(page.locator(LIVE)).toBeAttached();
    await page.getByLabel('Convention', { exact: true }).selectOption('riscv-sbi');
    await expect(page.getByRole('alert')).toContainText('A part of Trapscope did not load. Are you offline?');
    await expect(page.getByRole('button', { name: 'Reload' })).toBeVisible();
    await expect(page.getByTestId('narration')).toContainText('PSCI CPU_ON');
  });
});
