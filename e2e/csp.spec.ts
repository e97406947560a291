import { expect, test } from '@playwright/test';

test('under a strict CSP nothing is blocked, and no request leaves the app’s origin', async ({ page, baseURL }) => {
  const origin = new URL(baseURL!).origin;
  const foreign: string[] = [];
  page.on('request', (r) => {
    const u = r.url();
    if (!u.startsWith(origin) && !u.startsWith('data:') && !u.startsWith('blob:')) foreign.push(u);
  });
  await page.addInitScript(() => {
    (window as unknown as { __csp: string[] }).__csp = [];
    document.addEventListener('securitypolicyviolation', (e) =>
      (window as unknown as { __csp: string[] }).__csp.push(`${e.violatedDirective} ${e.blockedURI}`),
    );
  });

  await page.goto('./#/smccc-1.1-hvc64/psci-cpu-on-64');
  const csp = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
  expect(csp).toContain("script-src 'self'");
  expect(csp).not.toContain('unsafe');

  await page.getByRole('button', { name: /Play/ }).click();
  await page.getByLabel('Speed').selectOption('4');
  await expect(page.getByTestId('step-counter')).toHaveText('10/10', { timeout: 10_000 });
  await page.getByLabel('Find a call').fill('0x46000001');
  await page.getByRole('button', { name: 'Compare this call side by side' }).click();
  await expect(page.getByTestId('aligned-registers')).toBeVisible();
  await page.getByRole('button', { name: 'Share' }).click();
  await page.getByRole('tab', { name: 'Picture' }).click();
  await expect(page.getByTestId('share-picture')).toBeVisible();
  await page.getByRole('tab', { name: 'Plain text (email)' }).click();
  await page.keyboard.press('Escape');

  expect(await page.evaluate(() => (window as unknown as { __csp: string[] }).__csp)).toEqual([]);
  expect(foreign).toEqual([]);
});
