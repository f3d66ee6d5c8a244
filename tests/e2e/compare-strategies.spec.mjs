// A learner compares the four strategies: the comparison table shows the
// engine's own numbers for the same customers, for the default café and for
// a café changed by a link.
import { expect, test } from '@playwright/test';
import { engineReport, sameDuration } from './engine.mjs';
import { collectErrors, saveScreenshots } from './helpers.mjs';

async function checkTable(page, report) {
  const table = page.getByTestId('results-table');
  await expect(table.locator('tbody tr')).toHaveCount(4);
  for (const run of report.strategies) {
    const m = run.metrics;
    const row = table.locator(`tr[data-strategy="${run.strategy}"]`);
    await expect(row.locator('th')).toContainText(run.label);
    const cell = (metric) => row.locator(`[data-metric="${metric}"]`).innerText();
    expect(Number(await cell('served')), `${run.strategy} served`).toBe(m.served);
    expect(Number(await cell('cookies')), `${run.strategy} cookies`).toBe(m.cookies);
    expect(Number(await cell('lost')), `${run.strategy} lost`).toBe(m.lost);
    sameDuration(expect, await cell('p50'), m.latency.p50_ms, `${run.strategy} p50`);
    sameDuration(expect, await cell('p95'), m.latency.p95_ms, `${run.strategy} p95`);
    sameDuration(expect, await cell('max'), m.latency.max_ms, `${run.strategy} max`);
    sameDuration(expect, await cell('wait'), m.wait_in_line.mean_ms, `${run.strategy} wait`);
    sameDuration(expect, await cell('lag-p95'), m.lag.p95_ms, `${run.strategy} lag`);
    expect(Math.abs(Number(await cell('throughput')) - m.throughput_per_min)).toBeLessThanOrEqual(0.05 + 1e-9);
    const split = (await cell('barista')).split('/').map((p) => Number(p.trim().replace('%', '')));
    const expected = [m.working_ms, m.blocked_ms, m.idle_ms].map((v) => (100 * v) / m.makespan_ms);
    split.forEach((p, i) => expect(Math.abs(p - expected[i]), `${run.strategy} barista split`).toBeLessThanOrEqual(0.5 + 1e-9));
  }
}

test('the comparison table shows the engine\'s numbers for the morning line', async ({ page }) => {
  const errors = collectErrors(page);
  await page.goto('/');
  await checkTable(page, engineReport());
  await expect(page.getByRole('heading', { name: 'The morning line' })).toBeVisible();
  expect(errors).toEqual([]);
});

test('a link that changes the café is simulated exactly like the command line', async ({ page }) => {
  const errors = collectErrors(page);
  await page.goto('/?preset=karen&steamers=2&seed=4&durations=uniform&strategy=join');
  await checkTable(page, engineReport(['--preset', 'karen', '--set', 'steamers=2', '--set', 'seed=4', '--set', 'durations=uniform']));
  await expect(page.getByRole('heading', { level: 2, name: /Karen's pour-over \(changed\)/ })).toBeVisible();
  await expect(page.locator('tr[data-strategy="join"]')).toHaveAttribute('aria-current', 'true');
  expect(errors).toEqual([]);
});

test('the flaky card reader shows lost orders and cookies', async ({ page }) => {
  const errors = collectErrors(page);
  await page.goto('/?preset=flaky-card-reader&strategy=callbacks');
  const report = engineReport(['--preset', 'flaky-card-reader']);
  await checkTable(page, report);
  const lost = report.strategies.find((s) => s.strategy === 'callbacks').metrics.lost;
  expect(lost).toBeGreaterThan(0);
  await expect(page.getByTestId('orders-table').locator('tr.lost')).toHaveCount(lost);
  await saveScreenshots(page, 'flaky-callbacks');
  expect(errors).toEqual([]);
});
