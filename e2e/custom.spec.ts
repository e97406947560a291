import { expect, test } from '@playwright/test';

test('copy SMCCC 1.1 into a proposal, compare it with 1.2, share it, open it elsewhere, reload', async ({ page, browser }) => {
  await page.goto('./#/smccc-1.1-hvc64/psci-cpu-on-64');
  await page.getByRole('button', { name: 'Start from a copy of SMCCC 1.1 · HVC64' }).click();
  const editor = page.getByRole('dialog', { name: 'Design a convention' });
  await expect(editor.getByTestId('editor-ok')).toBeVisible();

  await editor.getByLabel('Name', { exact: true }).fill('My <b>proposal</b>');
  await editor.getByLabel('Id (kebab-case)').fill('my-proposal');
  await editor.getByLabel('Immediate (number, or "call")').fill('1');

  // A mistake is explained where it is made, and what was typed is kept.
  const args = editor.getByLabel('Argument registers, in order');
  await args.fill('x1, x2, x99');
  await args.press('Tab');
  await expect(editor.getByRole('alert').first()).toContainText('x99');
  await expect(editor.getByRole('button', { name: 'Save and show' })).toBeDisabled();
  await args.fill('x1, x2, x3, x4, x5, x6, x7');
  await args.press('Tab');
  await expect(editor.getByTestId('editor-ok')).toBeVisible();
  await editor.getByRole('button', { name: 'Save and show' }).click();

  await expect(page.getByTestId('custom-banner')).toContainText('Custom, unverified convention');
  await expect(page.getByLabel('Convention', { exact: true })).toHaveValue('custom-my-proposal');
  await expect(page.getByTestId('trap-encoding')).toHaveText('0xD4000022');
  await expect(page.getByTestId('narration')).toContainText('under My <b>proposal</b>');
  await expect(page).toHaveURL(/def=1\./);

  await page.getByRole('button', { name: 'Compare this call side by side' }).click();
  await page.getByLabel('Convention 2').selectOption('smccc-1.2-hvc64');
  await expect(page.getByTestId('capacity-2')).toContainText('the convention allows 136 B');
  const link = page.url();
  expect(link).toMatch(/#\/compare\/custom-my-proposal\/.+def=1\./);

  const fresh = await browser.newContext();
  const other = await fresh.newPage();
  await other.goto(link);
  await expect(other.getByTestId('pane-1')).toContainText('My <b>proposal</b>');
  await expect(other.getByTestId('pane-stage-1')).toContainText('(custom, unverified)');
  await expect(other.getByLabel('Convention 2')).toHaveValue('smccc-1.2-hvc64');
  await expect(other.getByTestId('link-messages')).toHaveCount(0);
  await fresh.close();

  await page.reload();
  await expect(page.getByLabel('Convention 1')).toHaveValue('custom-my-proposal');
  await page.getByRole('button', { name: 'Open alone' }).first().click();
  await expect(page.getByTestId('custom-banner')).toBeVisible();
});

test('a link whose custom definition was cut short says so and still opens', async ({ page }) => {
  await page.goto('./#/custom-nothing/custom-nothing-x?def=1.abc');
  await expect(page.getByTestId('link-messages')).toContainText('damaged');
  await expect(page.getByTestId('register-file')).toBeVisible();
});

test('kept conventions are listed, open from the list, and can be deleted for good', async ({ page }) => {
  await page.goto('./#/smccc-1.1-hvc64/psci-cpu-on-64');
  await page.getByRole('button', { name: 'Start from a copy of SMCCC 1.1 · HVC64' }).click();
  const editor = page.getByRole('dialog', { name: 'Design a convention' });
  await editor.getByLabel('Name', { exact: true }).fill('Throwaway');
  await editor.getByLabel('Id (kebab-case)').fill('throwaway');
  await editor.getByRole('button', { name: 'Save and show' }).click();
  await expect(page.getByTestId('custom-banner')).toBeVisible();

  await page.goto('./#/smccc-1.1-hvc64/psci-cpu-on-64');
  await page.reload();
  const mine = page.getByRole('list', { name: 'Your conventions' });
  await mine.getByRole('button', { name: 'Throwaway', exact: true }).click();
  await expect(page.getByLabel('Convention', { exact: true })).toHaveValue('custom-throwaway');

  await page.goto('./#/smccc-1.1-hvc64/psci-cpu-on-64');
  await page.getByRole('button', { name: 'Delete Throwaway' }).click();
  await expect(page.getByRole('list', { name: 'Your conventions' })).toHaveCount(0);
  await page.reload();
  await expect(page.getByRole('list', { name: 'Your conventions' })).toHaveCount(0);
});

test('after editing the argument registers, one click on the SMCCC function-ID box or its label checks it', async ({ page }) => {
  await page.goto('./#/smccc-1.1-hvc64/psci-cpu-on-64');
  await page.getByRole('button', { name: 'Start from a copy of SMCCC 1.1 · HVC64' }).click();
  const editor = page.getByRole('dialog', { name: 'Design a convention' });
  const box = editor.getByRole('checkbox', { name: 'The selector holds an SMCCC function ID' });
  await expect(box).toBeChecked();
  const args = editor.getByLabel('Argument registers, in order');
  // A mistake: its message appears as soon as it is typed, not when the pointer is already on its way to the box.
  await args.fill('x1, x2, x99');
  await box.click();
  await expect(box).not.toBeChecked();
  await args.fill('x1-x7');
  await editor.getByText('The selector holds an SMCCC function ID').click();
  await expect(box).toBeChecked();
  await expect(editor.getByTestId('editor-ok')).toBeVisible();
});
