// Someone watching Karen freeze the loop reads the event-loop monitor, as
// they would read Node's monitorEventLoopDelay: the lag percentiles, a
// histogram of how late tasks started, and how busy the thread was; then
// hands the pour-over to a helper and watches the lag collapse.
import { expect, test } from '@playwright/test';
import { engineReport, readDuration } from './engine.mjs';
import { collectErrors, openPlayground, readDefinitions } from './helpers.mjs';

/** The monitor's numbers: { 'Lag p50': '0 ms', … }. */
const monitorNumbers = (page) => readDefinitions(page.locator('#monitor dl.monitor-numbers'));

test('the monitor shows the lag and the busy thread the engine measured, and the helper collapses the lag', async ({ page }) => {
  const errors = collectErrors(page);
  await openPlayground(page, '/?preset=karen&strategy=callbacks');
  const report = engineReport(['--preset', 'karen', '--strategy', 'callbacks']);
  const m = report.strategies[0].metrics;
  const shown = await monitorNumbers(page);
  expect(readDuration(shown['Lag max'])[0]).toBe(m.lag.max_ms);
  expect(readDuration(shown['Lag p99'])[0]).toBe(m.lag.p99_ms);
  expect(shown['Loop busy']).toBe(`${Math.round((100 * (m.working_ms + m.blocked_ms)) / m.makespan_ms)}%`);
  // Every task is in the histogram; Karen's pour-over is the bar over a second.
  const counts = await page.getByTestId('lag-histogram').locator('g.bar').evaluateAll((bars) =>
    bars.map((b) => Number(b.dataset.count)),
  );
  expect(counts.reduce((a, b) => a + b, 0)).toBe(m.lag.count);
  expect(counts.at(-1)).toBeGreaterThanOrEqual(1);
  await expect(page.getByTestId('utilisation').locator('rect.busy')).toHaveCount(60);

  // A helper in the back room takes the pour-over: no lag over a second.
  await page.goto('/?preset=karen&strategy=callbacks&helpers=1&offload=true');
  await expect(page.locator('#monitor dl')).toBeVisible();
  const after = await monitorNumbers(page);
  expect(readDuration(after['Lag max'])[0]).toBeLessThan(1000);
  const bins = await page.getByTestId('lag-histogram').locator('g.bar').evaluateAll((bars) =>
    bars.map((b) => Number(b.dataset.count)),
  );
  expect(bins.at(-1)).toBe(0);
  expect(errors).toEqual([]);
});
