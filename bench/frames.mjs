// Frame-time figures for the animated playground (release build in dist/),
// in Debian's Chromium: while the café plays, every animation frame's
// duration and every long animation frame (over 50 ms) are recorded.
// Prints; asserts nothing.
//
//   node bench/frames.mjs [SECONDS]     (scripts/bench-browser builds dist/ first)
import { launchChromium, serveDist } from './chromium.mjs';

const seconds = Number(process.argv[2] ?? 6);
const port = 4198;
const pct = (xs, p) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)] : NaN;
};

const server = await serveDist(port);
const browser = await launchChromium();

const desktop = { width: 1280, height: 800 };
const phone = { width: 390, height: 844 };
const cases = [
  ['1,000 customers at 1×', 1000, '1×', desktop],
  ['1,000 customers at 16×', 1000, '16×', desktop],
  ['10,000 customers at 1×', 10000, '1×', desktop],
  ['10,000 customers at 16×', 10000, '16×', desktop],
  ['10,000 at 16×, phone', 10000, '16×', phone],
];
console.log(`Chromium (software rendering, no GPU), 1280×800 unless said, ${seconds} s of playback per case, parallel join shown`);
console.log('  case                         frames   fps   p50 ms   p95 ms   max ms   long frames >50 ms (LoAF)');
for (const [label, customers, speed, viewport] of cases) {
  const page = await browser.newPage({ viewport });
  await page.goto(`${server.base}/?customers=${customers}&arrivals=poisson&interval_ms=120&durations=exponential&strategy=join`);
  await page.getByRole('button', { name: '▶ Play' }).waitFor();
  await page.getByLabel('Speed').selectOption(speed);
  await page.evaluate(() => {
    window.__frames = [];
    window.__long = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) if (e.duration > 50) window.__long.push(e.duration);
    }).observe({ type: 'long-animation-frame', buffered: false });
    let last = performance.now();
    const tick = (now) => {
      window.__frames.push(now - last);
      last = now;
      if (!window.__stop) requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });
  await page.getByRole('button', { name: '▶ Play' }).click();
  await page.waitForTimeout(seconds * 1000);
  const { frames, long } = await page.evaluate(() => {
    window.__stop = true;
    return { frames: window.__frames.slice(2), long: window.__long };
  });
  const fps = frames.length / frames.reduce((a, b) => a + b, 0) * 1000;
  console.log(
    `  ${label.padEnd(28)} ${String(frames.length).padStart(6)} ${fps.toFixed(1).padStart(5)} ${pct(frames, 50).toFixed(1).padStart(8)} ` +
      `${pct(frames, 95).toFixed(1).padStart(8)} ${Math.max(...frames).toFixed(1).padStart(8)}   ${long.length}${long.length ? ` (longest ${Math.max(...long).toFixed(0)} ms)` : ''}`,
  );
  await page.close();
}
await browser.close();
server.stop();
