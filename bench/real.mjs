// The real event loop against the model: runs cafés with "Run it for real"
// in Debian's Chromium (release build, dist/) and prints, per run, how far
// the real orders ended from the model's (mean and max |Δ|), p95 real and
// model, the timer lateness, the longest freeze and what the pools, breaker
// and cache did. Prints; asserts nothing (the tolerances are asserted in
// tests/e2e/run-for-real.spec.mjs).
//
//   node bench/real.mjs [FILTER]   (only cafés whose label contains FILTER;
//                                  scripts/bench-real builds dist/ first)
import { launchChromium, serveDist } from './chromium.mjs';

const port = 4198;
const runs = [
  ['morning line', '/', ['callbacks', 'await', 'join', 'blocking'], [1, 4]],
  ['breaker', '/?preset=breaker', ['await', 'join'], [1]],
  ['cached-menu', '/?preset=cached-menu', ['await', 'join'], [1]],
  ['cold-pool (10 customers)', '/?preset=cold-pool', ['await', 'join'], [1]],
  ['black-friday', '/?preset=black-friday', ['callbacks', 'join'], [1]],
  ['black-friday fixed', '/?preset=black-friday&helpers=2&offload=true&cache=true&grinders=2', ['join'], [1, 2]],
];

const filter = process.argv[2] ?? '';
const server = await serveDist(port);
const browser = await launchChromium();
console.log('café / strategy / scale                  mean |Δ|   max |Δ|   p95 real / model       lateness mean/p95/max    freeze   mechanisms (real / model)');
for (const [label, path, strategies, scales] of runs.filter(([label]) => label.includes(filter))) {
  for (const strategy of strategies) {
    for (const scale of scales) {
      const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
      const sep = path.includes('?') ? '&' : '?';
      await page.goto(`${server.base}${path}${sep}strategy=${strategy}`);
      const panel = page.locator('#real');
      await panel.waitFor();
      await page.selectOption('#real-scale', String(scale));
      await panel.getByRole('button', { name: 'Run on the real event loop' }).click();
      await panel.getByTestId('real-table').waitFor({ timeout: 120_000 });
      const summary = await panel.getByTestId('real-summary').evaluate((dl) =>
        Object.fromEntries([...dl.querySelectorAll('div')].map((d) => [d.querySelector('dt').textContent, d.querySelector('dd').textContent])),
      );
      const pick = (prefix) => Object.entries(summary).find(([k]) => k.startsWith(prefix))?.[1] ?? '';
      const mechanisms = Object.entries(summary)
        .filter(([k]) => /^(Warm-ups|Breaker|Payments|Cache)/.test(k))
        .map(([k, v]) => `${k.replace(', real / model', '')} ${v}`)
        .join('; ');
      console.log(
        `  ${`${label} / ${strategy} / ×${scale}`.padEnd(40)} ${pick('Mean').padStart(8)} ${pick('Max').padStart(9)}   ${pick('p95').padEnd(22)} ${pick('Timer').padEnd(23)} ${pick('Longest').padStart(8)}   ${mechanisms}`,
      );
      await page.close();
    }
  }
}
await browser.close();
server.stop();
