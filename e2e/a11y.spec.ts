import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';

async function noViolations(page: Page, what: string) {
  const r = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']).analyze();
  const found = r.violations.map((v) => `${v.id}: ${v.nodes.length} × ${v.nodes[0]?.target.join(' ')} ${v.nodes[0]?.failureSummary ?? ''}`);
  expect(found, what).toEqual([]);
}

// axe's analysis of the whole page is CPU-bound: seconds on an idle machine, far more on a busy 2-core one.
test.describe.configure({ timeout: 90_000 });

for (const scheme of ['light', 'dark'] as const) {
  test.describe(`${scheme} theme`, () => {
    test.use({ colorScheme: scheme });

    for (const [step, moment] of [
      [0, 'the start'],
      [5, 'the trap'],
      [9, 'the end'],
    ] as const) {
      test(`main view, at ${moment}`, async ({ page }) => {
        await page.goto(`./#/smccc-1.1-hvc64/psci-cpu-on-64?step=${step}`);
        await expect(page.getByTestId('register-file')).toBeVisible();
        await noViolations(page, `step ${step}`);
      });
    }

    test('compare view', async ({ page }) => {
      await page.goto('./#/guide/why-smccc-identify?step=5');
      await expect(page.getByTestId('aligned-registers')).toBeVisible();
      await noViolations(page, 'compare');
    });

    test('share dialog', async ({ page }) => {
      await page.goto('./#/smccc-1.1-hvc64/psci-cpu-on-64');
      await page.getByRole('button', { name: 'Share' }).click();
      await expect(page.getByRole('dialog')).toBeVisible();
      await noViolations(page, 'share');
    });
  });
}
