// The engine's own answer for a scenario, from the command-line front: what
// the page must show. Uses the debug build scripts/test has already made,
// or builds it.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { largestMove } from '../node/near-tie.mjs';

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

/** The engine's report with TEXT as the learner's handler (`yours`), after ARGS. */
export function handlerReport(text, args = []) {
  const file = join(mkdtempSync(join(tmpdir(), 'handler-')), 'handler.js');
  writeFileSync(file, text);
  return engineReport([...args, '--handler', file]);
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
 * `byMs`: the largest change of any order's end under `strategy`, in ms
 * (tests/node/near-tie.mjs). A café with a near-tie moves by a whole step.
 */
export function sensitivity(strategy, args, byMs) {
  const ordersOf = (more) =>
    engineReport(['--steps', ...more]).strategies.find((s) => s.strategy === strategy).orders;
  return largestMove(ordersOf, args, byMs);
}
