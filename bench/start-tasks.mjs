// Where a cold load of the default café spends the page's main thread: every
// task of 10 ms or more, with what it did most (a Chromium trace: parsing,
// layout, compiling the WebAssembly's functions on their first call, running
// them, timers, animation frames), and the blocking time a 4× slower phone
// would see (Lighthouse's estimate: each task × 4, less 50 ms, summed from the
// first paint on).
//
//   node bench/start-tasks.mjs [RUNS]     (after `trunk build --release`)
import { readFileSync, rmSync } from 'node:fs';
import { launchChromium, serveDist } from './chromium.mjs';

const runs = Number(process.argv[2] ?? 3);
const traceFile = '/tmp/espresso-start-trace.json';
const server = await serveDist(4197);
const browser = await launchChromium();
try {
  for (let run = 1; run <= runs; run++) {
    const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
    await browser.startTracing(page, { path: traceFile, categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8', 'v8.wasm', 'blink', 'loading'] });
    await page.goto(`${server.base}/`);
    await page.getByRole('slider', { name: 'Playhead' }).waitFor();
    await page.waitForTimeout(1500);
    await browser.stopTracing();
    await page.close();
    const events = JSON.parse(readFileSync(traceFile, 'utf8')).traceEvents;
    rmSync(traceFile);
    // The page's main thread: the renderer's main thread that worked most.
    const renderers = events.filter((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain');
    const busy = (r) => events.reduce((sum, e) => sum + (e.name === 'RunTask' && e.tid === r.tid && e.pid === r.pid ? e.dur : 0), 0);
    const thread = renderers.reduce((a, b) => (busy(b) > busy(a) ? b : a));
    const main = events.filter((e) => e.name === 'RunTask' && e.tid === thread.tid && e.pid === thread.pid);
    const paint = events.find((e) => e.name === 'firstContentfulPaint' && e.pid === thread.pid)
      ?? events.find((e) => e.name === 'firstContentfulPaint');
    const long = main.filter((t) => t.dur >= 10_000);
    const origin = main[0]?.ts ?? 0;
    console.log(`run ${run}: first paint at ${((paint.ts - origin) / 1000).toFixed(0)} ms`);
    let blocking = 0;
    for (const task of long) {
      const inside = events.filter((e) => e.tid === task.tid && e.pid === task.pid && e.dur && e.name !== 'RunTask'
        && e.ts >= task.ts && e.ts + e.dur <= task.ts + task.dur);
      const by = new Map();
      for (const e of inside) by.set(e.name, (by.get(e.name) ?? 0) + e.dur);
      const top = [...by].sort((a, b) => b[1] - a[1]).slice(0, 5).map(([name, d]) => `${name} ${(d / 1000).toFixed(1)}`);
      if (task.ts >= paint.ts) blocking += Math.max(0, (4 * task.dur) / 1000 - 50);
      console.log(`  at ${String(((task.ts - origin) / 1000).toFixed(0)).padStart(5)} ms: ${(task.dur / 1000).toFixed(1).padStart(5)} ms  ${top.join(', ')}`);
    }
    console.log(`  blocking at 4× CPU from the first paint on: ${blocking.toFixed(0)} ms`);
  }
} finally {
  await browser.close();
  server.stop();
}
