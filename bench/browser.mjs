// Browser figures for the release build (dist/): how long simulating takes
// in WebAssembly in Debian's Chromium, when the page first paints and shows
// results, the longest task on the page's main thread meanwhile (from a cold
// load, and from a request on a running page), and what the app weighs on
// the wire. Prints; asserts nothing.
//
//   node bench/browser.mjs [RUNS]      (scripts/bench-browser builds dist/ first)
import { readdirSync, readFileSync } from 'node:fs';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { launchChromium, serveDist } from './chromium.mjs';

const runs = Number(process.argv[2] ?? 7);
const port = 4199;

// Chromium sometimes records no first-contentful-paint entry: skip those.
const finite = (xs) => xs.filter(Number.isFinite);
const median = (xs) => [...finite(xs)].sort((a, b) => a - b)[Math.floor(finite(xs).length / 2)] ?? NaN;
const best = (xs) => (finite(xs).length ? Math.min(...finite(xs)) : NaN);
const f1 = (x) => x.toFixed(1).padStart(7);
/** A column: the best of `xs` and, in brackets, their median. */
const cell = (xs) => `${f1(best(xs))} (${f1(median(xs)).trim()})`.padStart(15);
/** The long-task columns of loads whose longest tasks were `longest` and counts `over`. */
const taskCells = (longest, over) =>
  `${cell(longest)} ${f1(Math.max(...longest)).trim().padStart(6)} ${String(Math.max(...over)).padStart(14)}`;

// --- transfer sizes -------------------------------------------------------
console.log('transfer (dist/, bytes)        raw      gzip -9    brotli 11');
let total = [0, 0, 0];
for (const name of readdirSync('dist').filter((n) => /\.(html|js|wasm|css)$/.test(n)).sort()) {
  const data = readFileSync(`dist/${name}`);
  const sizes = [
    data.length,
    gzipSync(data, { level: 9 }).length,
    brotliCompressSync(data, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
  ];
  total = total.map((t, i) => t + sizes[i]);
  console.log(`  ${name.padEnd(30)} ${sizes.map((s) => String(s).padStart(9)).join('  ')}`);
}
console.log(`  ${'whole app'.padEnd(30)} ${total.map((s) => String(s).padStart(9)).join('  ')}\n`);

// --- timings in Chromium --------------------------------------------------
const server = await serveDist(port);
const browser = await launchChromium();

/** Records every task over 50 ms on the page's main thread, from its start, as [start, duration], and
 * every text of the footer's line on the runs (it changes as the café's runs are shown) as [time, text]. */
async function watchLongTasks(page) {
  await page.addInitScript(() => {
    window.__longTasks = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) window.__longTasks.push([e.startTime, e.duration]);
    }).observe({ type: 'longtask', buffered: true });
    window.__simTimes = [];
    new MutationObserver(() => {
      const text = document.querySelector('[data-testid="sim-time"]')?.textContent;
      if (text && text !== window.__simTimes.at(-1)?.[1]) window.__simTimes.push([performance.now(), text]);
    }).observe(document, { childList: true, subtree: true, characterData: true });
  });
}

/** When (ms on the page's clock, from `since`) the footer first named `customers` customers, and when
 * it first said all their runs were in. */
async function shownAt(page, customers, since) {
  const all = `${customers} customers under all four strategies`;
  await page.waitForFunction((all) => window.__simTimes.some(([, text]) => text.startsWith(all)), all, { timeout: 30000 });
  const times = await page.evaluate(() => window.__simTimes);
  const at = (prefix) => times.find(([t, text]) => t >= since && text.startsWith(prefix))[0] - since;
  return [at(`${customers} customers`), at(all)];
}

/** The durations of the long tasks that started at or after `since` (ms on the page's clock). */
function longTasksSince(page, since) {
  return page.evaluate((since) => window.__longTasks.filter(([start]) => start >= since).map(([, d]) => d), since);
}

const scenarios = [
  ['morning line (8 customers)', 8, '/'],
  ['10,000 customers (poisson, exponential)', 10000, '/?customers=10000&arrivals=poisson&interval_ms=150&durations=exponential'],
  ['20,000 customers (the page\'s cap)', 20000, '/?customers=20000&arrivals=poisson&interval_ms=150&durations=exponential'],
];
console.log(`Chromium, ${runs} fresh page loads each; best (median) in ms`);
console.log(
  '  scenario                                  simulate 4×   first results     all results     first paint      first shown       all shown    longest task  worst  tasks > 50 ms',
);
for (const [label, customers, path] of scenarios) {
  const sims = [], firsts = [], totals = [], paints = [], shownFirst = [], shownAll = [], longest = [], over = [];
  for (let i = 0; i < runs; i++) {
    const page = await browser.newPage();
    await watchLongTasks(page);
    await page.goto(server.base + path);
    const el = page.getByTestId('sim-time');
    const [first, all] = await shownAt(page, customers, 0);
    await page.waitForTimeout(300); // the panels below the stage, in tasks of their own
    sims.push(Number(await el.getAttribute('data-simulate-ms')));
    firsts.push(Number(await el.getAttribute('data-first-ms')));
    totals.push(Number(await el.getAttribute('data-total-ms')));
    const t = await page.evaluate(() => ({
      paint: performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? NaN,
      now: performance.now(),
    }));
    const tasks = await longTasksSince(page, 0);
    paints.push(t.paint);
    shownFirst.push(first);
    shownAll.push(all);
    longest.push(tasks.length ? Math.max(...tasks) : 0);
    over.push(tasks.length);
    await page.close();
  }
  console.log(
    `  ${label.padEnd(40)} ${cell(sims)} ${cell(firsts)} ${cell(totals)} ${cell(paints)} ${cell(shownFirst)} ${cell(shownAll)} ${taskCells(longest, over)}`,
  );
}
// --- a big café asked for on a running page: only what the request costs ---
console.log(`\nA running page asks for a bigger café (the form), ${runs} times each; best (median) in ms`);
console.log('  customers      first results     all results     first shown       all shown    longest task  worst  tasks > 50 ms');
for (const customers of [10000, 20000]) {
  const firsts = [], totals = [], shownFirst = [], shownAll = [], longest = [], over = [];
  for (let i = 0; i < runs; i++) {
    const page = await browser.newPage();
    await watchLongTasks(page);
    await page.goto(server.base + '/?arrivals=poisson&interval_ms=150&durations=exponential');
    const el = page.getByTestId('sim-time');
    await el.waitFor();
    await page.waitForTimeout(1000); // the page has started and settled
    const asked = await page.evaluate(() => performance.now());
    const field = page.locator('#param-customers');
    await field.fill(String(customers));
    await field.press('Enter');
    const [first, all] = await shownAt(page, customers, asked);
    await page.waitForTimeout(300);
    firsts.push(Number(await el.getAttribute('data-first-ms')));
    totals.push(Number(await el.getAttribute('data-total-ms')));
    shownFirst.push(first);
    shownAll.push(all);
    const tasks = await longTasksSince(page, asked);
    longest.push(tasks.length ? Math.max(...tasks) : 0);
    over.push(tasks.length);
    await page.close();
  }
  console.log(
    `  ${String(customers).padEnd(9)} ${cell(firsts)} ${cell(totals)} ${cell(shownFirst)} ${cell(shownAll)} ${taskCells(longest, over)}`,
  );
}
// --- the learner's handler on a big café: from "Edit this code" to its run ---
console.log(`\nOn a big café, "Edit this code" makes parallel join your code, ${runs} times each; best (median) in ms`);
console.log('  customers      your run shown    longest task  worst  tasks > 50 ms');
for (const customers of [10000, 20000]) {
  const shown = [], longest = [], over = [];
  for (let i = 0; i < runs; i++) {
    const page = await browser.newPage();
    await watchLongTasks(page);
    await page.goto(`${server.base}/?customers=${customers}&arrivals=poisson&interval_ms=150&durations=exponential&strategy=join`);
    const rows = page.getByTestId('results-table').locator('tbody tr');
    await rows.nth(3).waitFor({ timeout: 30000 });
    await page.waitForTimeout(1000); // the page has started and settled
    const asked = await page.evaluate(() => performance.now());
    await page.getByRole('button', { name: '✎ Edit this code' }).click();
    await rows.nth(4).waitFor({ timeout: 30000 });
    shown.push((await page.evaluate(() => performance.now())) - asked);
    await page.waitForTimeout(300);
    const tasks = await longTasksSince(page, asked);
    longest.push(tasks.length ? Math.max(...tasks) : 0);
    over.push(tasks.length);
    await page.close();
  }
  console.log(
    `  ${String(customers).padEnd(9)} ${cell(shown)} ${taskCells(longest, over)}`,
  );
}

console.log(
  '\n"simulate 4×" is the simulations themselves: on the page\'s main thread for small cafés, in the back room (a Web\n' +
    "Worker) from 2,000 customers, where it is the worker's own time. \"first results\" is when the shown strategy's run\n" +
    'was ready on the page, "all results" all four; both count from the request. "first shown" is when the page showed\n' +
    "the café with the shown strategy's run (its footer names the café), \"all shown\" when every run was on the page:\n" +
    'from navigation for a cold load, from the request for a running page (a big café\'s runs are shown as they come,\n' +
    'the shown strategy first). "longest task" is the longest task on the page\'s main thread from navigation to the\n' +
    'results (0: none over 50 ms), "worst" the longest in any load, "tasks > 50 ms" the most of them in one load. A\n' +
    "cold page pays for V8's baseline code and fresh memory; its long tasks include the page's own start (the first\n" +
    "view's layout, the app's first render); a running page's count from the request (the form) to the results shown:\n" +
    'what simulating costs the page. "your run shown" counts from the click to the row of your code in the comparison\n' +
    '(simulated in the back room on a big café), with the long tasks in between.',
);
await browser.close();
server.stop();
