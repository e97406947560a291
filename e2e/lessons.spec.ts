import { expect, test } from '@playwright/test';
import { plainText } from '../src/catalog/glossary';
import { lessons } from '../src/catalog/lessons';
import { LIVE } from './build';

// Every lesson step is a link that opens its view with its text; one test per step.
for (const [i, lesson] of lessons.entries()) {
  test(`lesson ${i + 1}, ${lesson.id}: opens its view with its text`, async ({ page }) => {
    await page.goto(`./#/lesson/${lesson.id}`);
    await expect(page.getByTestId('lesson')).toContainText(lesson.title);
    await expect(page.getByTestId('lesson-text')).toContainText(plainText(lesson.text).slice(0, 40));
    if (lesson.view.kind === 'call') await expect(page.getByLabel('Call', { exact: true })).toHaveValue(lesson.view.call);
    else await expect(page.getByRole('button', { name: '← Single view' })).toBeVisible();
    await expect(page.getByTestId('link-messages')).toHaveCount(0);
  });
}

test('in presenter mode a clicker walks from one lesson step into the next', async ({ page }) => {
  await page.goto(`./#/lesson/${lessons[0]!.id}?step=9&present=1`);
  await expect(page.getByTestId('presenter')).toContainText(lessons[0]!.title);
  await expect(page.locator(LIVE)).toBeAttached();
  await page.keyboard.press('PageDown');
  await expect(page).toHaveURL(new RegExp(`#/lesson/${lessons[1]!.id}.*present=1`));
  await expect(page.getByTestId('presenter')).toContainText(lessons[1]!.title);
});

test('a word of the lesson shows its definition and source on hover and on tap', async ({ page }) => {
  await page.goto('./#/lesson/the-trap');
  const term = page.locator('[data-term="ESR_EL2"]').first();
  await term.hover();
  await expect(page.getByTestId('term-definition')).toContainText('Exception Syndrome Register');
  await page.mouse.move(0, 0);
  await expect(page.getByTestId('term-definition')).toHaveCount(0);
  await term.click();
  await expect(page.getByTestId('term-definition')).toContainText('src');
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('term-definition')).toHaveCount(0);
});

test('a tap on a word of the lesson opens its definition and keeps it open', async ({ browser }) => {
  const context = await browser.newContext({ viewport: { width: 360, height: 740 }, hasTouch: true, isMobile: true });
  const page = await context.newPage();
  await page.goto('./#/lesson/the-trap');
  await page.locator('[data-term="ESR_EL2"]').first().tap();
  await expect(page.getByTestId('term-definition')).toContainText('Exception Syndrome Register');
  await context.close();
});
