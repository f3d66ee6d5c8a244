// A learner picks a strategy, presses Play and watches the morning line to
// the end: the clock stops at the run's end, the café says everyone was
// served, and the numbers shown are the engine's own for the same customers.
import { expect, test } from '@playwright/test';
import { engineReport } from './engine.mjs';
import {
  checkHeadline,
  checkResultsTable,
  collectErrors,
  openPlayground,
  playToTheEnd,
  readHeadline,
  setSpeed,
} from './helpers.mjs';

/** How many of a run's orders ended with `outcome` by `t` ms. */
const endedBy = (run, outcome, t) => run.orders.filter((o) => o.outcome === outcome && o.served_ms <= t).length;

test('each strategy played to the end shows the engine\'s results', async ({ page }) => {
  const errors = collectErrors(page);
  const report = engineReport();
  await openPlayground(page);
  await setSpeed(page, '16×');
  for (const run of report.strategies) {
    const m = run.metrics;
    await page.getByRole('radio', { name: run.label }).check();
    await expect(page.locator(`tr[data-strategy="${run.strategy}"]`)).toHaveAttribute('aria-current', 'true');
    await expect(page.getByRole('heading', { name: `Results: ${run.label}` })).toBeVisible();

    const clock = await playToTheEnd(page);
    // The run ends when the last order does: the engine's makespan.
    expect(Math.abs(clock.end - m.makespan_ms), `${run.strategy}: the clock's end "${clock.text}"`).toBeLessThanOrEqual(
      clock.endPrecision + 1e-9,
    );

    // The scene's text alternative tells the end: nobody left, all served.
    const words = page.locator('#scene-words');
    await expect(words).toContainText(`${m.served} served, ${m.cookies} cookies, ${m.lost} lost.`);
    await expect(words).toContainText('0 in progress');
    await expect(words).toContainText('Nobody is in line.');
    expect(m.served, 'the morning line serves everyone').toBe(m.customers);

    // The race shows every café at this same instant: the shown one is
    // done, the others have served what the engine says by now.
    for (const other of report.strategies) {
      const served = other.strategy === run.strategy ? m.served : endedBy(other, 'served', clock.now);
      const cookies = endedBy(other, 'cookie', clock.now);
      await expect(page.locator('.race')).toContainText(
        `${other.label}: ${served} served, ${cookies} cookies, 0 lost so far`,
      );
    }

    // The headline is the engine's numbers for this strategy.
    checkHeadline(await readHeadline(page), run);
  }
  // So is the comparison of all four, with the last one picked marked.
  await checkResultsTable(page, report);
  await expect(page.locator('tr[aria-current="true"]')).toHaveCount(1);
  expect(errors).toEqual([]);
});
