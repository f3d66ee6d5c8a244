// Near-ties in a café: two things the barista must do fall due within a few
// ms of each other, and which goes first decides a whole step for someone.
// A real event loop is a little late at every timer and may break such a
// tie the other way, so a real run can only be compared with the model on a
// café without one. Used by the Node conformance suite and the page's "run
// it for real" test.

/**
 * The largest move of any order's end (ms) when one step's duration moves
 * by `byMs`, each step in turn, up and down. `ordersOf(args)` runs the
 * engine with `args` (which it extends with `--set KEY=MS`) and `--steps`,
 * and returns one strategy's orders; an order that never ends counts as -1.
 */
export function largestMove(ordersOf, args, byMs) {
  const ends = (orders) => orders.map((o) => o.served_ms ?? -1);
  const base = ordersOf(args);
  const baseEnds = ends(base);
  const durations = new Map(base.flatMap((o) => o.steps.map((s) => [`${s.step}_ms`, s.ms])));
  let worst = 0;
  for (const [key, ms] of durations) {
    for (const d of [-byMs, byMs]) {
      const moved = ends(ordersOf([...args, '--set', `${key}=${ms + d}`]));
      moved.forEach((t, i) => (worst = Math.max(worst, Math.abs(t - baseEnds[i]))));
    }
  }
  return worst;
}
