#!/usr/bin/env node
// Async Espresso, for real: the café of the essay running on Node's own event
// loop. The barista is the main thread, CPU work is a busy-wait, every machine
// is a `setTimeout` (from a pool of units that may be put away and warm up
// again), the helpers in the back room are real `worker_threads`, and the
// four ways of writing the handler are plain JavaScript.
// tests/node/conformance.mjs compares what happens here with the Rust engine
// (crates/engine/src/sim.rs). The circuit breaker and the cache are not modelled
// here: a plan that switches them on is refused.
//
// Usage (one café run per process, so every run has a clean event loop):
//   node tests/node/cafe.mjs PLAN.json        # or the plan's JSON text itself
//   node tests/node/cafe.mjs < PLAN.json
//   espresso --format json --steps --strategy await | node tests/node/cafe.mjs
//
// The plan is `{strategy, scenario, orders, trace?, handler?}`: `scenario` is the
// engine's JSON `scenario` object and `orders` its `orders[]` with `steps`
// (the drawn recipe of each order: durations and failures). The engine's whole
// JSON report is accepted too; then the strategy is the second argument (or
// the first one in the report). Prints `{strategy, orders: [{name, outcome,
// taken_ms, served_ms}], unhandled, stalls, events?}` as JSON: times are
// milliseconds since the café opened (`performance.now() - t0`), a lost order
// has no served time, `unhandled` lists the errors nobody handled, `stalls`
// how much the machine disturbed the busy-waits, and `events` (with
// `"trace": true` in the plan) what happened when. With strategy "yours",
// `handler` is the text of a learner's handler (crates/engine/src/handler):
// *that very text* runs, with the café's functions defined around it.

import { readFileSync } from 'node:fs';
import { once } from 'node:events';
import { availableParallelism } from 'node:os';
import { performance } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';

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
  menu: Number(S.menus ?? 1),
};
// The pool's settings (the essay's `new Pool({ max, idleTimeoutMillis })`,
// plus the warm-up a cold unit needs, like a new connection's handshake).
const POOL_IDLE_MS = Number(S.pool_idle_ms ?? 0);
const WARMUP_MS = Number(S.warmup_ms ?? 0);
const POOL_ON = POOL_IDLE_MS > 0 || WARMUP_MS > 0;
for (const key of ['breaker', 'cache']) {
  if (String(S[key]) === 'true') throw new Error(`${key} = true is not modelled by cafe.mjs`);
}

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

// A machine kind: a pool of `capacity` units and a FIFO line of requests,
// like `new Pool({ max: 20, idleTimeoutMillis: 30000 })`. Machines work on
// their own: a running job is a timer (or, for the helpers, a worker thread),
// and the barista is free meanwhile.
//
// With the pool on, every unit starts cold; a unit left unused for
// POOL_IDLE_MS after its release has been put away. The pool keeps that time
// itself (a unit's `releasedAt`), so a busy barista never delays putting a
// unit away — the engine's "chores". A request takes the lowest-numbered warm
// free unit, else the lowest-numbered cold one, which warms up (WARMUP_MS)
// before the job: one timer for both, since the machine warms up on its own.
class Machine {
  constructor(kind, capacity) {
    this.kind = kind;
    this.units = Array.from({ length: capacity }, (_, index) => ({ index, taken: false, releasedAt: null }));
    this.waiting = [];
  }

  #cold(unit) {
    if (!POOL_ON) return false;
    if (unit.releasedAt === null) return true; // never used: still put away
    return POOL_IDLE_MS > 0 && now() - unit.releasedAt >= POOL_IDLE_MS;
  }

  // pool.connect(): a free unit, warm if any, and whether it must warm up.
  #take() {
    const free = this.units.filter((u) => !u.taken);
    const warm = free.find((u) => !this.#cold(u));
    const unit = warm ?? free[0];
    if (!unit) return null;
    unit.taken = true;
    return { unit, warmup: warm ? 0 : WARMUP_MS };
  }

  // client.release(): the oldest waiting request gets the (warm) unit.
  #release(unit) {
    unit.taken = false;
    unit.releasedAt = now();
    const next = this.waiting.shift();
    if (next) {
      unit.taken = true;
      this.#run(next, unit, 0);
    }
  }

  // Press the button (dispatch: CPU on the barista). The job starts when that
  // is done if a unit is free, else it waits its turn. `done(err)` is called
  // on the main thread when the machine has finished.
  start(step, order, done) {
    work(DISPATCH_MS);
    const job = { step, order, done };
    const got = this.#take();
    if (got) this.#run(job, got.unit, got.warmup);
    else {
      this.waiting.push(job);
      log('queue', order, { step: step.step });
    }
  }

  #run(job, unit, warmup) {
    log(warmup > 0 ? 'warm' : 'start', job.order, { step: job.step.step, unit: unit.index });
    const finished = () => {
      // The finished job is a task. The unit is released first: the oldest
      // waiting request starts right now, without another button press...
      log('done', job.order, { step: job.step.step });
      this.#release(unit);
      // ...then the order goes on (a failing step reports its error at the
      // end of its duration).
      job.done(job.step.fails ? new MachineError(job.step, job.order) : null);
    };
    const helper = this.kind === 'helper' ? helpers[unit.index] : undefined;
    if (helper) helper.run(warmup, job.step.ms, finished);
    else setTimeout(finished, warmup + job.step.ms);
  }

  // Blocking mode: press the button and stand at the machine (through a
  // warm-up, if the unit is cold) until it is done.
  startAndWait(step, order) {
    work(DISPATCH_MS);
    const { unit, warmup } = this.#take() ?? { unit: this.units[0], warmup: 0 };
    log('start', order, { step: step.step });
    work(warmup + step.ms); // the main thread is blocked, not working
    log('done', order, { step: step.step });
    unit.taken = false;
    unit.releasedAt = now();
    if (step.fails) throw new MachineError(step, order);
  }
}

// ------------------------------------------------------- worker threads --

// The helpers in the back room: real worker threads. A helper works through
// the CPU step (the hand-pour) off the main thread and posts back; the
// message is a task on the main thread, like a machine's completion. With
// cores to spare (one for the barista, one per helper, one for everything
// else) the helper busy-waits like the barista; on a smaller machine it
// sleeps instead (Atomics.wait), so that it does not take the CPU from the
// busy-waiting barista — what is tested is that the main thread stays free.
const HELPERS_SPIN = availableParallelism() >= CAPACITY.helper + 2;
const HELPER_CODE = `
const { parentPort, workerData } = require('node:worker_threads');
const nap = new Int32Array(new SharedArrayBuffer(4));
const sleep = (ms) => ms > 0 && Atomics.wait(nap, 0, 0, ms);
parentPort.on('message', ({ id, warmup, ms }) => {
  sleep(warmup); // starting up: not CPU
  if (workerData.spin) {
    const until = performance.now() + ms;
    while (performance.now() < until) {} // the hand-pour, on this thread
  } else {
    sleep(ms);
  }
  parentPort.postMessage(id);
});
`;

class Helper {
  constructor() {
    this.worker = new Worker(HELPER_CODE, { eval: true, workerData: { spin: HELPERS_SPIN } });
    this.pending = new Map();
    this.next = 0;
    this.worker.on('message', (id) => {
      const finished = this.pending.get(id);
      this.pending.delete(id);
      if (this.pending.size === 0) this.worker.unref(); // idle: let the café close
      finished();
    });
  }

  run(warmup, ms, finished) {
    const id = this.next++;
    this.pending.set(id, finished);
    this.worker.ref(); // a job is out: keep the café open until it is back
    this.worker.postMessage({ id, warmup, ms });
  }
}

// Started before the café opens (a worker takes a few ms to boot). Not with
// --model (conformance.mjs): a worker runs on the real clock, so on the
// virtual one a helper's job is a timer (Node delivers a worker's message
// through its poll phase, not its timers: close enough for a diagnosis).
const helpers = plan.orders.some((o) => o.steps?.some((s) => s.machine === 'helper')) && !globalThis.VIRTUAL_CLOCK
  ? Array.from({ length: CAPACITY.helper }, () => new Helper())
  : [];
await Promise.all(helpers.map((h) => once(h.worker, 'online')));
for (const h of helpers) h.worker.unref(); // idle until a job is out

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
// helper in the back room (a worker thread), which is awaited in its turn,
// nor the price lookup, which is awaited before everything else.
const isLookup = (step) => step.step === 'lookup';
const isIO = (step) => step.machine !== null && step.machine !== 'helper' && !isLookup(step);

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
    for (const step of order.steps.filter(isLookup)) await machineP(step, order); // the price first
    const io = order.steps.filter(isIO);
    await Promise.all(io.map((step) => machineP(step, order)));
    for (const step of order.steps.filter((s) => !isIO(s) && !isLookup(s))) {
      if (step.machine) await machineP(step, order); // handed to a helper
      else work(step.ms);
    }
    serve(order);
  } catch (err) {
    if (!TRY_CATCH) throw err;
    offerFreeCookie(order);
  }
}

// ------------------------------------------------- 5. your handler (text) --

// The learner's handler, as written: its text becomes a function whose
// free names are the café's own. A step's function looks its step up in the
// order's drawn steps (the n-th call of a step makes the n-th of the recipe);
// a step the drink does not have returns at once. Called with a callback it
// calls back; otherwise, in an `async` handler, it returns a promise, and in
// a plain one the barista stands at the machine (a synchronous call).
function yours(text) {
  const ASYNC = /^\s*(async\b|(const|let|var)\s+[\w$]+\s*=\s*async\b)/.test(text);
  const name = /^\s*(?:async\s+)?function\s+([\w$]+)/.exec(text)?.[1] ??
    /^\s*(?:const|let|var)\s+([\w$]+)/.exec(text)?.[1];
  if (!name) throw new Error('the handler has no name');
  const made = new Map(); // order -> how many of each step it has called
  const stepOf = (key, order) => {
    const counts = made.get(order) ?? {};
    made.set(order, counts);
    const n = counts[key] ?? 0;
    counts[key] = n + 1;
    return order.steps.filter((s) => s.step === key)[n];
  };
  const call = (key, order, done, { wait = false } = {}) => {
    const step = stepOf(key, order);
    if (step === undefined) {
      // Not in this drink: returns at once.
      if (done) return done(null);
      return ASYNC && !wait ? Promise.resolve() : undefined;
    }
    if (step.machine === null) {
      work(step.ms); // CPU on the barista: hand-pour, assemble
      if (done) return done(null);
      return undefined;
    }
    if (done) return machine(step, order, done);
    if (ASYNC && !wait) return machineP(step, order);
    return machines[step.machine].startAndWait(step, order);
  };
  const stepFunction = (key) => {
    const f = (order, done) => call(key, order, done);
    f.step = key;
    return f;
  };
  const steps = {
    pay: stepFunction('pay'),
    grind: stepFunction('grind'),
    steam: stepFunction('steam'),
    heatWater: stepFunction('heat'),
    handPour: stepFunction('pour'),
    assemble: stepFunction('assemble'),
    lookupPrice: stepFunction('lookup'),
  };
  steps.heat = steps.heatWater;
  steps.pour = steps.handPour;
  steps.lookup = steps.lookupPrice;
  // helpers.run(handPour, order[, cb]): the step on a worker thread (the
  // engine's drawn step says `machine: "helper"`); runAndWait stands at it.
  const helpers = {
    run: (f, order, done) => call(f.step, order, done),
    runAndWait: (f, order) => call(f.step, order, undefined, { wait: true }),
  };
  const cafe = {
    ...steps,
    helpers,
    takeOrder: () => work(TAKE_ORDER_MS),
    serve,
    offerFreeCookie,
  };
  const names = Object.keys(cafe);
  // eslint-disable-next-line no-new-func -- the test runs the text it checks
  const make = new Function(...names, `${text}\nreturn ${name};`);
  return make(...names.map((n) => cafe[n]));
}

// ------------------------------------------------------------ the café --

const HANDLERS = { blocking, callbacks, await: sequentialAwait, join: parallelJoin };
if (plan.strategy === 'yours') HANDLERS.yours = yours(String(plan.handler ?? ''));
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
    helpers: helpers.length === 0 ? 'none' : HELPERS_SPIN ? 'worker threads, spinning' : 'worker threads, sleeping',
  };
  if (plan.trace) result.events = events;
  process.stdout.write(`${JSON.stringify(result)}\n`);
});

// The café opens: every arrival is scheduled now, in arrival order.
t0 = performance.now();
for (const order of orders) setTimeout(arrive, order.arrivedMs, order);
