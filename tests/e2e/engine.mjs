// The engine's own answer for a scenario, from the command-line front: what
// the page must show. Uses the debug build scripts/test has already made,
// or builds it.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));
const binary = `${root}target/debug/espresso`;

/**
 * Runs `espresso --format json --strategy all ARGS` and parses its report.
 * A refusal throws (the error's `status` is 2, its `stderr` the message).
 */
export function engineReport(args = []) {
  const full = ['--format', 'json', '--strategy', 'all', ...args];
  const out = existsSync(binary)
    ? execFileSync(binary, full, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 1 << 28 })
    : execFileSync('cargo', ['run', '--quiet', '--bin', 'espresso', '--', ...full], {
        cwd: root,
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'pipe'],
        maxBuffer: 1 << 28,
      });
  return JSON.parse(out);
}

/**
 * Reads a duration as the page shows it ("1260 ms", "12.3 s") and returns
 * [milliseconds, the display's precision in ms].
 */
export function readDuration(text) {
  const t = text.trim();
  let m = /^(-?\d+) ms$/.exec(t);
  if (m) return [Number(m[1]), 0.5];
  m = /^(-?\d+\.\d) s$/.exec(t);
  if (m) return [Number(m[1]) * 1000, 50];
  throw new Error(`not a duration: "${text}"`);
}

/** Asserts that a shown duration is the engine's value at the display's precision. */
export function sameDuration(expect, shown, engineMs, what) {
  const [value, precision] = readDuration(shown);
  expect(Math.abs(value - engineMs), `${what}: page says "${shown}", engine ${engineMs} ms`).toBeLessThanOrEqual(
    precision + 1e-9,
  );
}

/**
 * How far the model's end times move when one step's duration moves by
 * `byMs` (each step in turn, up and down): the largest change of any
 * order's end, in ms. A real event loop is late by a few ms at every timer;
 * a café where that little flips who gets the barista first (a near-tie)
 * moves by a whole step, and its real run cannot match the model.
 */
export function sensitivity(strategy, args, byMs) {
  const run = (more) =>
    engineReport(['--steps', ...args, ...more]).strategies.find((s) => s.strategy === strategy).orders;
  const base = run([]);
  const durations = new Map(base.flatMap((o) => o.steps.map((s) => [`${s.step}_ms`, s.ms])));
  let worst = 0;
  for (const [key, ms] of durations) {
    for (const d of [-byMs, byMs]) {
      const moved = run(['--set', `${key}=${ms + d}`]);
      for (const [i, o] of moved.entries()) worst = Math.max(worst, Math.abs(o.served_ms - base[i].served_ms));
    }
  }
  return worst;
}
