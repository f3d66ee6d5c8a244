// A big café is simulated in the back room: a Web Worker running the same
// WebAssembly, so the page's main thread stays free while it works. The
// numbers are the engine's own, whether the café came from a link or from
// the form; while it works, the café says so.
import { expect, test } from '@playwright/test';
import { engineReport } from './engine.mjs';
import { checkResultsTable, collectErrors, openPlayground } from './helpers.mjs';

const BIG = ['customers=5000', 'arrivals=poisson', 'interval_ms=150', 'durations=exponential'];

test('a link to a big café is simulated in a worker and shows the engine\'s numbers', async ({ page }) => {
  const errors = collectErrors(page);
  const workers = [];
  page.on('worker', (w) => workers.push(w.url()));
  await page.goto(`/?${BIG.join('&')}&strategy=join`);
  await expect(page.getByTestId('results-table').locator('tbody tr')).toHaveCount(4);
  expect(workers.some((url) => /\/worker-[0-9a-f]+\.js$/.test(url))).toBe(true);
  await checkResultsTable(page, engineReport(BIG.flatMap((kv) => ['--set', kv])));
  await expect(page.locator('tr[data-strategy="join"]')).toHaveAttribute('aria-current', 'true');
  await expect(page.locator('#busy')).toBeHidden();
  expect(errors).toEqual([]);
});

test('the form makes a café big: the page says the back room is at work, then shows it', async ({ page }) => {
  const errors = collectErrors(page);
  await openPlayground(page, '/');
  const customers = page.locator('#param-customers');
  await customers.fill('20000');
  await customers.press('Enter');
  await expect(page.locator('#busy')).toBeVisible();
  await expect(page.locator('#busy')).toContainText('Simulating 20,000 customers in the back room');
  await expect(page.locator('#busy')).toBeHidden({ timeout: 30_000 });
  await expect(page.getByTestId('sim-time')).toContainText('20000 customers');
  // The default café with 20,000 customers, exactly as the command line has it.
  await checkResultsTable(page, engineReport(['--set', 'customers=20000']));
  expect(errors).toEqual([]);
});

test('a small café asked for while a big one is in the back room stays: the big one\'s runs are dropped', async ({ page }) => {
  const errors = collectErrors(page);
  await openPlayground(page, '/');
  const customers = page.locator('#param-customers');
  await customers.fill('20000');
  await customers.press('Enter');
  await customers.fill('12');
  await customers.press('Enter');
  // Long enough for the worker to have answered the big request.
  await page.waitForTimeout(3000);
  await expect(page.locator('#busy')).toBeHidden();
  await expect(page.getByTestId('sim-time')).toContainText('12 customers');
  await checkResultsTable(page, engineReport(['--set', 'customers=12']));
  expect(errors).toEqual([]);
});
