// Someone who has read the essay switches on its other lessons, one at a
// time, from the "Change the café" form: worker threads, pools, the circuit
// breaker, the price cache. Each time the page's numbers must become the
// engine's numbers for that café (the command line is the oracle), and the
// mechanism's own numbers appear.
import { expect, test } from '@playwright/test';
import { engineReport, readDuration } from './engine.mjs';
import { checkHeadline, collectErrors, openPlayground, readDefinitions, readHeadline } from './helpers.mjs';

/** The engine's await run of `args`. */
const awaitRun = (args) => engineReport([...args, '--strategy', 'await']).strategies[0];

/** Waits until the headline is the engine's for `run`. */
async function showsRun(page, run) {
  await expect.poll(async () => {
    try {
      checkHeadline(await readHeadline(page), run);
      return true;
    } catch {
      return false;
    }
  }).toBe(true);
}

/** The mechanisms panel's numbers: { 'Warm-ups': '30', … }. */
const mechanismNumbers = (page) => readDefinitions(page.getByTestId('mechanisms'));

test('worker threads take Karen\'s pour-over off the loop', async ({ page }) => {
  const errors = collectErrors(page);
  await openPlayground(page, '/?preset=karen&strategy=await');
  await page.locator('#param-helpers').fill('1');
  await page.locator('#param-helpers').dispatchEvent('change');
  await page.locator('#param-offload').check();
  const run = awaitRun(['--preset', 'karen', '--set', 'helpers=1', '--set', 'offload=true']);
  await showsRun(page, run);
  expect(run.metrics.lag.max_ms).toBeLessThan(1000);
  expect(readDuration(await page.locator('#monitor dt:text("Lag max") + dd').innerText())[0]).toBe(run.metrics.lag.max_ms);
  expect(errors).toEqual([]);
});

test('a pool that puts idle units away makes orders wait for warm-ups', async ({ page }) => {
  await openPlayground(page, '/?strategy=await');
  await page.locator('#param-warmup_ms').fill('200');
  await page.locator('#param-warmup_ms').press('Enter');
  await page.locator('#param-pool_idle_ms').fill('500');
  await page.locator('#param-pool_idle_ms').press('Enter');
  const run = awaitRun(['--set', 'warmup_ms=200', '--set', 'pool_idle_ms=500']);
  await showsRun(page, run);
  const warmups = run.metrics.machines.reduce((n, m) => n + m.warmups, 0);
  expect(warmups).toBeGreaterThan(0);
  expect((await mechanismNumbers(page))['Warm-ups']).toBe(String(warmups));
  await expect(page.locator('#param-warmup_ms-out')).toHaveText('200 ms');
});

test('the circuit breaker turns a hanging card reader into fast cookies', async ({ page }) => {
  await openPlayground(page, '/?preset=breaker&strategy=await');
  const on = awaitRun(['--preset', 'breaker']);
  await showsRun(page, on);
  const shown = await mechanismNumbers(page);
  expect(shown['Payments failed fast']).toBe(String(on.metrics.breaker.fast_failed));
  expect(shown['Payments timed out']).toBe(String(on.metrics.breaker.timed_out));
  await expect(page.getByTestId('breaker-strip').locator('svg')).toHaveAttribute('aria-label', /^Circuit breaker: open from /);
  // The code pays through the breaker, and says what it does.
  const code = page.getByTestId('code-panel');
  await expect(code.locator('#code-lines')).toContainText('await breaker.fire(order);');
  await expect(page.getByTestId('code-note')).toContainText('breaker is the circuit breaker around the card reader: a payment not answered within 600 ms fails as timed out');
  // Off: every payment waits for the hanging reader.
  await page.locator('#param-breaker').uncheck();
  const off = awaitRun(['--preset', 'breaker', '--set', 'breaker=false']);
  await showsRun(page, off);
  expect(off.metrics.latency.p95_ms).toBeGreaterThan(10 * on.metrics.latency.p95_ms);
  await expect(page.getByTestId('mechanisms')).toHaveCount(0);
  await expect(code.locator('#code-lines')).toContainText('await pay(order);');
  await expect(code.locator('#code-lines')).not.toContainText('breaker');
  await expect(page.getByTestId('code-note')).toBeHidden();
});

test('a price cache answers repeated lookups without the trip', async ({ page }) => {
  await openPlayground(page, '/?strategy=await');
  await page.locator('#param-latte').selectOption('lookup+pay+grind+steam+assemble');
  await page.locator('#param-cache').check();
  const run = awaitRun(['--set', 'latte=lookup+pay+grind+steam+assemble', '--set', 'cache=true']);
  await showsRun(page, run);
  const c = run.metrics.cache;
  expect(c.hits).toBeGreaterThan(0);
  expect((await mechanismNumbers(page))['Cache hits']).toBe(`${c.hits} of ${c.lookups}`);
  // Karen's pour-over looks nothing up; Ada's latte asks the cache first.
  await expect(page.getByTestId('code-note')).toBeHidden();
  await page.locator('#follow').selectOption({ label: 'Ada' });
  await expect(page.locator('#code-lines')).toContainText('const price = cache.get(order.drink) ?? await lookupPrice(order);');
  await expect(page.getByTestId('code-note')).toContainText("cache remembers each drink's price for 5000 ms");
});

test('bad mechanism settings are named and a safe value is kept', async ({ page }) => {
  await openPlayground(page, '/?strategy=await');
  await page.locator('#param-breaker_threshold').fill('150');
  await page.locator('#param-breaker_threshold').dispatchEvent('change');
  await expect(page.locator('#param-breaker_threshold-error')).toHaveText(/^breaker_threshold = "150": .+; kept 50\.$/);
  await page.locator('#param-menus').fill('0');
  await page.locator('#param-menus').dispatchEvent('change');
  await expect(page.locator('#param-menus-error')).toHaveText(/^menus = "0": .+; kept 1\.$/);
});
