// A learner runs the morning line for real: the same customers served by
// Rust futures on the browser's own event loop, next to the model's times.
// Real timers are noisy, so real and model agree within a tolerance, not
// exactly; in blocking mode Karen's hand-pour freezes the page itself.
import { expect, test } from '@playwright/test';
import { engineReport } from './engine.mjs';
import { collectErrors, openPlayground } from './helpers.mjs';

/** How far a real time may be from the model's (ms): timers are noisy. */
const tolerance = (modelMs) => 30 + 0.05 * modelMs;

/** Clicks Run and waits for the result table (the run takes real time). */
async function runForReal(page) {
  const panel = page.locator('#real');
  await panel.getByRole('button', { name: 'Run on the real event loop' }).click();
  await expect(panel.getByRole('button', { name: 'Cancel' })).toBeEnabled();
  await expect(panel.getByTestId('real-table')).toBeVisible({ timeout: 40_000 });
  await expect(panel.getByRole('status')).toHaveText(/^Done: /);
  return panel;
}

test('callbacks for real: every order ends close to the model', async ({ page }) => {
  test.setTimeout(60_000);
  const errors = collectErrors(page);
  const run = engineReport().strategies.find((s) => s.strategy === 'callbacks');
  await openPlayground(page, '/?strategy=callbacks');
  const panel = await runForReal(page);
  await expect(panel.getByRole('status')).toHaveText(/^Done: Callbacks ran for real in /);
  const rows = panel.getByTestId('real-table').locator('tbody tr');
  await expect(rows).toHaveCount(run.orders.length);
  for (const [i, order] of run.orders.entries()) {
    const row = rows.nth(i);
    await expect(row.locator('th')).toHaveText(order.name);
    await expect(row.locator('[data-col="outcome"]')).toHaveText('served');
    const real = Number(await row.getAttribute('data-real-ms'));
    const model = Number(await row.getAttribute('data-model-ms'));
    expect(model, `${order.name}: the table's model time is the engine's`).toBeCloseTo(order.served_ms, 3);
    expect(Math.abs(real - model), `${order.name}: real ${real} ms, model ${model} ms`).toBeLessThanOrEqual(
      tolerance(model),
    );
  }
  await expect(panel.getByTestId('real-summary')).toContainText('Timer lateness');
  expect(errors).toEqual([]);
});

test("blocking for real: Karen's pour-over freezes the page", async ({ page }) => {
  test.setTimeout(60_000);
  const errors = collectErrors(page);
  await openPlayground(page, '/?strategy=blocking');
  const panel = await runForReal(page);
  const freeze = panel.getByTestId('real-freeze');
  await expect(freeze).toHaveText(
    /^The page froze for \d+ ms while Karen's pour-over ran on the main thread — that is the lesson/,
  );
  // Her hand-pour alone is 1500 ms of busy work at 1 real ms per simulated ms.
  const frozenMs = Number(/froze for (\d+) ms/.exec(await freeze.innerText())[1]);
  expect(frozenMs).toBeGreaterThanOrEqual(1500);
  expect(errors).toEqual([]);
});
