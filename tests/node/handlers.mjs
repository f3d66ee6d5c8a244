// Handler texts for the conformance test (tests/node/conformance.mjs):
// handlers mixed at random from a fixed seed, every one a valid handler in
// the language of crates/engine/src/handler (see the README's grammar). (The
// four starting texts come from the engine: `espresso --starter S`.) The same text goes to the engine (`espresso --handler`)
// and to Node (tests/node/cafe.mjs runs *that very text*).
//
// Each handler makes both default drinks: it calls pay, grind, steam,
// heatWater, handPour and assemble once each (a step the drink does not
// have returns at once).

const IO = ['pay', 'grind', 'steam', 'heatWater'];
const CPU = ['handPour', 'assemble'];

// A small seeded generator (mulberry32): the same texts on every run.
function random(seed) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    below: (n) => Math.floor(next() * n),
    chance: (p) => next() < p,
    shuffle(items) {
      const out = [...items];
      for (let i = out.length - 1; i > 0; i -= 1) {
        const j = Math.floor(next() * (i + 1));
        [out[i], out[j]] = [out[j], out[i]];
      }
      return out;
    },
  };
}

const indent = (lines, n) => lines.map((l) => `${'  '.repeat(n)}${l}`);

// `pour` for the hand-pour: on the barista, or on a helper.
const cpuCall = (step, helpers) =>
  step === 'handPour' && helpers ? `await helpers.run(handPour, order)` : `${step}(order)`;
const ioCall = (step) => `${step}(order)`;

// An async handler: stages in order, each an awaited call, a CPU step, or
// `await Promise.all([...])` whose branches are single calls, `async`
// functions run at once, or `.then` chains.
function asyncHandler(r, helpers) {
  const io = r.shuffle(IO);
  const cpu = r.shuffle(CPU);
  const lines = [];
  let i = 0;
  while (i < io.length) {
    const take = Math.min(io.length - i, 1 + r.below(3));
    const group = io.slice(i, i + take);
    i += take;
    if (group.length === 1 && r.chance(0.6)) {
      lines.push(`await ${ioCall(group[0])};`);
      continue;
    }
    // Branches: split the group into runs; a run of two or more is a
    // sequence; a CPU step may ride at the end of a sequence.
    const branches = [];
    let j = 0;
    while (j < group.length) {
      const len = Math.min(group.length - j, r.chance(0.35) ? 2 : 1);
      branches.push(group.slice(j, j + len));
      j += len;
    }
    const items = branches.map((b) => {
      const withCpu = b.length > 1 && cpu.length > 0 && !helpers && r.chance(0.3) ? [...b, cpu.shift()] : b;
      if (withCpu.length === 1) return ioCall(withCpu[0]);
      if (r.chance(0.5)) {
        const body = withCpu.map((s) => (IO.includes(s) ? `await ${ioCall(s)};` : `${s}(order);`));
        return `(async () => { ${body.join(' ')} })()`;
      }
      const [first, ...rest] = withCpu;
      return [ioCall(first), ...rest.map((s) => `.then(() => ${IO.includes(s) ? ioCall(s) : `${s}(order)`})`)].join('');
    });
    lines.push(`await Promise.all([${items.join(', ')}]);`);
  }
  for (const step of cpu) lines.push(`${cpuCall(step, helpers)};`);
  return wrapAsync(r, lines);
}

function wrapAsync(r, body) {
  const handled = r.chance(0.75);
  const inner = ['takeOrder(order);', ...body, 'serve(order);'];
  const lines = handled
    ? ['try {', ...indent(inner, 1), '} catch (err) {', '  offerFreeCookie(order);', '}']
    : inner;
  const head = r.chance(0.5) ? 'async function handleOrder(order) {' : 'const handleOrder = async (order) => {';
  const tail = head.startsWith('const') ? '};' : '}';
  return [head, ...indent(lines, 1), tail, ''].join('\n');
}

// Nested callbacks in a random order of the machine steps.
function callbackHandler(r) {
  const io = r.shuffle(IO);
  const cookie = r.chance(0.75) ? 'return offerFreeCookie(order);' : 'return;';
  const cpu = r.shuffle(CPU);
  const lines = ['function handleOrder(order) {', '  takeOrder(order);'];
  let depth = 1;
  for (const step of io) {
    lines.push(`${'  '.repeat(depth)}${step}(order, (err) => {`);
    depth += 1;
    lines.push(`${'  '.repeat(depth)}if (err) ${cookie}`);
  }
  for (const step of cpu) lines.push(`${'  '.repeat(depth)}${step}(order);`);
  lines.push(`${'  '.repeat(depth)}serve(order);`);
  while (depth > 1) {
    depth -= 1;
    lines.push(`${'  '.repeat(depth)}});`);
  }
  lines.push('}', '');
  return lines.join('\n');
}

// Synchronous calls in a random order.
function blockingHandler(r) {
  const steps = r.shuffle([...IO, ...CPU]).map((s) => `${s}(order);`);
  const inner = ['takeOrder(order);', ...steps, 'serve(order);'];
  const lines = r.chance(0.75)
    ? ['try {', ...indent(inner, 1), '} catch (err) {', '  offerFreeCookie(order);', '}']
    : inner;
  return ['function handleOrder(order) {', ...indent(lines, 1), '}', ''].join('\n');
}

// `count` generated handlers: mostly async shapes, some callbacks, a few
// blocking; every fourth async one hands the pour to a helper.
export function generated(count, seed = 2026) {
  const r = random(seed);
  const out = [];
  for (let k = 0; k < count; k += 1) {
    const kind = k % 6 === 4 ? 'callbacks' : k % 6 === 5 && k % 12 === 11 ? 'blocking' : 'async';
    const helpers = kind === 'async' && k % 4 === 3;
    const text =
      kind === 'callbacks' ? callbackHandler(r) : kind === 'blocking' ? blockingHandler(r) : asyncHandler(r, helpers);
    out.push({ id: `mixed-${String(k + 1).padStart(2, '0')}`, kind, helpers, text });
  }
  return out;
}
