// Shared helpers for the end-to-end tests: error collection, screenshots at
// the two widths we design for, and the few things every playground spec
// does (open the page, read the clock, play to the end, move the playhead,
// read the headline, audit with axe-core).
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { expect } from '@playwright/test';
import { readDuration, sameDuration } from './engine.mjs';

const require = createRequire(import.meta.url);

/** Where screenshots go: test-results/screenshots/ at the repo root. */
export const SCREENSHOT_DIR = fileURLToPath(new URL('../../test-results/screenshots/', import.meta.url));

/** The two viewports every screen is checked at. */
export const VIEWPORTS = {
  phone: { width: 390, height: 844 },
  desktop: { width: 1280, height: 800 },
};

/**
 * Starts collecting the page's console errors and uncaught exceptions.
 * Call before `page.goto`; returns the (live) list, to assert empty at the end.
 */
export function collectErrors(page) {
  const errors = [];
  page.on('console', (message) => {
    if (message.type() === 'error') {
      const { url, lineNumber } = message.location();
      errors.push(`console.error: ${message.text()}${url ? ` (${url}:${lineNumber})` : ''}`);
    }
  });
  page.on('pageerror', (error) => errors.push(`page error: ${error.message}`));
  return errors;
}

/**
 * Saves full-page screenshots of the current page as NAME-phone.png
 * (390×844) and NAME-desktop.png (1280×800) in SCREENSHOT_DIR, then puts the
 * viewport back as it was. Returns the paths written.
 */
export async function saveScreenshots(page, name) {
  const original = page.viewportSize();
  const paths = [];
  for (const [suffix, size] of Object.entries(VIEWPORTS)) {
    await page.setViewportSize(size);
    paths.push(await saveScreenshot(page, `${name}-${suffix}`));
  }
  if (original) {
    await page.setViewportSize(original);
  }
  return paths;
}

/**
 * Saves one full-page screenshot of the page as it is, as NAME.png in
 * SCREENSHOT_DIR, once the canvases have been redrawn for the viewport.
 * Returns the path written.
 */
export async function saveScreenshot(page, name) {
  await settle(page);
  const path = `${SCREENSHOT_DIR}${name}.png`;
  await page.screenshot({ path, fullPage: true });
  return path;
}

/** Waits two animation frames: canvases and memos have caught up. */
export async function settle(page) {
  await page.evaluate(
    () => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(() => done()))),
  );
}

// ---- the playground ---------------------------------------------------------

/** The transport's Play/Pause button (its text says which). */
export const playButton = (page) => page.locator('.transport button.play');

/** The scrubber: a real range input over the run, in whole milliseconds. */
export const scrubber = (page) => page.getByRole('slider', { name: 'Playhead' });

/** Opens the page at `path` and waits until the playground is drawn. */
export async function openPlayground(page, path = '/') {
  await page.goto(path);
  await expect(page.getByTestId('results-table').locator('tbody tr')).toHaveCount(4);
  await expect(page.getByTestId('headline')).toBeVisible();
  await expect(playButton(page)).toHaveText('▶ Play');
}

/**
 * The transport clock ("620 ms / 4930 ms") as
 * { now, end, nowPrecision, endPrecision } in ms.
 */
export async function readClock(page) {
  const text = await page.locator('.transport .clock').innerText();
  const parts = text.split('/').map((p) => p.trim());
  expect(parts, `clock reads "${text}"`).toHaveLength(2);
  const [now, nowPrecision] = readDuration(parts[0]);
  const [end, endPrecision] = readDuration(parts[1]);
  return { now, end, nowPrecision, endPrecision, text };
}

/** Picks a playback speed by its label ("16×"). */
export async function setSpeed(page, label) {
  const select = page.getByRole('combobox', { name: 'Speed' });
  await select.selectOption(label);
  await expect(select).toHaveValue(label);
}

/**
 * Presses Play (by `press`, a click by default) and waits until the run has
 * played to its end: the button says "▶ Play" again and the clock's two
 * times are equal. Checks that it really played: while it ran, the button
 * said "❚❚ Pause" and the clock showed times in between.
 * Returns the final clock and the clock texts seen on the way.
 */
export async function playToTheEnd(page, press = () => playButton(page).click()) {
  // A run at 16× can be over before a poll sees it: watch the DOM instead.
  await page.evaluate(() => {
    const button = document.querySelector('.transport button.play');
    const clock = document.querySelector('.transport .clock');
    const seen = { buttons: [], clocks: [] };
    const record = () => {
      seen.buttons.push(button.textContent);
      seen.clocks.push(clock.textContent);
    };
    window.__e2ePlay?.observer.disconnect();
    const observer = new MutationObserver(record);
    for (const node of [button, clock]) {
      observer.observe(node, { subtree: true, childList: true, characterData: true, attributes: true });
    }
    window.__e2ePlay = { seen, observer };
  });
  await press();
  await expect(playButton(page)).toHaveText('▶ Play', { timeout: 15_000 });
  const clock = await readClock(page);
  expect(clock.now, `the clock reads the end: "${clock.text}"`).toBe(clock.end);
  const seen = await page.evaluate(() => {
    window.__e2ePlay.observer.disconnect();
    return window.__e2ePlay.seen;
  });
  expect(seen.buttons, 'while playing, the button offered Pause').toContain('❚❚ Pause');
  const between = new Set(seen.clocks.filter((c) => c !== clock.text && !c.startsWith('0 ms')));
  expect(between.size, `the clock moved through the run: ${[...between].join(', ')}`).toBeGreaterThanOrEqual(2);
  return { ...clock, seen: seen.clocks };
}

/** Moves the playhead with the scrubber to `ms` (whole milliseconds). */
export async function scrubTo(page, ms) {
  await scrubber(page).fill(String(ms));
  await expect(scrubber(page)).toHaveValue(String(ms));
  await expect(page.locator('.transport .clock')).toHaveText(new RegExp(`^${ms} ms / `));
}

/**
 * The x (page coordinates) of instant `ms` on the timeline canvas of a run
 * ending at `endMs`, with the layout of crates/playground/src/play/lanes.rs (`Geometry::x`):
 * a name column of 86 CSS px, 8 px spare on the right (normal type).
 */
export function timelineX(box, ms, endMs) {
  const labelW = 86;
  return box.x + labelW + ((box.width - labelW - 8) * ms) / endMs;
}

/**
 * Drags the timeline's playhead with a real pointer from `fromMs` to `toMs`
 * along the time axis (above the customer lanes, so no customer is picked).
 * Returns the instant the clock then shows.
 */
export async function dragPlayhead(page, fromMs, toMs, endMs) {
  const canvas = page.locator('.lanes canvas.playhead');
  await canvas.scrollIntoViewIfNeeded();
  const box = await canvas.boundingBox();
  const y = box.y + 10; // on the time axis (22 px tall)
  await page.mouse.move(timelineX(box, fromMs, endMs), y);
  await page.mouse.down();
  for (const f of [0.25, 0.5, 0.75, 1]) {
    await page.mouse.move(timelineX(box, fromMs + (toMs - fromMs) * f, endMs), y, { steps: 2 });
  }
  await page.mouse.up();
  return (await readClock(page)).now;
}

/** The headline numbers as { label: shown text } (data-testid="headline"). */
export async function readHeadline(page) {
  return readDefinitions(page.getByTestId('headline'));
}

/** A definition list of `<div><dt>…</dt><dd>…</dd></div>`s as { term: value }. */
export async function readDefinitions(dl) {
  const pairs = await dl.evaluate((list) =>
    [...list.querySelectorAll('div')].map((d) => [d.querySelector('dt').textContent.trim(), d.querySelector('dd').textContent.trim()]),
  );
  return Object.fromEntries(pairs);
}

/** Checks the headline numbers (from `readHeadline`) against one strategy's engine metrics. */
export function checkHeadline(shown, run) {
  const m = run.metrics;
  const what = (k) => `${run.strategy}: headline "${k}"`;
  expect(Number(shown.Served), what('Served')).toBe(m.served);
  expect(Number(shown.Cookies), what('Cookies')).toBe(m.cookies);
  expect(Number(shown.Lost), what('Lost')).toBe(m.lost);
  sameDuration(expect, shown['Median time'], m.latency.p50_ms, what('Median time'));
  sameDuration(expect, shown['p95 time'], m.latency.p95_ms, what('p95 time'));
  sameDuration(expect, shown['Mean wait in line'], m.wait_in_line.mean_ms, what('Mean wait in line'));
  expect(Math.abs(Number(shown['Orders / min']) - m.throughput_per_min), what('Orders / min')).toBeLessThanOrEqual(
    0.05 + 1e-9,
  );
  const [lagP95, lagMax] = shown['Loop lag p95 / max'].split('/');
  sameDuration(expect, lagP95, m.lag.p95_ms, what('lag p95'));
  sameDuration(expect, lagMax, m.lag.max_ms, what('lag max'));
  const split = shown['Barista work / blocked / idle'].split('/').map((p) => Number(p.trim().replace('%', '')));
  const expected = [m.working_ms, m.blocked_ms, m.idle_ms].map((v) => (100 * v) / m.makespan_ms);
  expect(split, what('barista split')).toHaveLength(3);
  split.forEach((p, i) => expect(Math.abs(p - expected[i]), what('barista split')).toBeLessThanOrEqual(0.5 + 1e-9));
}

/**
 * Checks the comparison table (data-testid="results-table") against the
 * engine's report, row by row.
 */
export async function checkResultsTable(page, report) {
  const table = page.getByTestId('results-table');
  // A big café's runs come in one by one: every one of them is in.
  await expect(table.locator('tbody tr[data-pending]')).toHaveCount(0, { timeout: 30_000 });
  await expect(table.locator('tbody tr')).toHaveCount(report.strategies.length);
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
    expect(Number(await cell('max-line')), `${run.strategy} longest line`).toBe(m.longest_line);
    sameDuration(expect, await cell('lag-p95'), m.lag.p95_ms, `${run.strategy} lag`);
    expect(Math.abs(Number(await cell('throughput')) - m.throughput_per_min)).toBeLessThanOrEqual(0.05 + 1e-9);
    const split = (await cell('barista')).split('/').map((p) => Number(p.trim().replace('%', '')));
    const expected = [m.working_ms, m.blocked_ms, m.idle_ms].map((v) => (100 * v) / m.makespan_ms);
    split.forEach((p, i) => expect(Math.abs(p - expected[i]), `${run.strategy} barista split`).toBeLessThanOrEqual(0.5 + 1e-9));
  }
}

/** Opens the closed "every order" <details> (a click on its summary) if it is closed. */
export async function openOrders(page) {
  const details = page.locator('details.orders');
  if (!(await details.evaluate((d) => d.open))) {
    await details.locator('summary').click();
  }
  await expect(details).toHaveAttribute('open', '');
}

// ---- accessibility ------------------------------------------------------------

/** axe-core's browser bundle, from node_modules (pinned in package.json). */
export const AXE_PATH = require.resolve('axe-core/axe.min.js');

/**
 * Runs axe-core on the page as it is (WCAG 2.x A/AA rules and best
 * practices) and returns its violations of impact serious or critical, each
 * as a readable line per failing node.
 */
export async function seriousAxeViolations(page) {
  if (!(await page.evaluate(() => typeof window.axe === 'object'))) {
    await page.addScriptTag({ path: AXE_PATH });
  }
  const result = await page.evaluate(() =>
    window.axe.run(document, { resultTypes: ['violations'] }),
  );
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => `${n.target.join(' ')}: ${n.failureSummary?.replace(/\s+/g, ' ')}`),
    }));
}

/** Formats axe violations for a failure message. */
export function describeViolations(violations) {
  return violations
    .map((v) => `[${v.impact}] ${v.id}: ${v.help}\n${v.nodes.map((n) => `    - ${n}`).join('\n')}`)
    .join('\n');
}

/** The Share dialog's link for the page as it is now. */
export async function sharedLink(page) {
  await page.getByRole('button', { name: 'Share', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Share this café' });
  await expect(dialog).toBeVisible();
  const link = await dialog.getByLabel('Link').inputValue();
  await dialog.getByRole('button', { name: 'Close' }).click();
  return link;
}
