// Someone types nonsense into the "Change the café" panel: empty, negative,
// huge, non-numeric, overflowing and markup, through every number box and
// every slider. Each bad value gets a visible message naming the parameter
// and the value, the café keeps a safe value (the very one the command line
// would run), nothing is executed, and the page still plays.
//
// The oracle is the engine's command line: `--set KEY=VALUE` either refuses
// the value (exit status 2: the page must refuse it too) or runs it (the page
// must show the same numbers). The page also caps customers at 20,000.
import { execFileSync } from 'node:child_process';
import { expect, test } from '@playwright/test';
import { engineReport } from './engine.mjs';
import { checkHeadline, collectErrors, openPlayground, playButton, readClock } from './helpers.mjs';

const BAD = ['', '-5', '99999999999', 'abc', '1e999', '<script>alert(1)</script>'];
// Durations are number boxes over the whole range the engine accepts (0 to
// an hour): a slider over that range would be useless, and one over less
// could not show every value a link may hold. Sliders are kept for shares
// (0 to 100 %), where the slider's range is the accepted range.
const MS_BOXES = ['interval_ms', 'take_order_ms', 'pay_ms', 'grind_ms', 'steam_ms', 'heat_ms', 'pour_ms', 'assemble_ms', 'offload_over_ms', 'pool_idle_ms', 'warmup_ms', 'breaker_timeout_ms', 'breaker_reset_ms', 'lookup_ms', 'cache_ttl_ms', 'dispatch_ms', 'cookie_ms', 'cache_hit_ms'];
const NUMBER_BOXES = ['customers', 'seed', 'karen', 'readers', 'grinders', 'steamers', 'kettles', 'helpers', 'breaker_threshold', 'breaker_window', 'menus', ...MS_BOXES];
const PERCENT_SLIDERS = ['pay_fail', 'grind_fail', 'steam_fail', 'heat_fail', 'lookup_fail', 'jitter'];
const PAGE_MAX_CUSTOMERS = 20_000;

/** The engine's run of the default café with `key=value`, or null if the command line refuses it. */
const verdicts = new Map();
function engineWith(key, value) {
  const id = `${key}=${value}`;
  if (!verdicts.has(id)) {
    let report = null;
    try {
      report = engineReport(['--set', id]);
    } catch (e) {
      if (e.status !== 2) throw e;
    }
    if (key === 'customers' && report && Number(value) > PAGE_MAX_CUSTOMERS) report = null;
    verdicts.set(id, report);
  }
  return verdicts.get(id);
}

/** The shown strategy's (blocking's) run in a report. */
const blocking = (report) => report.strategies.find((s) => s.strategy === 'blocking');

/** Checks that the page shows the café of `report` (the headline and the comparison's served counts). */
async function showsCafe(page, report, what) {
  const { headline, served } = await page.evaluate(() => ({
    headline: Object.fromEntries(
      [...document.querySelectorAll('[data-testid=headline] div')].map((d) => [
        d.querySelector('dt').textContent.trim(),
        d.querySelector('dd').textContent.trim(),
      ]),
    ),
    served: [...document.querySelectorAll('[data-testid=results-table] [data-metric=served]')].map((c) =>
      Number(c.textContent),
    ),
  }));
  try {
    checkHeadline(headline, blocking(report));
  } catch (e) {
    throw new Error(`${what}: the headline is not the expected café's: ${JSON.stringify(headline)}\n${e.message}`);
  }
  expect(served, `${what}: served per strategy`).toEqual(report.strategies.map((s) => s.metrics.served));
}

/** The page still answers: a step moves the clock, Restart brings it back; the scene is drawn. */
async function stillResponds(page, what) {
  await page.getByRole('button', { name: 'next event' }).click();
  await expect(page.locator('.transport .clock'), `${what}: a step moves the clock`).not.toHaveText(/^0 ms \/ /);
  await page.getByRole('button', { name: 'Restart' }).click();
  await expect(page.locator('.transport .clock')).toHaveText(/^0 ms \/ /);
  await expect(page.locator('#scene-words')).toContainText('At 0 ms');
  // The café canvas has a picture on it (not one flat colour).
  const colours = await page.locator('figure.scene canvas').evaluate((c) => {
    const data = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
    const seen = new Set();
    for (let i = 0; i < data.length && seen.size < 3; i += 4 * 97) seen.add(data.slice(i, i + 4).join());
    return seen.size;
  });
  expect(colours, `${what}: the scene is drawn`).toBeGreaterThan(1);
  expect(await page.locator('main script, main img').count(), `${what}: no markup was made`).toBe(0);
}

/** After all that, Play still plays: the clock moves on its own, and Pause stops it. */
async function stillPlays(page) {
  await playButton(page).click();
  await expect(playButton(page)).toHaveText('❚❚ Pause');
  await expect
    .poll(async () => (await readClock(page)).now, { message: 'the clock moves', intervals: [20] })
    .toBeGreaterThan(0);
  await playButton(page).click();
  await expect(playButton(page)).toHaveText('▶ Play');
}

/** A string as a literal piece of a regular expression. */
const literally = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Checks the outcome of one value the page received for `key`; `last` is
 * the outcome of the key's previous value (the café is only re-read when
 * the value differs). Returns the outcome.
 */
async function checkOutcome(page, key, received, typed, defaults, last = null) {
  const error = page.locator(`#param-${key}-error`);
  const input = page.locator(`#param-${key}`);
  const what = `${key} ← ${JSON.stringify(typed)} (the control gave ${JSON.stringify(received)})`;
  const report = engineWith(key, received);
  if (report === null) {
    // Refused: a visible message names the key and the value, says why and what was kept.
    await expect(error, what).toBeVisible();
    await expect(error, what).toHaveText(new RegExp(`^${literally(`${key} = "${received}"`)}: .+; kept \\S+\\.$`));
    await expect(input, what).toHaveAttribute('aria-invalid', 'true');
    if (last?.received !== received) await showsCafe(page, defaults, what);
  } else {
    // Taken (a value the control itself made safe): no message, and the
    // café is exactly the engine's with that value.
    await expect(error, what).toBeHidden();
    await expect(input, what).toHaveAttribute('aria-invalid', 'false');
    if (last?.received !== received) await showsCafe(page, report, what);
  }
  return { received, taken: report !== null };
}

test('bad values in every number box are refused with a message, and the café keeps a safe one', async ({ page }) => {
  // Twenty-nine boxes, six values each, each checked against the engine.
  test.setTimeout(300_000);
  const errors = collectErrors(page);
  const dialogs = [];
  page.on('dialog', async (d) => {
    dialogs.push(d.message());
    await d.dismiss();
  });
  const defaults = engineReport();
  await openPlayground(page);
  for (const key of NUMBER_BOXES) {
    const input = page.locator(`#param-${key}`);
    const original = await input.inputValue();
    let last = null;
    for (const typed of BAD) {
      // Pasted in as a person would (the browser drops what a number box
      // cannot hold), then committed with Enter and by leaving the box.
      await input.fill('');
      await page.keyboard.insertText(typed);
      const received = await input.inputValue();
      await input.press('Enter');
      await input.blur();
      last = await checkOutcome(page, key, received, typed, defaults, last);
      if (last.taken) {
        // Taken (only the seed can take 99999999999): put it back.
        await input.fill(original);
        await input.press('Enter');
        await showsCafe(page, defaults, `${key} back to ${original}`);
        last = null;
      }
    }
    // The message is the box's description: a screen reader hears it.
    await expect(input).toHaveAccessibleDescription(new RegExp(`^${key} = "`));
    // A good value clears the message.
    await input.fill(original);
    await input.press('Enter');
    await expect(page.locator(`#param-${key}-error`)).toBeHidden();
    await expect(input).toHaveAttribute('aria-invalid', 'false');
    await showsCafe(page, defaults, `${key} back to ${original}`);
    await stillResponds(page, key);
  }
  // A refused box is marked, and still shows where the keyboard focus is.
  const readers = page.locator('#param-readers');
  await readers.fill('-5');
  await readers.press('Enter');
  await expect(readers).toHaveAttribute('aria-invalid', 'true');
  await page.keyboard.press('Tab');
  const outline = (el) => {
    const c = getComputedStyle(el);
    return `${c.outlineStyle} ${c.outlineWidth} ${c.outlineColor}`;
  };
  const marked = await readers.evaluate(outline);
  expect(marked).not.toMatch(/^none/);
  await page.keyboard.press('Shift+Tab');
  await expect(readers).toBeFocused();
  expect(await readers.evaluate((el) => el.matches(':focus-visible'))).toBe(true);
  expect(await readers.evaluate(outline), 'focus on a refused box looks unlike the refusal').not.toBe(marked);
  await readers.fill('1');
  await readers.press('Enter');
  await expect(readers).toHaveAttribute('aria-invalid', 'false');

  await stillPlays(page);
  // Every box refused at least the empty, negative and huge values.
  for (const key of NUMBER_BOXES) {
    expect(engineWith(key, ''), `${key} refuses ""`).toBeNull();
    expect(engineWith(key, '-5'), `${key} refuses -5`).toBeNull();
  }
  expect(dialogs).toEqual([]);
  expect(errors).toEqual([]);
});

test('bad values pushed into every percent slider end up as a safe value the café runs', async ({ page }) => {
  const errors = collectErrors(page);
  const dialogs = [];
  page.on('dialog', async (d) => {
    dialogs.push(d.message());
    await d.dismiss();
  });
  const defaults = engineReport();
  await openPlayground(page);
  for (const key of PERCENT_SLIDERS) {
    const input = page.locator(`#param-${key}`);
    const original = await input.inputValue();
    const { min, max } = await input.evaluate((el) => ({ min: Number(el.min), max: Number(el.max) }));
    let last = null;
    for (const typed of BAD) {
      // A slider cannot be typed into: set its value as a script or a broken
      // form filler would, and fire the input event the page listens to.
      const received = await input.evaluate((el, v) => {
        el.value = v;
        el.dispatchEvent(new Event('input', { bubbles: true }));
        return el.value;
      }, typed);
      // The browser made it a number within the slider's range...
      expect(Number(received), `${key} ← ${JSON.stringify(typed)}`).toBeGreaterThanOrEqual(min);
      expect(Number(received), `${key} ← ${JSON.stringify(typed)}`).toBeLessThanOrEqual(max);
      // ...which the read-out shows and the café runs, exactly as the engine would.
      await expect(page.locator(`output[for="param-${key}"]`)).toHaveText(`${received}%`);
      const value = String(Number(received) / 100);
      last = await checkOutcome(page, key, value, typed, defaults, last);
      expect(last.taken, `${key} ← ${JSON.stringify(typed)}: the slider's safe value ${received} is taken`).toBe(true);
    }
    await input.evaluate((el, v) => {
      el.value = v;
      el.dispatchEvent(new Event('input', { bubbles: true }));
    }, original);
    await showsCafe(page, defaults, `${key} back to ${original}`);
    await stillResponds(page, key);
  }
  await stillPlays(page);
  expect(dialogs).toEqual([]);
  expect(errors).toEqual([]);
});
