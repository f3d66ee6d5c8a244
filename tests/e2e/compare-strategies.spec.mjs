// A learner compares the four strategies: the comparison table shows the
// engine's own numbers for the same customers, for the default café and for
// a café changed by a link.
import { expect, test } from '@playwright/test';
import { engineReport } from './engine.mjs';
import { checkResultsTable, collectErrors, openOrders, openPlayground, saveScreenshots } from './helpers.mjs';

test('the comparison table shows the engine\'s numbers for the morning line', async ({ page }) => {
  const errors = collectErrors(page);
  await openPlayground(page);
  await checkResultsTable(page, engineReport());
  await expect(page.getByRole('heading', { name: 'The morning line' })).toBeVisible();
  expect(errors).toEqual([]);
});

test('a link that changes the café is simulated exactly like the command line', async ({ page }) => {
  const errors = collectErrors(page);
  await page.goto('/?preset=karen&steamers=2&seed=4&durations=uniform&strategy=join');
  await checkResultsTable(page, engineReport(['--preset', 'karen', '--set', 'steamers=2', '--set', 'seed=4', '--set', 'durations=uniform']));
  await expect(page.getByRole('heading', { level: 2, name: /Karen's pour-over \(changed\)/ })).toBeVisible();
  await expect(page.locator('tr[data-strategy="join"]')).toHaveAttribute('aria-current', 'true');
  expect(errors).toEqual([]);
});

test('the flaky card reader shows lost orders and cookies', async ({ page }) => {
  const errors = collectErrors(page);
  await page.goto('/?preset=flaky-card-reader&strategy=callbacks');
  const report = engineReport(['--preset', 'flaky-card-reader']);
  await checkResultsTable(page, report);
  const lost = report.strategies.find((s) => s.strategy === 'callbacks').metrics.lost;
  expect(lost).toBeGreaterThan(0);
  await openOrders(page);
  await expect(page.getByTestId('orders-table').locator('tr.lost')).toHaveCount(lost);
  await expect(page.getByTestId('orders-table').locator('tr.lost').first()).toBeVisible();
  await expect(page.getByTestId('orders-table').locator('tr.lost [data-col="served"]').first()).toHaveText('never');
  await saveScreenshots(page, 'flaky-callbacks');
  expect(errors).toEqual([]);
});
