import { expect, test } from '@playwright/test';

test('share: the permalink, email text and JSON describe the view on screen', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.goto('./#/smccc-1.1-hvc64/psci-cpu-on-64?x1=0x101&step=5');
  await page.getByRole('button', { name: 'Share' }).click();
  const dialog = page.getByRole('dialog', { name: 'Share this view' });
  await expect(dialog.getByTestId('share-link')).toHaveValue(/#\/smccc-1\.1-hvc64\/psci-cpu-on-64\?x1=0x101&at=6$/);

  await dialog.getByRole('tab', { name: 'Plain text (email)' }).click();
  const text = await dialog.getByTestId('share-text').inputValue();
  expect(text).toContain('Instruction: hvc #0 = 0xD4000002, EL1 -> EL2');
  // Short by default: the link alone on the last line, every other line within 72 columns.
  const lines = text.trimEnd().split('\n');
  expect(lines.length).toBeLessThanOrEqual(30);
  expect(lines.at(-1)).toMatch(/^http.*#\/smccc-1\.1-hvc64\/psci-cpu-on-64\?x1=0x101&at=6$/);
  for (const line of lines) {
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

for (const kind of ['PNG', 'SVG'] as const) {
  test(`a downloaded ${kind} reopens its view when dropped onto Trapscope`, async ({ page }) => {
    await page.goto('./#/smccc-1.1-hvc64/psci-cpu-on-64?x1=0x101&step=5');
    await page.getByRole('button', { name: 'Share' }).click();
    await page.getByRole('tab', { name: 'Picture' }).click();
    await expect(page.getByTestId('share-picture')).toBeVisible();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: `Download ${kind}` }).click()]);
    expect(download.suggestedFilename()).toBe(`trapscope-psci-cpu-on-64.${kind.toLowerCase()}`);
    const bytes = [...(await (await import('node:fs/promises')).readFile((await download.path())!))];

    await page.getByRole('dialog').getByRole('button', { name: 'Close' }).click();
    await page.goto('./#/kvm-x86-vmcall/kvm-hc-kick-cpu');
    await expect(page.getByLabel('Convention', { exact: true })).toHaveValue('kvm-x86-vmcall');
    const dataTransfer = await page.evaluateHandle(
      ([data, name, type]) => {
        const dt = new DataTransfer();
        dt.items.add(new File([new Uint8Array(data as number[])], name as string, { type: type as string }));
        return dt;
      },
      [bytes, download.suggestedFilename(), kind === 'PNG' ? 'image/png' : 'image/svg+xml'] as const,
    );
    await page.dispatchEvent('body', 'drop', { dataTransfer });
    await expect(page).toHaveURL(/#\/smccc-1\.1-hvc64\/psci-cpu-on-64\?x1=0x101&at=6$/);
    await expect(page.getByLabel('x1 · target_cpu')).toHaveValue('0x101');
  });
}

test('a PNG whose link sits beside a 1 MB foreign text chunk still reopens its view when dropped', async ({ page }) => {
  const { addPngText } = await import('../src/share/png-text');
  const { PNG_LINK_KEY } = await import('../src/share/image-link');
  const png = Uint8Array.from(Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64'));
  const withLink = addPngText(png, PNG_LINK_KEY, 'https://example.org/#/smccc-1.1-hvc64/psci-cpu-on-64?x1=0x101');
  const bytes = addPngText(withLink, 'Comment', 'A'.repeat(1 << 20));
  await page.goto('./#/kvm-x86-vmcall/kvm-hc-kick-cpu');
  await expect(page.getByLabel('Convention', { exact: true })).toHaveValue('kvm-x86-vmcall');
  const dataTransfer = await page.evaluateHandle((b64) => {
    const dt = new DataTransfer();
    dt.items.add(new File([Uint8Array.from(atob(b64), (c) => c.charCodeAt(0))], 'big.png', { type: 'image/png' }));
    return dt;
  }, Buffer.from(bytes).toString('base64'));
  await page.dispatchEvent('body', 'drop', { dataTransfer });
  await expect(page).toHaveURL(/#\/smccc-1\.1-hvc64\/psci-cpu-on-64\?x1=0x101$/);
  await expect(page.getByLabel('x1 · target_cpu')).toHaveValue('0x101');
});

test('dropping some other file says so, and keeps the view', async ({ page }) => {
  await page.goto('./#/kvm-x86-vmcall/kvm-hc-kick-cpu');
  // A file dropped before the view is drawn has no page to land on.
  await expect(page.getByLabel('Convention', { exact: true })).toHaveValue('kvm-x86-vmcall');
  const dataTransfer = await page.evaluateHandle(() => {
    const dt = new DataTransfer();
    dt.items.add(new File(['hello'], 'notes.txt', { type: 'text/plain' }));
    return dt;
  });
  await page.dispatchEvent('body', 'drop', { dataTransfer });
  await expect(page.getByTestId('link-messages')).toContainText('"notes.txt" is not a PNG or SVG picture exported by Trapscope.');
  await expect(page.getByLabel('Convention', { exact: true })).toHaveValue('kvm-x86-vmcall');
});

test('embed: minimal chrome, stepping works, a link back to the full view, and a titled iframe snippet', async ({ page }) => {
  await page.goto('./#/smccc-1.1-hvc64/psci-cpu-on-64');
  await page.getByRole('button', { name: 'Share' }).click();
  await page.getByRole('tab', { name: 'Embed' }).click();
  const snippet = await page.getByTestId('share-embed').inputValue();
  expect(snippet).toMatch(/^<iframe src="[^"]+#\/smccc-1\.1-hvc64\/psci-cpu-on-64\?embed=1" title="Trapscope: PSCI CPU_ON \(SMC64\) under SMCCC 1\.1 · HVC64"/);

  await page.goto('./#/smccc-1.1-hvc64/psci-cpu-on-64?step=2&embed=1');
  await expect(page.getByLabel('Convention', { exact: true })).toHaveCount(0);
  await expect(page.getByRole('link', { name: 'Open in Trapscope ↗' })).toHaveAttribute('href', /#\/smccc-1\.1-hvc64\/psci-cpu-on-64\?at=3$/);
  await page.locator('body').click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('End');
  await expect(page).toHaveURL(/\?at=10&embed=1$/);
  await expect(page.getByTestId('register-file')).toBeVisible();
});

test('C snippets: the Linux helper and the freestanding inline asm', async ({ page }) => {
  await page.goto('./#/smccc-1.2-hvc64/psci-cpu-on-64');
  await page.getByRole('button', { name: 'Share' }).click();
  await page.getByRole('tab', { name: 'C (Linux)' }).click();
  await expect(page.getByTestId('share-c')).toHaveValue(/arm_smccc_1_2_hvc/);
  await page.getByRole('tab', { name: 'C (inline asm)' }).click();
  await expect(page.getByTestId('share-asm')).toHaveValue(/asm\("x0"\)/);
  await expect(page.getByTestId('share-asm')).toHaveValue(/hvc #0/);
});

test.describe('on a 360 px phone', () => {
  test.use({ viewport: { width: 360, height: 740 }, hasTouch: true, isMobile: true });

  test('the email text keeps its lines whole and scrolls sideways instead of wrapping', async ({ page }) => {
    await page.goto('./#/smccc-1.1-hvc64/psci-cpu-on-64?x1=0x101');
    await page.getByRole('button', { name: 'Share' }).click();
    const dialog = page.getByRole('dialog', { name: 'Share this view' });
    await dialog.getByRole('tab', { name: 'Plain text (email)' }).click();
    const box = dialog.getByTestId('share-text');
    await expect(box).toHaveValue(/Instruction: hvc #0/);
    // A wrapped box is as wide as its content; a 72-column line overflows a phone's box.
    const { scroll, client } = await box.evaluate((el) => ({ scroll: el.scrollWidth, client: el.clientWidth }));
    expect(scroll).toBeGreaterThan(client);
  });
});
