// A big café is simulated in the back room: a Web Worker running the same
// WebAssembly, so the page's main thread stays free while it works. The
// numbers are the engine's own, whether the café came from a link or from
// the form; while it works, the café says so. The learner's handler on a
// big café is simulated there too.
import { expect, test } from '@playwright/test';
import { engineReport, handlerReport } from './engine.mjs';
import { checkResultsTable, collectErrors, openPlayground, sharedLink } from './helpers.mjs';

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

/** Records what the page asks its worker for (each request's runs, in
 * order) and what it answers (each run's strategy index and its words). */
async function recordRequests(page) {
  await page.addInitScript(() => {
    window.askedOfWorker = [];
    window.answered = [];
    const post = Worker.prototype.postMessage;
    Worker.prototype.postMessage = function (message, transfer) {
      if (Array.isArray(message)) window.askedOfWorker.push(message[2]);
      if (!this.recorded) {
        this.recorded = true;
        this.addEventListener('message', (e) => {
          if (Array.isArray(e.data)) window.answered.push([e.data[1], e.data[3].length]);
        });
      }
      return post.call(this, message, transfer);
    };
  });
}

test('your code on a big café runs in the back room too, from the editor and from a shared link', async ({ page, context }) => {
  const errors = collectErrors(page);
  await recordRequests(page);
  await page.goto(`/?${BIG.join('&')}&strategy=join`);
  const rows = page.getByTestId('results-table').locator('tbody tr');
  await expect(rows).toHaveCount(4);
  // Parallel join's text becomes your code: simulated in the worker alone.
  await page.getByRole('button', { name: '✎ Edit this code' }).click();
  await expect(rows).toHaveCount(5);
  const text = await page.getByRole('textbox', { name: 'Your order handler, in JavaScript' }).inputValue();
  const report = handlerReport(text, BIG.flatMap((kv) => ['--set', kv]));
  await checkResultsTable(page, report);
  for (const run of report.strategies) {
    await expect(page.locator(`tr[data-strategy="${run.strategy}"]`), run.strategy).toHaveAttribute('data-digest', run.trace_digest);
  }
  expect(await page.evaluate(() => window.askedOfWorker)).toEqual(['join,blocking,callbacks,await', 'yours']);
  // The worker answered with your code's run (index 4), and the page took
  // it: a run it could not read would leave the page simulating on its own
  // from then on, and the next café would not be asked of the worker.
  const link = await sharedLink(page);
  const answered = await page.evaluate(() => window.answered);
  expect(answered.map(([index]) => index)).toEqual([3, 0, 1, 2, 4]);
  expect(answered.every(([, words]) => words > 0)).toBe(true);
  const customers = page.locator('#param-customers');
  await customers.fill('5001');
  await customers.press('Enter');
  await expect(page.getByTestId('sim-time')).toContainText('5001 customers');
  expect(await page.evaluate(() => window.askedOfWorker)).toHaveLength(3);
  // A link with the code: the café and the code in one request, the shown one first.
  const again = await context.newPage();
  const moreErrors = collectErrors(again);
  await recordRequests(again);
  await again.goto(link);
  await expect(again.getByTestId('results-table').locator('tbody tr')).toHaveCount(5);
  await checkResultsTable(again, report);
  await expect(again.locator('tr[data-strategy="yours"]')).toHaveAttribute('aria-current', 'true');
  expect(await again.evaluate(() => window.askedOfWorker)).toEqual(['yours,blocking,callbacks,await,join']);
  expect([...errors, ...moreErrors]).toEqual([]);
});
