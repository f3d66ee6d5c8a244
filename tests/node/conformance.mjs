#!/usr/bin/env node
// The "real event loop" conformance test: the same customers, served by the
// Rust engine (target/debug/espresso) and by the café of the essay running on
// Node's own event loop (tests/node/cafe.mjs, one fresh `node` per run), must
// agree on every order: the same outcome, and a served time within
// ±(15 ms + 2 % of the engine's served time).
//
//   node tests/node/conformance.mjs [--full] [--only ID[/STRATEGY]]... [--verbose]
//                                   [--bin PATH] [--retries N] [--model]
//
//   --full      every scenario with all four strategies, plus the extra
//               scenarios (about 3 minutes; pour-two-steamers shows a known
//               deviation: see there and docs/model.md#where-node-differs)
//   --only      run only the named scenario (or scenario/strategy); repeatable
//   --verbose   print every order of every run (engine vs Node)
//   --bin       the engine binary (default target/debug/espresso; scripts/conformance builds it)
//   --retries   re-runs of a run that fails on timing only (default 2; 0 to
//               disable). A semantic disagreement fails every attempt; the
//               noise of a loaded machine (see "stalls") mostly does not.
//   --model     diagnosis, not the test: run the same café code on a copy of
//               Node 20's timer algorithm driven by a virtual clock (see
//               VIRTUAL_NODE below). Deterministic and fast; it tells a real
//               semantic disagreement from a noisy machine.
//
// Handlers as text: after the scenarios, the same comparison for written
// handlers: the four starting texts (`espresso --starter S`, each strategy
// written once for both drinks) and 30 mixed at random from a fixed seed
// (tests/node/handlers.mjs). The engine runs the text with `--handler -`;
// Node runs *that very text* with the café's functions around it. Select one
// with --only ID (starter-await, mixed-07…) or all with --only handlers.
//
// Exit status: 0 when everything agrees, 1 on any mismatch (a differing
// outcome, a served time out of tolerance, a run that does not finish), 2 on
// bad usage or a broken engine.
//
// Runs happen one at a time: each takes about its simulated makespan of wall
// time and needs the CPU to itself (the barista busy-waits on a real clock).

import { spawn, spawnSync } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { loadavg, availableParallelism } from 'node:os';
import { generated } from './handlers.mjs';
import { largestMove } from './near-tie.mjs';

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = resolve(HERE, '..', '..');
const CAFE = join(HERE, 'cafe.mjs');

const ABS_MS = 15;
const REL = 0.02;
const tolerance = (engineMs) => ABS_MS + REL * engineMs;

const ALL = ['blocking', 'callbacks', 'await', 'join'];
const ASYNC = ['callbacks', 'await', 'join'];

// Scenarios. `strategies` is the default selection (the whole default set
// takes about 105 s); --full runs `full` (default: all four) everywhere,
// including the scenarios that are not in the default set.
const SCENARIOS = [
  {
    id: 'morning-line',
    what: 'the default morning line; the tie at t=600 (Karen vs the first latte\'s grinder)',
    args: [],
    strategies: ALL,
    tie: true,
  },
  {
    id: 'karen',
    what: "preset karen: Karen's 1.5 s hand-pour freezes the barista",
    args: ['--preset', 'karen'],
    strategies: ASYNC,
  },
  {
    id: 'flaky-card-reader',
    what: 'preset flaky-card-reader: unchecked callbacks lose orders, try/catch gives cookies',
    args: ['--preset', 'flaky-card-reader'],
    strategies: ['callbacks', 'await'],
  },
  {
    // The preset's own join meets the known deviation below (flaky-join-tie);
    // seed 3 fails two payments with no same-duration timers falling due
    // together, so it checks Promise.all's fail-fast against Node.
    id: 'flaky-join',
    what: 'flaky card reader, seed 3: Promise.all fails fast while the other machines keep working',
    args: ['--preset', 'flaky-card-reader', '--set', 'seed=3'],
    strategies: ['join'],
  },
  {
    id: 'second-steamer',
    what: 'two steamers, 12 latte customers every 150 ms (both steamers busy at once)',
    args: ['--set', 'steamers=2', '--set', 'customers=12', '--set', 'interval_ms=150', '--set', 'karen=0'],
    strategies: ASYNC,
  },
  {
    id: 'uniform',
    what: 'random durations: uniform ±30 %, seed 5',
    args: ['--set', 'durations=uniform', '--set', 'jitter=0.3', '--set', 'seed=5'],
    strategies: ASYNC,
  },
  {
    // Pools (docs/model.md#pools): every unit starts cold and warms up
    // 150 ms before its first job; idle 700 ms, it is put away. Two readers
    // and two steamers: Cleo queues behind two readers (one still warming),
    // Dev and Eli find the readers put away and warm them again. No request
    // comes within 70 ms of a put-away and no two tasks fall due within
    // 12 ms of each other, so Node's few ms of drift cannot flip an order.
    id: 'cold-pool',
    what: 'pools: two readers and two steamers, cold at first, put away after 700 ms idle, 150 ms warm-ups',
    args: [
      '--set', 'list=Ada@0,Ben@60,Cleo@120,Dev@1380,Eli@1560,Fay@2900',
      '--set', 'readers=2', '--set', 'steamers=2',
      '--set', 'pool_idle_ms=700', '--set', 'warmup_ms=150',
    ],
    strategies: ['await', 'join'],
  },
  {
    // Worker threads: Karen's 1.5 s hand-pour runs on a real worker thread
    // (node:worker_threads); the barista only presses the hand-off button
    // and the worker's message comes back as a task.
    id: 'worker-threads',
    what: "worker threads: preset karen with one helper; Karen's hand-pour on a real worker_threads worker",
    args: ['--preset', 'karen', '--set', 'helpers=1', '--set', 'offload=true'],
    strategies: ['await', 'join'],
  },
  {
    // Found while diagnosing (not one of the required scenarios; it fails):
    // Karen's hand-pour and assembly block the barista from 1905 to 3485
    // while both steamers finish (Ada's steam due 1920, Ben's 2280) and three
    // customers arrive (2000, 2100, 2200). Node runs every due timer of one
    // duration list before the next list, so Ben's steam (same 400 ms list
    // as Ada's) runs right after Ada's, ahead of the three arrivals; the
    // engine runs them by ready time. Ben: engine 3780, Node about 3645.
    id: 'pour-two-steamers',
    what: "two steamers finishing during Karen's pour while customers arrive (same-duration timers drain together)",
    knownDeviation:
      "Node's timers phase runs every due timer of one duration before the next duration's; " +
      'the engine runs ready tasks oldest first (docs/model.md#where-node-differs)',
    args: ['--set', 'list=Karen@100:pourover,Ada@915:latte,Ben@1275:latte,Cleo@2000,Dev@2100,Eli@2200', '--set', 'steamers=2'],
    strategies: [],
    full: ['callbacks', 'await', 'join'],
  },
  {
    // The preset (seed 7) under join: Fay's failing payment falls due within
    // a few ms of other timers. Node (its timer lists, and noise) often runs
    // hers first and hands her cookie at about 1875 ms; the engine takes
    // ready tasks oldest first and hands it at 1955 (--model sides with
    // Node; some real runs side with the engine).
    id: 'flaky-join-tie',
    what: 'preset flaky-card-reader under join (same-duration payment timers drain together)',
    knownDeviation:
      "Node's timers phase runs every due timer of one duration before the next duration's; " +
      'the engine runs ready tasks oldest first (docs/model.md#where-node-differs)',
    args: ['--preset', 'flaky-card-reader'],
    strategies: [],
    full: ['join'],
  },
  {
    id: 'flaky-no-try-catch',
    what: 'flaky card reader without try/catch: rejections go unhandled, orders are lost',
    args: ['--preset', 'flaky-card-reader', '--set', 'try_catch=false'],
    strategies: [],
    full: ['blocking', 'await', 'join'],
  },
];

// Written handlers: each text on a café that exercises it. Odd mixed
// handlers meet a flaky card reader and steamer (cookies, or lost orders
// where nothing catches); a handler that hands the pour to helpers gets one.
// Customers come every 310 ms, so that no arrival's timer shares a duration
// with a machine's: Node runs every due timer of one duration before the
// next duration's, the engine oldest first (docs/model.md#where-node-differs;
// at 300 ms, the 1200 ms arrival and the kettle's 1200 ms meet it).
const FLAKY = ['--set', 'pay_fail=0.25', '--set', 'steam_fail=0.15'];
const SPACED = ['--set', 'interval_ms=310'];
const HANDLER_RUNS = [
  ...ALL.map((key) => ({
    id: `starter-${key}`,
    what: `the ${key} starting text, for both drinks`,
    args: [...SPACED, ...(key === 'blocking' ? ['--set', 'customers=6'] : [])],
    starter: key,
  })),
  ...generated(30).map((h, k) => ({
    id: h.id,
    what: `${h.kind} handler${h.helpers ? ', the pour on a helper' : ''}${k % 2 === 1 ? ', flaky machines' : ''}`,
    args: [
      ...SPACED,
      ...(h.kind === 'blocking' ? ['--set', 'customers=6'] : []),
      ...(h.helpers ? ['--set', 'helpers=1'] : []),
      ...(k % 2 === 1 ? [...FLAKY, '--set', `seed=${k + 2}`] : []),
    ],
    text: h.text,
  })),
];

// ------------------------------------------------------------- arguments --

function usage(message) {
  if (message) process.stderr.write(`conformance: ${message}\n`);
  process.stderr.write(
    'usage: node tests/node/conformance.mjs [--full] [--only ID[/STRATEGY]]... [--verbose] [--bin PATH] [--retries N] [--model]\n' +
      `scenarios: ${SCENARIOS.map((s) => s.id).join(', ')}\n`,
  );
  process.exit(2);
}

const opts = { full: false, only: [], verbose: false, bin: join(ROOT, 'target', 'debug', 'espresso'), retries: 2, model: false };
{
  const argv = process.argv.slice(2);
  for (let i = 0; i < argv.length; i += 1) {
    const a = argv[i];
    const value = () => (i + 1 < argv.length ? argv[++i] : usage(`${a} needs a value`));
    if (a === '--full') opts.full = true;
    else if (a === '--verbose' || a === '-v') opts.verbose = true;
    else if (a === '--only') opts.only.push(value());
    else if (a === '--model') opts.model = true;
    else if (a === '--bin') opts.bin = resolve(value());
    else if (a === '--retries') {
      opts.retries = Number(value());
      if (!Number.isInteger(opts.retries) || opts.retries < 0) usage('--retries takes a whole number');
    } else if (a === '-h' || a === '--help') usage();
    else usage(`unknown option "${a}"`);
  }
  for (const o of opts.only) {
    const [id, strategy] = o.split('/');
    if (id === 'handlers' || HANDLER_RUNS.some((h) => h.id === id)) continue;
    if (!SCENARIOS.some((s) => s.id === id)) usage(`--only: unknown scenario "${id}"`);
    if (strategy !== undefined && !ALL.includes(strategy)) usage(`--only: unknown strategy "${strategy}"`);
  }
}

function selected(scenario) {
  if (opts.only.length > 0) {
    const picks = opts.only.map((o) => o.split('/')).filter(([id]) => id === scenario.id);
    if (picks.length === 0) return [];
    if (picks.some(([, s]) => s === undefined)) return opts.full ? ALL : scenario.strategies.length ? scenario.strategies : scenario.full;
    return ALL.filter((s) => picks.some(([, p]) => p === s));
  }
  if (opts.full) return scenario.full ?? ALL;
  return scenario.strategies;
}

// ---------------------------------------------------------------- engine --

function engine(args, handler) {
  const cmd = handler === undefined
    ? [opts.bin, '--format', 'json', '--steps', '--strategy', 'all', ...args]
    : [opts.bin, '--format', 'json', '--steps', '--strategy', 'yours', '--handler', '-', ...args];
  const r = spawnSync(cmd[0], cmd.slice(1), { encoding: 'utf8', maxBuffer: 64 << 20, input: handler });
  if (r.error || r.status !== 0) {
    process.stderr.write(
      `conformance: the engine failed: ${cmd.join(' ')}\n${r.error ?? r.stderr}\n` +
        '(build it first: cargo build --bin espresso, or run scripts/conformance)\n',
    );
    process.exit(2);
  }
  return JSON.parse(r.stdout);
}

// ------------------------------------------------------------------ Node --

// One café run in a fresh `node`, the plan on stdin, the result on stdout.
function runCafe(plan, timeoutMs, model = opts.model) {
  return new Promise((done) => {
    const preload = model ? ['--import', `data:text/javascript,${encodeURIComponent(VIRTUAL_NODE)}`] : [];
    const child = spawn(process.execPath, [...preload, CAFE], { stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, timeoutMs);
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    child.on('close', (code) => {
      clearTimeout(timer);
      if (timedOut) return done({ error: `did not finish within ${timeoutMs} ms` });
      if (code !== 0) return done({ error: `node exited with ${code}: ${err.trim()}` });
      try {
        done({ result: JSON.parse(out) });
      } catch (e) {
        done({ error: `unreadable output (${e.message}): ${out.slice(0, 200)} ${err.trim()}` });
      }
    });
    child.stdin.end(JSON.stringify(plan));
  });
}

// ----------------------------------------------------- --model (diagnosis) --

// Preloaded into the café's process with --model: Node 20's own timer
// algorithm (lib/internal/timers.js: insert, processTimers, listOnTimeout;
// print it with `node --expose-internals -e "console.log(require('internal/timers').insert.toString())"`)
// and libuv's wake-ups, on a virtual clock. What it reproduces:
// - timers live in one list per whole-millisecond duration (fractional
//   durations are truncated); a timer's start is the loop's millisecond clock
//   (floored); setTimeout(0) is 1 ms;
// - lists are ordered by (expiry, list id); a list gets a fresh id when it
//   is created and whenever it is re-armed after running its due head;
// - processTimers(now) takes `now` once, then runs every list due by `now`,
//   each list draining all of its timers due by `now`; microtasks run
//   between timers (real microtasks: the model yields to setImmediate);
// - the loop wakes at the next expiry, or 1 ms after its cached clock when a
//   timer is already overdue.
// Each performance.now() read costs 1 µs of virtual time, so busy-waits take
// exactly their duration; the café starts 0.25 ms past a millisecond tick.
const VIRTUAL_NODE = `
import { performance } from 'node:perf_hooks';
globalThis.VIRTUAL_CLOCK = true; // cafe.mjs: helpers become timers
let ns = 1e9 + 0.25e6;
let lastLoop = 0;
performance.now = () => { ns += 1000; return ns / 1e6; };
const loopNow = () => (lastLoop = Math.floor(ns / 1e6));
let timerListId = Number.MIN_SAFE_INTEGER;
const lists = new Map();
let queue = [];
const before = (a, b) => a.expiry < b.expiry || (a.expiry === b.expiry && a.id < b.id);
const peek = () => queue.reduce((m, l) => (m === null || before(l, m) ? l : m), null);
const realSetImmediate = setImmediate;
const runNextTicks = () => new Promise((r) => realSetImmediate(r));
let running = false;
function insert(timer, msecs) {
  msecs = Math.trunc(msecs);
  timer.idleStart = loopNow();
  let list = lists.get(msecs);
  if (list === undefined) {
    list = { expiry: timer.idleStart + msecs, id: timerListId++, msecs, items: [] };
    lists.set(msecs, list);
    queue.push(list);
  }
  list.items.push(timer);
  if (!running) { running = true; realSetImmediate(loop); }
}
globalThis.setTimeout = (cb, after, ...args) => {
  after *= 1;
  if (!(after >= 1 && after <= 2 ** 31 - 1)) after = 1;
  const timer = { cb, args };
  insert(timer, after);
  return timer;
};
async function listOnTimeout(list, now) {
  let ran = false;
  while (list.items.length > 0) {
    const timer = list.items[0];
    if (now - timer.idleStart < list.msecs) {
      list.expiry = Math.max(timer.idleStart + list.msecs, now + 1);
      list.id = timerListId++;
      return;
    }
    if (ran) await runNextTicks(); else ran = true;
    list.items.shift();
    timer.cb(...timer.args);
  }
  if (lists.get(list.msecs) === list) { lists.delete(list.msecs); queue = queue.filter((l) => l !== list); }
}
async function processTimers(now) {
  let ranAtLeastOneList = false;
  for (let list; (list = peek()) !== null; ) {
    if (list.expiry > now) return;
    if (ranAtLeastOneList) await runNextTicks(); else ranAtLeastOneList = true;
    await listOnTimeout(list, now);
  }
}
async function loop() {
  for (let next; (next = peek()) !== null; ) {
    const wake = Math.max(next.expiry, lastLoop + 1);
    if (Math.floor(ns / 1e6) < wake) ns = wake * 1e6;
    await processTimers(loopNow());
    await runNextTicks();
  }
  running = false;
}
`;

// ------------------------------------------------------------ comparison --

function compare(engineOrders, nodeRun) {
  const rows = [];
  const problems = [];
  const nodeOrders = nodeRun.orders;
  if (nodeOrders.length !== engineOrders.length) {
    problems.push(`Node reported ${nodeOrders.length} orders, the engine ${engineOrders.length}`);
  }
  for (let i = 0; i < engineOrders.length; i += 1) {
    const e = engineOrders[i];
    const n = nodeOrders[i] ?? { name: '?', outcome: 'missing', served_ms: null, taken_ms: null };
    const row = { name: e.name, engine: e, node: n, diff: null, ok: true, why: '' };
    if (n.name !== e.name) {
      row.ok = false;
      row.why = `name ${n.name} != ${e.name}`;
    } else if (n.outcome !== e.outcome) {
      row.ok = false;
      row.why = `outcome: engine ${e.outcome}, Node ${n.outcome}`;
    } else if (e.outcome !== 'lost') {
      row.diff = n.served_ms - e.served_ms;
      if (Math.abs(row.diff) > tolerance(e.served_ms)) {
        row.ok = false;
        row.why = `served: engine ${fmt(e.served_ms)}, Node ${fmt(n.served_ms)} (Δ ${sign(row.diff)}, tolerance ±${fmt(tolerance(e.served_ms))})`;
      }
    }
    if (!row.ok) problems.push(`${e.name}: ${row.why}`);
    rows.push(row);
  }
  const timed = rows.filter((r) => r.diff !== null);
  const worst = timed.reduce((w, r) => (w === null || Math.abs(r.diff) > Math.abs(w.diff) ? r : w), null);
  return { rows, problems, worst, ok: problems.length === 0 };
}

// The tie of docs/model.md#ties: in the morning line, Karen's arrival (t = 600) and
// the first latte's grinder completion (t = 600) tie; Karen's arrival was
// scheduled first, so her order is taken first (600-640, then her payment's
// dispatch 640-645) and Ada's steam is dispatched only at 645, starting at 650
// (605 without the tie rule). Checked on both sides.
function tieCheck(engineOrders, nodeRun) {
  const problems = [];
  const [ada, , karen] = engineOrders;
  if (karen?.name !== 'Karen' || karen.taken_ms !== 600) problems.push(`engine: Karen taken at ${karen?.taken_ms}, expected 600`);
  if (ada?.served_ms !== 1130) problems.push(`engine: Ada served at ${ada?.served_ms}, expected 1130 (steam 650-1050, assemble 1050-1130)`);
  const ev = nodeRun.events ?? [];
  const at = (what, order, step) => ev.findIndex((x) => x.what === what && x.order === order && (step === undefined || x.step === step));
  const karenArrives = at('arrive', 'Karen');
  const adaGrindDone = at('done', 'Ada', 'grind');
  const adaSteam = ev[at('start', 'Ada', 'steam')];
  let nodeLine = 'Node: no events';
  if (karenArrives < 0 || adaGrindDone < 0 || !adaSteam) {
    problems.push('Node: the trace lacks Karen\'s arrival, Ada\'s grind completion or Ada\'s steam start');
  } else {
    const first = karenArrives < adaGrindDone ? 'Karen\'s arrival' : 'Ada\'s grinder completion';
    nodeLine = `Node: ${first} ran first (Karen's arrival callback at ${fmt(ev[karenArrives].t)}, ` +
      `Ada's grinder callback at ${fmt(ev[adaGrindDone].t)}); Ada's steam started at ${fmt(adaSteam.t)} (engine 650)`;
    if (karenArrives > adaGrindDone) problems.push('Node: Ada\'s grinder completion ran before Karen\'s arrival');
    if (Math.abs(adaSteam.t - 650) > tolerance(650)) problems.push(`Node: Ada's steam started at ${fmt(adaSteam.t)}, engine 650`);
  }
  return { ok: problems.length === 0, problems, nodeLine };
}

// ---------------------------------------------------------------- output --

const fmt = (ms) => (ms === null || ms === undefined ? '—' : `${Math.round(ms * 10) / 10}`);
const sign = (d) => `${d >= 0 ? '+' : ''}${fmt(d)} ms`;
const pad = (s, n) => String(s).padEnd(n);
const lpad = (s, n) => String(s).padStart(n);

function outcomes(orders) {
  const count = (k) => orders.filter((o) => o.outcome === k).length;
  const parts = [`${count('served')} served`];
  if (count('cookie')) parts.push(`${count('cookie')} cookie`);
  if (count('lost')) parts.push(`${count('lost')} lost`);
  return parts.join(', ');
}

function printOrders(cmp) {
  console.log(`      ${pad('order', 8)} ${pad('engine', 18)} ${pad('Node', 18)} ${lpad('Δ ms', 8)} ${lpad('tol', 6)}`);
  for (const r of cmp.rows) {
    const e = `${r.engine.outcome} ${fmt(r.engine.served_ms)}`;
    const n = `${r.node.outcome} ${fmt(r.node.served_ms)}`;
    const tol = r.engine.outcome === 'lost' ? '' : fmt(tolerance(r.engine.served_ms));
    console.log(
      `      ${pad(r.name, 8)} ${pad(e, 18)} ${pad(n, 18)} ${lpad(r.diff === null ? '' : fmt(r.diff), 8)} ${lpad(tol, 6)}${r.ok ? '' : '  <-- ' + r.why}`,
    );
  }
}

// ------------------------------------------------------------------ main --

// One (scenario, strategy) run: Node's result compared with the engine's.
async function attempt(scenario, strategy, run, plan, model = opts.model) {
  const t = performance.now();
  const { result, error } = await runCafe(plan, Math.ceil(run.metrics.makespan_ms * 2 + 10_000), model);
  const wall = performance.now() - t;
  if (error) return { ok: false, error, wall, stalls: null, timingOnly: false };
  const outcome = { ...compare(run.orders, result), result, wall, stalls: result.stalls };
  outcome.timingOnly = !outcome.ok && outcome.rows.every((r) => r.ok || r.node.outcome === r.engine.outcome);
  if (outcome.ok && scenario.tie && strategy === 'callbacks') {
    outcome.tie = tieCheck(run.orders, result);
    outcome.ok = outcome.tie.ok;
    outcome.timingOnly = !outcome.ok;
  }
  return outcome;
}

// A documented difference between Node's timers and the engine's task queue:
// same outcomes, different timing, in a scenario built to show it.
const known = (scenario, outcome) => Boolean(scenario.knownDeviation && !outcome.ok && outcome.timingOnly);

const started = performance.now();
const summary = [];
let failed = 0;

console.log(
  opts.model
    ? `MODEL RUN (diagnosis): the Rust engine vs Node ${process.version}'s timer algorithm on a virtual clock ` +
        `(tolerance ±(${ABS_MS} ms + ${REL * 100} % of the engine's served time))`
    : `Conformance: the Rust engine vs the real Node ${process.version} event loop ` +
        `(tolerance ±(${ABS_MS} ms + ${REL * 100} % of the engine's served time))`,
);
if (!opts.model) {
  const [load] = loadavg();
  const cpus = availableParallelism();
  if (load > cpus * 0.75) {
    console.log(
      `note: load average ${load.toFixed(2)} on ${cpus} CPUs — other processes compete for the CPU, ` +
        'so busy-waits stall and timers fire late; stalls are reported per run',
    );
  }
}

for (const scenario of SCENARIOS) {
  const strategies = selected(scenario);
  if (strategies.length === 0) continue;
  const report = engine(scenario.args);
  console.log(`\n== ${scenario.id}: ${scenario.what}\n   engine: ${['espresso', ...scenario.args].join(' ')}`);
  console.log(
    `   ${pad('strategy', 10)} ${lpad('orders', 6)}  ${pad('outcomes', 26)} ${lpad('max |Δ| ms', 10)}  ` +
      `${pad('worst order (engine → Node ms)', 38)} ${lpad('stalls ms', 11)}  result`,
  );
  for (const strategy of strategies) {
    const run = report.strategies.find((s) => s.strategy === strategy);
    const plan = { strategy, scenario: report.scenario, orders: run.orders, trace: true };
    const attempts = [];
    let outcome;
    for (;;) {
      outcome = await attempt(scenario, strategy, run, plan);
      attempts.push(outcome);
      if (outcome.ok || !outcome.timingOnly || attempts.length > (opts.model ? 0 : opts.retries)) break;
    }
    const w = outcome.worst;
    const earlier = attempts.slice(0, -1).map((a) =>
      `${a.worst ? `max |Δ| ${fmt(Math.abs(a.worst.diff))}` : 'failed'}${a.stalls ? `, stalls ${fmt(a.stalls.total_ms)}/${fmt(a.stalls.max_ms)}` : ''}`,
    );
    const retried = earlier.length ? ` (attempt ${attempts.length}; earlier: ${earlier.join('; ')})` : '';
    if (outcome.error) {
      console.log(
        `   ${pad(strategy, 10)} ${lpad(run.orders.length, 6)}  ${pad('—', 26)} ${lpad('—', 10)}  ${pad('—', 38)} ${lpad('—', 11)}  FAIL: ${outcome.error}`,
      );
    } else {
      const worst = w ? `${w.name} (${fmt(w.engine.served_ms)} → ${fmt(w.node.served_ms)})` : '—';
      const stalls = `${fmt(outcome.stalls.total_ms)}/${fmt(outcome.stalls.max_ms)}`;
      const verdict = outcome.ok ? 'pass' : known(scenario, outcome) ? 'KNOWN DEVIATION' : 'FAIL';
      console.log(
        `   ${pad(strategy, 10)} ${lpad(run.orders.length, 6)}  ${pad(outcomes(outcome.result.orders), 26)} ` +
          `${lpad(w ? fmt(Math.abs(w.diff)) : '—', 10)}  ${pad(worst, 38)} ${lpad(stalls, 11)}  ${verdict}${retried}`,
      );
      if (known(scenario, outcome)) console.log(`      known deviation: ${scenario.knownDeviation}`);
      for (const p of outcome.problems) console.log(`      mismatch: ${p}`);
      if (outcome.tie) {
        console.log(
          `      tie check (DESIGN §2): engine: Karen taken at 600, Ada served at 1130; ${outcome.tie.nodeLine}: ${outcome.tie.ok ? 'pass' : 'FAIL'}`,
        );
        for (const p of outcome.tie.problems) console.log(`      tie mismatch: ${p}`);
      }
      if (opts.verbose || !outcome.ok) printOrders(outcome);
    }
    if (!outcome.ok && !opts.model) {
      // Diagnosis (the verdict stays FAIL): the same plan on Node's timer
      // algorithm with a virtual clock, free of the machine's noise.
      const m = await attempt(scenario, strategy, run, plan, true);
      const verdict = m.ok
        ? `pass (max |Δ| ${m.worst ? fmt(Math.abs(m.worst.diff)) : '—'} ms): Node's semantics agree with the engine; ` +
          "this run's difference is timing noise (late timers, stalls), amplified where two events are close"
        : `FAIL too (${m.error ?? m.problems.join('; ')}): a semantic disagreement between Node and the engine`;
      console.log(`      model (--model, Node's timer algorithm on a virtual clock): ${verdict}`);
    }
    if (!outcome.ok && !known(scenario, outcome)) failed += 1;
    summary.push({ scenario: scenario.id, strategy, ok: outcome.ok || known(scenario, outcome) });
  }
}

// Written handlers: one run each, the engine's `yours` against Node running
// the text.
const handlerRuns = HANDLER_RUNS.filter((h) =>
  opts.only.length === 0 ? true : opts.only.includes('handlers') || opts.only.includes(h.id),
);
if (handlerRuns.length > 0) {
  console.log(`\n== handlers: written handlers, the same text on the engine (--handler) and on Node`);
  console.log(
    `   ${pad('handler', 16)} ${lpad('orders', 6)}  ${pad('outcomes', 26)} ${lpad('max |Δ| ms', 10)}  ` +
      `${pad('worst order (engine → Node ms)', 38)} ${lpad('stalls ms', 11)}  result`,
  );
}
const handlerTotals = { orders: 0, worst: 0 };
// The engine's own starting text for a strategy (what the editor shows).
function starterText(strategy, args) {
  const r = spawnSync(opts.bin, ['--starter', strategy, ...args], { encoding: 'utf8' });
  if (r.error || r.status !== 0) {
    process.stderr.write(`conformance: espresso --starter ${strategy} failed: ${r.error ?? r.stderr}\n`);
    process.exit(2);
  }
  return r.stdout;
}

// A café with a near-tie (tests/node/near-tie.mjs; seen in CI: mixed-02's
// Ben 58 ms late in all three attempts). So each handler's café is checked
// first: moving any step's duration by 5 ms must move no order's end by more
// than 30 ms; where it does, the customers' gap grows by a few ms until it
// does not.
const NUDGE_MS = 5;
const TIE_FREE_MS = 30;

/** The largest move of any order's end when one step's duration moves by NUDGE_MS. */
function nearTie(args, text) {
  return largestMove((a) => engine(a, text).strategies[0].orders, args, NUDGE_MS);
}

/** `args` with the customers' gap moved (310, 313, 316…) until the café has no near-tie. */
function tieFree(args, text) {
  for (let gap = 310; gap < 340; gap += 3) {
    const spaced = [...args.filter((a, i) => !(a.startsWith('interval_ms=') || args[i + 1]?.startsWith('interval_ms='))), '--set', `interval_ms=${gap}`];
    if (nearTie(spaced, text) <= TIE_FREE_MS) return spaced;
  }
  return args;
}

for (const h of handlerRuns) {
  if (h.starter) h.text = starterText(h.starter, h.args);
  h.args = tieFree(h.args, h.text);
  const report = engine(h.args, h.text);
  const run = report.strategies.find((s) => s.strategy === 'yours');
  const plan = { strategy: 'yours', handler: h.text, scenario: report.scenario, orders: run.orders, trace: true };
  const attempts = [];
  let outcome;
  for (;;) {
    outcome = await attempt(h, 'yours', run, plan);
    attempts.push(outcome);
    if (outcome.ok || !outcome.timingOnly || attempts.length > (opts.model ? 0 : opts.retries)) break;
  }
  const w = outcome.worst;
  const retried = attempts.length > 1 ? ` (attempt ${attempts.length})` : '';
  if (outcome.error) {
    console.log(`   ${pad(h.id, 16)} ${lpad(run.orders.length, 6)}  FAIL: ${outcome.error}`);
  } else {
    const worst = w ? `${w.name} (${fmt(w.engine.served_ms)} → ${fmt(w.node.served_ms)})` : '—';
    const stalls = `${fmt(outcome.stalls.total_ms)}/${fmt(outcome.stalls.max_ms)}`;
    console.log(
      `   ${pad(h.id, 16)} ${lpad(run.orders.length, 6)}  ${pad(outcomes(outcome.result.orders), 26)} ` +
        `${lpad(w ? fmt(Math.abs(w.diff)) : '—', 10)}  ${pad(worst, 38)} ${lpad(stalls, 11)}  ${outcome.ok ? 'pass' : 'FAIL'}${retried}`,
    );
    for (const p of outcome.problems) console.log(`      mismatch: ${p}`);
    if (opts.verbose || !outcome.ok) {
      console.log(`      ${h.what}; engine: espresso --handler - ${h.args.join(' ')}`);
      console.log(h.text.replace(/^/gm, '      | '));
      printOrders(outcome);
    }
    handlerTotals.orders += run.orders.length;
    if (w) handlerTotals.worst = Math.max(handlerTotals.worst, Math.abs(w.diff));
  }
  if (!outcome.ok) failed += 1;
  summary.push({ scenario: h.id, strategy: 'yours', ok: outcome.ok });
}
if (handlerRuns.length > 0) {
  console.log(
    `   handlers: ${handlerRuns.length} texts, ${handlerTotals.orders} orders, worst |Δ| ${fmt(handlerTotals.worst)} ms`,
  );
}

const wall = (performance.now() - started) / 1000;
console.log(
  `\n${summary.length} runs, ${summary.length - failed} passed, ${failed} failed; wall time ${wall.toFixed(1)} s` +
    (opts.model
      ? '\n(model run: a diagnosis on a virtual clock, not the real event loop)'
      : "\n(stalls ms = total/longest time the café's busy-waits lost to other processes: a noisy machine, not the café)"),
);
process.exit(failed === 0 ? 0 : 1);
