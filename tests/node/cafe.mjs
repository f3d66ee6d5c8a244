#!/usr/bin/env node
// Async Espresso, for real: the café of the essay running on Node's own event
// loop. The barista is the main thread, CPU work is a busy-wait, every machine
// is a `setTimeout`, and the four ways of writing the handler are plain
// JavaScript. tests/node/conformance.mjs compares what happens here with the
// Rust engine (src/engine/sim.rs).
//
// Usage (one café run per process, so every run has a clean event loop):
//   node tests/node/cafe.mjs PLAN.json        # or the plan's JSON text itself
//   node tests/node/cafe.mjs < PLAN.json
//   espresso --format json --steps --strategy await | node tests/node/cafe.mjs
//
// The plan is `{strategy, scenario, orders, trace?}`: `scenario` is the
// engine's JSON `scenario` object and `orders` its `orders[]` with `steps`
// (the drawn recipe of each order: durations and failures). The engine's whole
// JSON report is accepted too; then the strategy is the second argument (or
// the first one in the report). Prints `{strategy, orders: [{name, outcome,
// taken_ms, served_ms}], unhandled, stalls, events?}` as JSON: times are
// milliseconds since the café opened (`performance.now() - t0`), a lost order
// has no served time, `unhandled` lists the errors nobody handled, `stalls`
// how much the machine disturbed the busy-waits, and `events` (with
// `"trace": true` in the plan) what happened when.

import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';

// ---------------------------------------------------------------- the plan --

function readPlan() {
  const [arg, strategyArg] = process.argv.slice(2);
  let text;
  if (arg === undefined || arg === '-') text = readFileSync(0, 'utf8');
  else if (arg.trimStart().startsWith('{')) text = arg;
  else text = readFileSync(arg, 'utf8');
  const input = JSON.parse(text);
  if (!Array.isArray(input.strategies)) return input;
  // A whole engine report: pick one strategy's orders.
  const wanted = strategyArg ?? input.strategies[0].strategy;
  const run = input.strategies.find((s) => s.strategy === wanted);
  if (!run) throw new Error(`strategy "${wanted}" is not in the report`);
  return { strategy: wanted, scenario: input.scenario, orders: run.orders, trace: false };
}

const plan = readPlan();
const S = plan.scenario;
const TAKE_ORDER_MS = Number(S.take_order_ms);
const DISPATCH_MS = Number(S.dispatch_ms);
const COOKIE_MS = Number(S.cookie_ms);
const CHECK_ERR = String(S.check_err) === 'true';
const TRY_CATCH = String(S.try_catch) === 'true';
const CAPACITY = {
  reader: Number(S.readers),
  grinder: Number(S.grinders),
  steamer: Number(S.steamers),
  kettle: Number(S.kettles),
  helper: Number(S.helpers),
};

const orders = plan.orders.map((o, index) => ({
  index,
  name: o.name,
  drink: o.drink,
  arrivedMs: o.arrived_ms,
  steps: o.steps,
  outcome: 'lost', // until the customer gets a drink or a cookie
  takenMs: null,
  servedMs: null,
}));
if (orders.some((o) => !Array.isArray(o.steps))) {
  throw new Error('the plan has no steps: run the engine with --steps');
}

// ------------------------------------------------------------------ clock --

let t0 = 0;
const now = () => performance.now() - t0;

const events = [];
const log = (what, order, extra = {}) => {
  if (plan.trace) events.push({ t: round(now()), what, order: order.name, ...extra });
};
const round = (ms) => Math.round(ms * 1000) / 1000;

// ------------------------------------------------------ the barista's hands --

// CPU work: the barista (the main thread) is busy and nothing else runs.
function work(ms) {
  const until = performance.now() + ms;
  let t = performance.now();
  while (t < until) {
    // listening, validating, assembling, hand-pouring...
    const next = performance.now();
    if (next - t > STALL_MS) noteStall(next - t);
    t = next;
  }
}

// Not part of the café: when the operating system takes the CPU away from the
// busy-waiting barista (other processes on a loaded machine), the clock jumps.
// The harness reports those stalls, which make a run's timing noisy.
const STALL_MS = 0.5;
const stalls = { count: 0, total_ms: 0, max_ms: 0 };
function noteStall(ms) {
  stalls.count += 1;
  stalls.total_ms += ms;
  stalls.max_ms = Math.max(stalls.max_ms, ms);
}

function serve(order) {
  order.servedMs = now();
  order.outcome = 'served';
  log('served', order);
}

// "I wanted oat milk!": a handled failure costs a free cookie.
function offerFreeCookie(order) {
  work(COOKIE_MS);
  order.servedMs = now();
  order.outcome = 'cookie';
  log('cookie', order);
}

class MachineError extends Error {
  constructor(step, order) {
    super(`${step.step} failed for ${order.name}`);
    this.name = 'MachineError';
  }
}

// ---------------------------------------------------------------- machines --

// A machine kind: `capacity` units and a FIFO line of requests (a pool, like
// `new Pool({ max: 20 })`). Machines work on their own: a running job is a
// timer, and the barista is free meanwhile.
class Machine {
  constructor(kind, capacity) {
    this.kind = kind;
    this.capacity = capacity;
    this.busy = 0;
    this.waiting = [];
  }

  // Press the button (dispatch: CPU on the barista). The job starts when that
  // is done if a unit is free, else it waits its turn. `done(err)` is called
  // on the main thread when the machine has finished.
  start(step, order, done) {
    work(DISPATCH_MS);
    const job = { step, order, done };
    if (this.busy < this.capacity) this.#run(job);
    else {
      this.waiting.push(job);
      log('queue', order, { step: step.step });
    }
  }

  #run(job) {
    this.busy += 1;
    log('start', job.order, { step: job.step.step });
    setTimeout(() => {
      // The finished job is a task. The unit is released first: the oldest
      // waiting request starts right now, without another button press...
      log('done', job.order, { step: job.step.step });
      this.busy -= 1;
      const next = this.waiting.shift();
      if (next) this.#run(next);
      // ...then the order goes on (a failing step reports its error at the
      // end of its duration).
      job.done(job.step.fails ? new MachineError(job.step, job.order) : null);
    }, job.step.ms);
  }

  // Blocking mode: press the button and stand at the machine until it is done.
  startAndWait(step, order) {
    work(DISPATCH_MS);
    log('start', order, { step: step.step });
    work(step.ms); // the main thread is blocked, not working
    log('done', order, { step: step.step });
    if (step.fails) throw new MachineError(step, order);
  }
}

const machines = Object.fromEntries(
  Object.entries(CAPACITY).map(([kind, capacity]) => [kind, new Machine(kind, capacity)]),
);

// Callback style: `machine(step, order, (err) => ...)`.
const machine = (step, order, done) => machines[step.machine].start(step, order, done);

// Promise style: resolves (or rejects) on the main thread when the machine is
// done; what awaits it resumes as a microtask.
const machineP = (step, order) =>
  new Promise((resolve, reject) =>
    machine(step, order, (err) => (err ? reject(err) : resolve(step.step))),
  );

// Real I/O (started together by Promise.all) — not a CPU step handed to a
// helper in the back room (a worker thread), which is awaited in its turn.
const isIO = (step) => step.machine !== null && step.machine !== 'helper';

// ---------------------------------------------------- 1. blocking (sync) --

// `pay(); grind(); steam(); assemble();` — the barista stands at each machine
// and the whole line waits.
function blocking(order) {
  work(TAKE_ORDER_MS);
  if (!TRY_CATCH) return makeDrinkSync(order); // an error escapes: lost
  try {
    makeDrinkSync(order);
  } catch (err) {
    offerFreeCookie(order);
  }
}

function makeDrinkSync(order) {
  for (const step of order.steps) {
    if (step.machine) machines[step.machine].startAndWait(step, order);
    else work(step.ms);
  }
  serve(order);
}

// ------------------------------------------------------- 2. callbacks --

// The first line of every callback. A careful barista checks `err` and hands
// out a cookie; a careless one (check_err = false) writes `if (err) return;`:
// the error is swallowed, the continuation never runs and the customer waits
// forever.
function onError(order, err) {
  if (CHECK_ERR) offerFreeCookie(order);
}

function callbacks(order) {
  work(TAKE_ORDER_MS);
  const recipe = order.steps.map((s) => `${s.step}@${s.machine}`).join('+');
  if (recipe === 'pay@reader+grind@grinder+steam@steamer+assemble@null') {
    latteWithCallbacks(order);
  } else {
    stepsWithCallbacks(order, 0);
  }
}

// The latte as the essay writes it: the pyramid.
function latteWithCallbacks(order) {
  const [pay, grind, steam, assemble] = order.steps;
  machine(pay, order, (err) => {
    if (err) return onError(order, err);
    machine(grind, order, (err) => {
      if (err) return onError(order, err);
      machine(steam, order, (err) => {
        if (err) return onError(order, err);
        work(assemble.ms);
        serve(order);
      });
    });
  });
}

// Any recipe: the same pyramid, built one level per machine step.
function stepsWithCallbacks(order, from) {
  for (let i = from; i < order.steps.length; i += 1) {
    const step = order.steps[i];
    if (step.machine === null) {
      work(step.ms); // CPU: hand-pour, assemble
      continue;
    }
    machine(step, order, (err) => {
      if (err) return onError(order, err);
      stepsWithCallbacks(order, i + 1);
    });
    return; // back to the counter until the machine calls back
  }
  serve(order);
}

// ------------------------------------------------ 3. sequential await --

// `await pay(); await grind(); ...` in try/catch: flat code, same timing as
// the callbacks. Without try/catch (try_catch = false) the rejection escapes
// the handler and nobody handles it: promise leakage, a lost order.
async function sequentialAwait(order) {
  try {
    work(TAKE_ORDER_MS);
    for (const step of order.steps) {
      if (step.machine) await machineP(step, order);
      else work(step.ms);
    }
    serve(order);
  } catch (err) {
    if (!TRY_CATCH) throw err; // as if the try/catch were not written
    offerFreeCookie(order);
  }
}

// --------------------------------------------------- 4. parallel join --

// The essay's handleOrder: start every machine (one button press each, in
// recipe order), `await Promise.all(...)`, then the CPU steps in order. The
// first failure rejects Promise.all at once; the other machines keep working
// (JavaScript cannot cancel them).
async function parallelJoin(order) {
  try {
    work(TAKE_ORDER_MS);
    const io = order.steps.filter(isIO);
    await Promise.all(io.map((step) => machineP(step, order)));
    for (const step of order.steps.filter((s) => !isIO(s))) {
      if (step.machine) await machineP(step, order); // handed to a helper
      else work(step.ms);
    }
    serve(order);
  } catch (err) {
    if (!TRY_CATCH) throw err;
    offerFreeCookie(order);
  }
}

// ------------------------------------------------------------ the café --

const HANDLERS = { blocking, callbacks, await: sequentialAwait, join: parallelJoin };
const handler = HANDLERS[plan.strategy];
if (!handler) throw new Error(`unknown strategy "${plan.strategy}"`);

const unhandled = [];
process.on('unhandledRejection', (err) => {
  // Promise leakage: nobody handled it. Node would crash; the customer just
  // waits forever.
  unhandled.push(String(err?.message ?? err));
});

// A customer's arrival is a task: take the order and run the handler until
// it first waits.
function arrive(order) {
  order.takenMs = now();
  log('arrive', order);
  try {
    handler(order);
  } catch (err) {
    // Blocking without try/catch: the exception escaped the handler. (Caught
    // here only so that the café stays open; the order is lost.)
    unhandled.push(String(err?.message ?? err));
  }
}

// Lost orders never end: the run is over when nothing is pending any more.
let reported = false;
process.on('beforeExit', () => {
  if (reported) return;
  reported = true;
  const result = {
    strategy: plan.strategy,
    orders: orders.map((o) => ({
      name: o.name,
      outcome: o.outcome,
      taken_ms: o.takenMs === null ? null : round(o.takenMs),
      served_ms: o.servedMs === null ? null : round(o.servedMs),
    })),
    unhandled,
    stalls: { count: stalls.count, total_ms: round(stalls.total_ms), max_ms: round(stalls.max_ms) },
  };
  if (plan.trace) result.events = events;
  process.stdout.write(`${JSON.stringify(result)}\n`);
});

// The café opens: every arrival is scheduled now, in arrival order.
t0 = performance.now();
for (const order of orders) setTimeout(arrive, order.arrivedMs, order);
