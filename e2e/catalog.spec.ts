import { expect, test } from '@playwright/test';

test('typing a function id finds the call and opens it', async ({ page }) => {
  await page.goto('./#/smccc-1.1-hvc32/smccc-version');
  await page.getByLabel('Find a call').fill('0xC4000003');
  await page.getByRole('button', { name: /PSCI CPU_ON \(SMC64\)/ }).click();
  await expect(page.getByLabel('Call', { exact: true })).toHaveValue('psci-cpu-on-64');
  await expect(page.getByLabel('Convention', { exact: true })).toHaveValue('smccc-1.1-hvc64');
  await expect(page).toHaveURL(/#\/smccc-1\.1-hvc64\/psci-cpu-on-64$/);
});

test('the build publishes catalog.json next to index.html', async ({ request }) => {
  const res = await request.get('./catalog.json');
  expect(res.ok()).toBe(true);
  const json = await res.json();
  expect(json.schemaVersion).toBe(2);
  const on = json.calls.find((c: { id: string }) => c.id === 'psci-cpu-on-64');
  expect(on).toMatchObject({ callNumber: '0xc4000003', encoding: '0xd4000002' });
  // Sources are cited by index into the file's own table.
  expect(json.sources[on.sources[0]]).toMatchObject({ title: expect.any(String), where: expect.any(String) });
});

test('a Hyper-V result value is shown as its fields, with the status name', async ({ page }) => {
  await page.goto('./#/hyperv-x64-fast/hyperv-x64-signal-event');
  await page.getByRole('button', { name: 'Unpack' }).click();
  const results = page.getByTestId('results');
  await expect(results).toContainText('rax');
  await expect(results).toContainText(/status|result/i);
  await expect(results).toContainText('HV_STATUS_SUCCESS');
});

for (const [conv, call] of [
  ['xen-x86-64-vmcall', 'xen-version'],
  ['riscv-sbi', 'sbi-hart-start'],
  ['vmware-arm64-vmwgfx', 'vmware-arm64-rpc-open-channel'],
  ['hypstub-arm32-pre-4.12', 'hypstub-arm32-pre-4.12-get-vectors'],
] as const) {
  test(`a link to ${conv} opens cold: its chunk loads before the view is shown`, async ({ page }) => {
    await page.goto(`./#/${conv}/${call}?step=2`);
    await expect(page.getByLabel('Convention', { exact: true })).toHaveValue(conv);
    await expect(page.getByLabel('Call', { exact: true })).toHaveValue(call);
    await expect(page.getByTestId('link-messages')).toHaveCount(0);
  });
}
