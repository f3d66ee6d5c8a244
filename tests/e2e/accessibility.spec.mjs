// An automated accessibility audit (axe-core, WCAG 2 A/AA and best
// practices) of the playground's main views: at rest, paused mid-run, with
// the shortcuts dialog open, in dark mode, at phone width and with the
// learner's code in the editor, mistake and all. Any violation
// of impact serious or critical fails, with the rule, why and where.
import { expect, test } from '@playwright/test';
import {
  VIEWPORTS,
  collectErrors,
  describeViolations,
  openOrders,
  openPlayground,
  scrubTo,
  seriousAxeViolations,
  settle,
} from './helpers.mjs';

async function audit(page, view) {
  await settle(page);
  const violations = await seriousAxeViolations(page);
  expect(violations, `axe on ${view}:\n${describeViolations(violations)}`).toEqual([]);
}

test('the page at rest', async ({ page }) => {
  const errors = collectErrors(page);
  await openPlayground(page);
  await audit(page, 'the page at rest');
  expect(errors).toEqual([]);
});

test('paused mid-run, orders open, Karen followed', async ({ page }) => {
  const errors = collectErrors(page);
  await openPlayground(page, '/?strategy=callbacks');
  await scrubTo(page, 1500);
  await openOrders(page);
  await audit(page, 'paused at 1500 ms with the orders open');
  expect(errors).toEqual([]);
});

test('the shortcuts dialog open', async ({ page }) => {
  const errors = collectErrors(page);
  await openPlayground(page);
  await page.keyboard.press('?');
  await expect(page.getByRole('dialog', { name: 'Keyboard shortcuts' })).toBeVisible();
  await audit(page, 'the shortcuts dialog');
  expect(errors).toEqual([]);
});

test('dark mode, mid-run, with notices from a bad link', async ({ page }) => {
  const errors = collectErrors(page);
  await page.emulateMedia({ colorScheme: 'dark' });
  await openPlayground(page, '/?preset=flaky-card-reader&strategy=join&steam_ms=-5');
  await expect(page.getByRole('status', { name: 'Some of the link was not used' })).toBeVisible();
  await scrubTo(page, 2000);
  await openOrders(page);
  await audit(page, 'dark mode');
  expect(errors).toEqual([]);
});

test('phone width, light and large type', async ({ page }) => {
  const errors = collectErrors(page);
  await page.setViewportSize(VIEWPORTS.phone);
  await openPlayground(page, '/?strategy=await');
  await scrubTo(page, 900);
  await audit(page, 'phone width');
  await page.getByRole('button', { name: 'Large type' }).click();
  await expect(page.locator('main.playground')).toHaveClass(/large/);
  await audit(page, 'phone width, large type');
  expect(errors).toEqual([]);
});

test('your code in the editor, with a mistake, in dark mode', async ({ page }) => {
  const errors = collectErrors(page);
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.goto('/?strategy=yours');
  const editor = page.getByRole('textbox', { name: 'Your order handler, in JavaScript' });
  await editor.focus();
  await page.keyboard.press('Control+End');
  await page.keyboard.type(' oops(');
  await expect(page.locator('.editor-status')).toContainText('line ');
  await audit(page, 'the editor with a mistake');
  expect(errors).toEqual([]);
});
