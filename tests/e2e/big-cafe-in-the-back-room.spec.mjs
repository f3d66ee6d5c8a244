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

test('the shown strategy comes first: its café and numbers are on screen while the others are still simulated', async ({ page }) => {
  const errors = collectErrors(page);
  await page.addInitScript(() => {
    // Every state of the comparison table and the switch, as they change.
    window.states = [];
    new MutationObserver(() => {
      const rows = [...document.querySelectorAll('[data-testid="results-table"] tbody tr')];
      if (!rows.length) return;
      const state = {
        ready: rows.filter((r) => !r.hasAttribute('data-pending')).map((r) => r.dataset.strategy),
        pending: rows.filter((r) => r.hasAttribute('data-pending')).map((r) => r.dataset.strategy),
        disabled: [...document.querySelectorAll('input[name="strategy"]:disabled')].map((i) => i.value),
        checked: document.querySelector('input[name="strategy"]:checked')?.value,
      };
      if (JSON.stringify(window.states.at(-1)) !== JSON.stringify(state)) window.states.push(state);
      // While blocking is still simulated, ask for it (the key 1).
      if (state.pending.includes('blocking') && !window.asked) {
        window.asked = true;
        document.body.dispatchEvent(new KeyboardEvent('keydown', { key: '1', bubbles: true }));
      }
    }).observe(document, { childList: true, subtree: true, attributes: true });
  });
  await page.goto(`/?${BIG.join('&')}&strategy=join`);
  const table = page.getByTestId('results-table');
  await expect(table.locator('tbody tr:not([data-pending])')).toHaveCount(4);
  const states = await page.evaluate(() => window.states);
  // First parallel join alone, the rest saying they are being simulated
  // and not to be picked yet (nor "Your code", sequential await's run
  // until a handler is written).
  expect(states[0]).toEqual({
    ready: ['join'],
    pending: ['blocking', 'callbacks', 'await'],
    disabled: ['blocking', 'callbacks', 'await', 'yours'],
    checked: 'join',
  });
  // Then the others, one by one, in the order the back room sent them.
  const counts = states.map((s) => s.ready.length);
  expect([...new Set(counts)]).toEqual([1, 2, 3, 4]);
  // Blocking, asked for while it was simulated, is shown once it is in.
  expect(states.at(-1).checked).toBe('blocking');
  await expect(page.locator('tr[data-strategy="blocking"]')).toHaveAttribute('aria-current', 'true');
  await expect(page.locator('input[name="strategy"]:disabled')).toHaveCount(0);
  await checkResultsTable(page, engineReport(BIG.flatMap((kv) => ['--set', kv])));
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
