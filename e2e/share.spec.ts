import { expect, test } from '@playwright/test';

test('share: the permalink, email text and JSON describe the view on screen', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.goto('./#/smccc-1.1-hvc64/psci-cpu-on-64?x1=0x101&step=5');
  await page.getByRole('button', { name: 'Share' }).click();
  const dialog = page.getByRole('dialog', { name: 'Share this view' });
  await expect(dialog.getByTestId('share-link')).toHaveValue(/#\/smccc-1\.1-hvc64\/psci-cpu-on-64\?x1=0x101&step=5$/);

  await dialog.getByRole('tab', { name: 'Plain text (email)' }).click();
  const text = await dialog.getByTestId('share-text').inputValue();
  expect(text).toContain('Instruction: hvc #0 = 0xD4000002, EL1 -> EL2');
  for (const line of text.split('\n')) {
    expect(line.length).toBeLessThanOrEqual(72);
    expect(line).toMatch(/^[\x20-\x7e]*$/);
  }
  await dialog.getByRole('button', { name: 'Copy' }).click();
  await expect(dialog.getByRole('status')).toHaveText('Copied.');
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(text);

  await dialog.getByRole('tab', { name: 'JSON' }).click();
  const json = JSON.parse(await dialog.getByTestId('share-json').inputValue());
  expect(json[0]).toMatchObject({ id: 'psci-cpu-on-64', callNumber: '0xc4000003', arguments: { x0: '0xc4000003', x1: '0x101' } });

  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(dialog).toBeHidden();
});
