// A learner drags the timeline's playhead to one instant of the morning line
// (callbacks) and reads the café there: who the barista is serving, what is
// waiting in the task queue, and the line of code Karen's order is at; then
// steps forward one event at a time. Every expected instant comes from the
// engine's own report, not from the page.
import { expect, test } from '@playwright/test';
import { engineReport } from './engine.mjs';
import { collectErrors, dragPlayhead, openPlayground, playButton, readClock, scrubTo } from './helpers.mjs';

/** The instants that matter, from the engine's report of the callbacks run. */
function expectations() {
  const report = engineReport(['--steps']);
  const run = report.strategies.find((s) => s.strategy === 'callbacks');
  const sc = report.scenario;
  const take = Number(sc.take_order_ms);
  const dispatch = Number(sc.dispatch_ms);
  const karenIndex = run.orders.findIndex((o) => o.drink === 'pourover');
  const karen = run.orders[karenIndex];
  const ada = run.orders[0];
  const ms = (order, step) => order.steps.find((s) => s.step === step).ms;
  // Ada is alone at first: her order is taken, the card reader pressed and
  // run, then (in the payment's callback) the grinder pressed and run.
  const adaGrinderDone = ada.taken_ms + take + dispatch + ms(ada, 'pay') + dispatch + ms(ada, 'grind');
  return {
    report,
    run,
    karenIndex,
    karen,
    take,
    dispatch,
    adaGrinderDone,
    // Karen's order is being taken from when it is taken until take_order_ms later.
    takeFrom: karen.taken_ms,
    takeUntil: karen.taken_ms + take,
  };
}

/** The state the loop panel, the scene words and the code panel show. */
async function checkTakingKarensOrder(page, at, e) {
  await expect(page.getByTestId('call-stack')).toHaveText('handleOrder(Karen)');
  await expect(page.locator('.loop .doing')).toHaveText(
    `Barista: taking Karen's order (${Math.round(e.takeUntil - at)} ms left)`,
  );
  // Ada's grinder finished (it tied with Karen's arrival, which goes first):
  // its callback is the only task waiting.
  await expect(page.getByTestId('task-queue').locator('li')).toHaveText(["callback: Ada's grinder is done"]);
  await expect(page.getByTestId('microtask-queue').locator('li')).toHaveText(['empty']);
  const words = page.locator('#scene-words');
  await expect(words).toContainText(`At ${at} ms, callbacks mode: the barista is taking Karen's order`);
  await expect(words).toContainText('The grinder: done for Ada, waiting for the barista.');
  // Karen is followed: her current line is the one that takes the order.
  await expect(page.locator('.code .follow select')).toHaveValue(String(e.karenIndex));
  const current = page.locator('[data-testid=code-panel] [aria-current=step]');
  await expect(current).toHaveCount(1);
  await expect(current).toContainText('takeOrder(order);');
  await expect(current).toHaveClass(/current/);
  const line = await current.getAttribute('data-line');
  await expect(page.getByTestId('code-caption')).toContainText(`Line ${line}: Karen's order is here.`);
  return Number(line);
}

test('dragging the playhead to 620 ms shows Karen\'s order being taken, then steps on', async ({ page }) => {
  const errors = collectErrors(page);
  const e = expectations();
  const at = 620;
  // The instant chosen is inside Karen's order-taking, after Ada's grinder.
  expect(e.takeFrom).toBeLessThan(at);
  expect(e.takeUntil).toBeGreaterThan(at);
  expect(e.adaGrinderDone).toBeLessThanOrEqual(e.takeFrom);

  await openPlayground(page, '/?strategy=callbacks');
  await expect(page.getByRole('radio', { name: 'Callbacks' })).toBeChecked();
  const { end } = await readClock(page);
  expect(end).toBe(e.run.metrics.makespan_ms);
  await expect(page.getByTestId('call-stack')).toHaveText('handleOrder(Ada)');

  // A real drag along the timeline, from 100 ms to 620 ms: the playhead
  // follows the pointer to within a pixel's worth of time.
  await dragPlayhead(page, 100, at, end);
  const dragged = await readClock(page);
  const box = await page.locator('.lanes canvas.playhead').boundingBox();
  const msPerPx = end / (box.width - 86 - 8);
  expect(Math.abs(dragged.now - at), `dragged to ${dragged.text}`).toBeLessThanOrEqual(msPerPx + 1);
  await expect(page.getByTestId('call-stack')).toHaveText('handleOrder(Karen)');
  await expect(page.getByTestId('task-queue').locator('li')).toHaveText(["callback: Ada's grinder is done"]);
  await expect(playButton(page)).toHaveText('▶ Play');

  // Exactly 620 ms with the scrubber (the same playhead, as a slider).
  await scrubTo(page, at);
  const takeLine = await checkTakingKarensOrder(page, at, e);

  // Step ▸: the next event is the end of the order-taking; the barista then
  // presses the card reader's button, still inside handleOrder(Karen), and
  // Karen's code has moved on to paying.
  await page.getByRole('button', { name: 'Next event' }).click();
  await expect(page.locator('.transport .clock')).toHaveText(`${e.takeUntil} ms / ${end} ms`);
  await expect(page.getByRole('slider', { name: 'Playhead' })).toHaveValue(String(e.takeUntil));
  await expect(page.getByTestId('call-stack')).toHaveText('handleOrder(Karen)');
  await expect(page.locator('.loop .doing')).toHaveText('Barista: pressing the card reader button for Karen');
  const current = page.locator('[data-testid=code-panel] [aria-current=step]');
  await expect(current).toContainText('pay(order');
  expect(Number(await current.getAttribute('data-line'))).toBeGreaterThan(takeLine);
  await expect(page.locator('#scene-words')).toContainText(`At ${e.takeUntil} ms`);
  await expect(page.locator('#scene-words')).toContainText('pressing the card reader button for Karen');

  // Step ▸ again: the press is over; the barista is free, so the oldest task
  // (Ada's grinder callback) runs and leaves the queue.
  const pressed = e.takeUntil + e.dispatch;
  await page.getByRole('button', { name: 'Next event' }).click();
  await expect(page.locator('.transport .clock')).toHaveText(`${pressed} ms / ${end} ms`);
  await expect(page.getByTestId('call-stack')).toHaveText("callback: Ada's grinder is done");
  await expect(page.getByTestId('task-queue')).not.toContainText("Ada's grinder");

  // ◂ Step twice comes back to the end of the order-taking, then into it.
  await page.getByRole('button', { name: 'Previous event' }).click();
  await expect(page.locator('.transport .clock')).toHaveText(`${e.takeUntil} ms / ${end} ms`);
  await page.getByRole('button', { name: 'Previous event' }).click();
  await expect(page.locator('.transport .clock')).toHaveText(`${e.takeFrom} ms / ${end} ms`);
  await expect(page.getByTestId('call-stack')).toHaveText('handleOrder(Karen)');
  expect(errors).toEqual([]);
});
