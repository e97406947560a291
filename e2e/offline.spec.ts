import { expect, test } from '@playwright/test';

test('after one visit, the app and any permalink open with the network off', async ({ page, context }) => {
  await page.goto('./#/smccc-1.1-hvc64/psci-cpu-on-64');
  await expect(page.getByTestId('pwa-status')).toContainText('Ready to work offline.');
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
  });

  await context.setOffline(true);
  await page.reload();
  await expect(page.getByTestId('register-file')).toBeVisible();

  await page.goto('./#/gunyah-2022-hvc-imm/gunyah-2022-hyp-identify?step=3');
  await page.reload();
  await expect(page.getByLabel('Convention', { exact: true })).toHaveValue('gunyah-2022-hvc-imm');
  await page.locator('body').click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('ArrowRight');
  await expect(page.getByTestId('step-counter')).toHaveText(/^5\//);
  expect(await page.evaluate(() => navigator.onLine)).toBe(false);
});

test('the web manifest names the app, its icons (maskable and SVG) and theme colour', async ({ request }) => {
  const m = await (await request.get('./manifest.webmanifest')).json();
  expect(m).toMatchObject({ name: 'Trapscope', display: 'standalone', theme_color: '#1e293b' });
  expect(m.icons.map((i: { src: string }) => i.src)).toEqual(expect.arrayContaining(['icon.svg', 'icon-maskable-512.png']));
  expect(m.icons.find((i: { purpose?: string }) => i.purpose === 'maskable')).toBeTruthy();
});
