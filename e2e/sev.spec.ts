import { expect, test } from '@playwright/test';

// AMD SEV-ES (issue #18): the GHCB MSR's bit-field, and the GHCB page beside the registers.

test('an SEV-ES MSR-protocol call shows the GHCB MSR as a bit-field: the request before the exit, the response after', async ({ page }) => {
  await page.goto('./#/sev-es-ghcb-msr/sev-msr-cpuid?step=1');
  await expect(page.getByLabel('Call', { exact: true })).toHaveValue('sev-msr-cpuid');
  await expect(page.getByTestId('link-messages')).toHaveCount(0);
  const msr = page.getByTestId('msr-cell');
  await expect(msr).toContainText('MSR 0xC0010130');
  await expect(page.getByTestId('msr-value')).toHaveText('0x8000001F40000004');
  await expect(page.getByTestId('msr-layout')).toContainText('CPUID request');
  await expect(msr).toContainText('GHCB_MSR_CPUID_REQ');
  await page.keyboard.press('End');
  await expect(page.getByTestId('msr-layout')).toContainText('CPUID response');
  await expect(msr).toContainText('GHCB_MSR_CPUID_RESP');
});

test('a GHCB-page exit shows the page beside the registers, filled field by field, its address in the GHCB MSR', async ({ page }) => {
  await page.goto('./#/sev-es-ghcb-page/sev-ghcb-cpuid?step=1');
  const area = page.getByTestId('memory-0');
  await expect(area).toContainText('GHCB page');
  await expect(area.locator('[data-field="sw_exit_code"]')).toHaveAttribute('data-written', 'true');
  await expect(page.getByTestId('mem-value-sw_exit_code')).toHaveText('0x72');
  await expect(page.getByTestId('mem-value-rbx')).toHaveText('—');
  await expect(page.getByTestId('carrier-0')).toHaveText('ghcb_msr');
  await expect(page.getByTestId('to-memory-0')).toBeVisible();
  await page.keyboard.press('End');
  await expect(page.getByTestId('mem-value-rbx')).toHaveText('0x33');
});

test('a Page State Change draws its descriptor in the GHCB’s shared buffer: the entry at 0x808, cur_entry and the entry’s cur_page moved on by the host', async ({
  page,
}) => {
  await page.goto('./#/sev-es-ghcb-page/sev-ghcb-psc?step=1');
  const area = page.getByTestId('memory-0');
  await expect(area.locator('[data-field="psc.entries[0]"]')).toContainText('+0x808');
  await expect(area.locator('[data-field="psc.entries[0]"]')).toHaveAttribute('data-written', 'true');
  await expect(page.getByTestId('mem-value-psc.entries[0]')).toHaveText('0x2000007F200000');
  await expect(page.getByTestId('mem-value-sw_scratch')).toHaveText('0x7F123800');
  await expect(page.getByTestId('mem-value-psc.hdr.cur_entry')).toHaveText('0x0');
  await page.keyboard.press('End');
  await expect(page.getByTestId('mem-value-psc.hdr.cur_entry')).toHaveText('0x1');
  await expect(page.getByTestId('mem-value-psc.entries[0]')).toHaveText('0x2000007F200001');
});

test('a copy of the GHCB MSR protocol opens in the editor and, saved, draws its MSR bit-field as the original does', async ({ page }) => {
  await page.goto('./#/sev-es-ghcb-msr/sev-msr-cpuid');
  await page.getByRole('button', { name: 'Start from a copy of AMD SEV-ES · VMGEXIT, GHCB MSR protocol (x86-64)' }).click();
  const editor = page.getByRole('dialog', { name: 'Design a convention' });
  await expect(editor.getByTestId('editor-ok')).toBeVisible();
  await expect(editor.getByLabel('MSR cells (x86): register | index | name')).toHaveValue('ghcb_msr | 0xC0010130 | MSR_AMD64_SEV_ES_GHCB');
  await editor.getByRole('button', { name: 'Save and show' }).click();

  await expect(page.getByTestId('custom-banner')).toContainText('Custom, unverified convention');
  await expect(page.getByLabel('Convention', { exact: true })).toHaveValue('custom-sev-es-ghcb-msr-copy');
  await expect(page.getByTestId('msr-cell')).toContainText('MSR 0xC0010130');
  await page.getByLabel('Call', { exact: true }).selectOption('custom-sev-es-ghcb-msr-copy-sev-msr-cpuid');
  await page.getByRole('button', { name: 'Step forward (Right arrow)' }).click();
  await expect(page.getByTestId('msr-value')).toHaveText('0x8000001F40000004');
  await expect(page.getByTestId('msr-layout')).toContainText('CPUID request');
  await expect(page.getByTestId('msr-cell')).toContainText('GHCB_MSR_CPUID_REQ');
});

test('a copy of the GHCB page protocol, one field changed in the editor’s form, draws the page with the new value', async ({ page }) => {
  await page.goto('./#/sev-es-ghcb-page/sev-ghcb-cpuid');
  await page.getByRole('button', { name: 'Start from a copy of AMD SEV-ES · VMGEXIT, GHCB page (x86-64)' }).click();
  const editor = page.getByRole('dialog', { name: 'Design a convention' });
  const area = editor.getByTestId('editor-memory-0-0');
  await expect(area.getByLabel('Address in')).toHaveValue('ghcb_msr');
  const fields = area.getByLabel('Fields: name | offset | bytes | direction | example | result | meaning');
  await expect(fields).toHaveValue(/^rax \| 504 \| 8 \| inout \| 0x8000001F \| 0x0 \| /);
  await fields.fill((await fields.inputValue()).replace('0x8000001F', '0x80000008'));
  await expect(editor.getByTestId('editor-ok')).toBeVisible();
  await editor.getByRole('button', { name: 'Save and show' }).click();

  await expect(page.getByLabel('Convention', { exact: true })).toHaveValue('custom-sev-es-ghcb-page-copy');
  await page.getByRole('button', { name: 'Step forward (Right arrow)' }).click();
  await expect(page.getByTestId('mem-value-rax')).toHaveText('0x80000008');
});
