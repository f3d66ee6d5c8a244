// Trunk's post_build hook (Trunk.toml): makes the built site work under a
// strict Content-Security-Policy and offline. Runs in Trunk's staging folder
// (TRUNK_STAGING_DIR), after index.html is written, before it becomes dist/.
//
// 1. Trunk starts the app with an inline <script type="module">, which
//    `script-src 'self'` refuses. Its code moves into start-HASH.js next to
//    the other files, and the tag becomes <script type="module" src=…>; the
//    wasm URL is resolved against the script itself, and the app's code is
//    imported only once the first view (5.) is on screen (Trunk's preloads
//    of it go).
// 2. Checks that index.html has nothing else a strict CSP refuses: inline
//    scripts or styles, style or on… attributes, data:/javascript: URLs. The
//    build fails, naming it, if it has.
// 3. Stamps sw.js (copied from static/) with the files of the shell and a
//    build id made from their contents.
// 4. Writes the back room's start, worker-HASH.js (the same WebAssembly in a
//    Web Worker: crates/web/src/worker.rs), and names it in a <meta> for
//    the page (crates/web/src/ui/helper.rs).
// 5. Writes the first view into <body>: the page at t = 0 for the default
//    café, rendered natively by the app's own code
//    (`cargo run -p espresso-web --bin first-view`), so the café is on
//    screen before the WebAssembly arrives.
//
// Only `trunk serve`'s own live-reload script (an inline classic script
// holding {{__TRUNK_ADDRESS__}}, filled in by the dev server) stays inline:
// it exists in dev builds only.
//
//   node scripts/post-build.mjs [STAGING_DIR]   (Trunk passes it in the environment)
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const stage = process.env.TRUNK_STAGING_DIR ?? process.argv[2];
const base = process.env.TRUNK_PUBLIC_URL ?? './';
if (!stage) {
  fail('no staging folder: run by Trunk (TRUNK_STAGING_DIR) or pass it as the argument');
}

function fail(message) {
  console.error(`post-build: ERROR: ${message}`);
  process.exit(1);
}

const digest = (algorithm, data) => createHash(algorithm).update(data).digest();
const indexPath = join(stage, 'index.html');
let html = readFileSync(indexPath, 'utf8');

// ---- 1. the inline module script becomes a file ---------------------------------
// index.html is Trunk's output (minified or not): attributes with or without
// quotes, no `>` inside attribute values of a script tag.
const SCRIPT = /<script\b([^>]*)>([\s\S]*?)<\/script\s*>/gi;
const attr = (attrs, name) => new RegExp(`(?:^|\\s)${name}(?:\\s*=|\\s|$)`, 'i').test(attrs);
const wasmFiles = readdirSync(stage).filter((f) => f.endsWith('.wasm'));
let moved = 0;
let bindings;
html = html.replace(SCRIPT, (tag, attrs, code) => {
  if (attr(attrs, 'src') || code.trim() === '' || !/type\s*=\s*["']?module\b/i.test(attrs)) {
    return tag;
  }
  // The wasm URL: relative to this script, not to the page.
  let wasmUrls = 0;
  for (const wasm of wasmFiles) {
    const literal = new RegExp(`([\`'"])${escapeRegExp(base + wasm)}\\1`, 'g');
    code = code.replace(literal, (_, quote) => (wasmUrls++, `new URL(${quote}${wasm}${quote},import.meta.url)`));
  }
  if (wasmUrls !== 1) {
    fail(`expected the start script to name one .wasm file as ${base}NAME, found ${wasmUrls}:\n${code}`);
  }
  bindings = /from\s*["'`](\.\/[^"'`]+\.js)["'`]/.exec(code)?.[1];
  // Trunk's `import init, * as bindings from "./web-….js"` becomes an
  // import after the first frame: the page's first view (5.) is drawn
  // before the app's code and WebAssembly start to download.
  let imports = 0;
  code = code.replace(/^\s*import\s*init\s*,\s*\*\s*as\s*bindings\s*from\s*(["'`][^"'`]+["'`])\s*;?/, (_, from) => {
    imports++;
    return (
      '// The first view is drawn first: the frame after the next has begun (or a\n' +
      '// second has passed, where frames are not drawn: a hidden tab).\n' +
      'await new Promise((drawn) => {\n' +
      '  requestAnimationFrame(() => requestAnimationFrame(drawn));\n' +
      '  setTimeout(drawn, 1000);\n' +
      '});\n' +
      `const bindings = await import(${from});\nconst init = bindings.default;\n`
    );
  });
  if (imports !== 1) {
    fail(`expected the start script to begin with \`import init, * as bindings from "…"\`:\n${code}`);
  }
  const body = `${code.trim()}\n`;
  const name = `start-${digest('sha256', body).toString('hex').slice(0, 16)}.js`;
  writeFileSync(join(stage, name), body);
  const integrity = `sha384-${digest('sha384', body).toString('base64')}`;
  moved += 1;
  return `<script type="module" src="${base}${name}" integrity="${integrity}"></script>`;
});
// Nothing of the app is fetched before the first view is drawn: no
// preloads of its code and WebAssembly (the start script fetches them).
let preloads = 0;
html = html.replace(/<link\b[^>]*\brel=["']?(?:modulepreload|preload)\b[^>]*>/gi, () => (preloads++, ''));
if (preloads !== 2) {
  fail(`expected Trunk's two preloads (the bindings and the WebAssembly), found ${preloads}`);
}
// Trunk copies `data-integrity="none"` (index.html: no integrity on the icon
// and the stylesheet) onto the output tags, where it means nothing.
html = html.replace(/\s+data-integrity=(?:"none"|'none'|none)(?=[\s/>])/gi, '');
if (moved === 0) {
  fail('index.html has no inline <script type="module"> to move: has Trunk changed how it starts the app?');
}

// ---- 4. the back room ------------------------------------------------------------
if (!bindings || wasmFiles.length !== 1) {
  fail(`the start script should import the app's bindings (./NAME.js) and there should be one .wasm file: ${bindings}, ${wasmFiles}`);
}
const worker = [
  '// The back room (crates/web/src/worker.rs): the same WebAssembly as the page,',
  '// started in a Web Worker; its main() answers the page\'s requests.',
  `import init from ${JSON.stringify(bindings)};`,
  `await init({ module_or_path: new URL(${JSON.stringify(wasmFiles[0])}, import.meta.url) });`,
  '',
].join('\n');
const workerName = `worker-${digest('sha256', worker).toString('hex').slice(0, 16)}.js`;
writeFileSync(join(stage, workerName), worker);
html = html.replace(/<\/head>/i, `<meta name="espresso-worker" content="${base}${workerName}"></head>`);

// ---- 5. the first view ------------------------------------------------------------
// Inside a wrapper that lays out as if it were not there (`display:
// contents`) and is inert: its controls are pictures of the app's until the
// app replaces them with its own.
let firstView;
try {
  firstView = execFileSync('cargo', ['run', '--quiet', '--offline', '-p', 'espresso-web', '--bin', 'first-view'], {
    cwd: process.env.TRUNK_SOURCE_DIR ?? process.cwd(),
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
    maxBuffer: 16 * 1024 * 1024,
  });
} catch (error) {
  fail(`the first view could not be rendered (cargo run -p espresso-web --bin first-view): ${error.message}`);
}
let bodies = 0;
html = html.replace(/<body\b[^>]*>/i, (tag) => (bodies++, `${tag}<div class="first-view" inert>${firstView}</div>`));
if (bodies !== 1) {
  fail('index.html has no <body> tag to put the first view in');
}
writeFileSync(indexPath, html);

function escapeRegExp(text) {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

// ---- 2. nothing inline is left -------------------------------------------------
const refused = [];
for (const [, attrs, code] of html.matchAll(SCRIPT)) {
  if (!attr(attrs, 'src') && code.trim() !== '' && !code.includes('{{__TRUNK_ADDRESS__}}')) {
    refused.push(`an inline <script${attrs}>`);
  }
}
if (/<style\b/i.test(html)) {
  refused.push('a <style> element');
}
for (const [tag] of html.replaceAll(SCRIPT, '').matchAll(/<[a-z][^>]*>/gi)) {
  if (/\sstyle\s*=/i.test(tag)) refused.push(`a style attribute: ${tag}`);
  if (/\son[a-z]+\s*=/i.test(tag)) refused.push(`an event-handler attribute: ${tag}`);
  if (/\s(?:href|src|srcset)\s*=\s*["']?\s*(?:data|javascript):/i.test(tag)) refused.push(`a data:/javascript: URL: ${tag}`);
}
if (refused.length > 0) {
  fail(`index.html has what a strict Content-Security-Policy refuses:\n  - ${refused.join('\n  - ')}`);
}

// ---- 3. the service worker learns the shell and the build ----------------------
// The shell is the whole built site: index.html (as the folder, './') and
// every file next to it, except the worker itself.
const files = readdirSync(stage)
  .filter((f) => !f.startsWith('.') && f !== 'sw.js' && f !== 'index.html' && statSync(join(stage, f)).isFile())
  .sort();
const build = createHash('sha256');
for (const f of ['index.html', ...files]) {
  build.update(f).update('\0').update(readFileSync(join(stage, f))).update('\0');
}
const buildId = build.digest('hex').slice(0, 16);
const shell = ['./', ...files.map((f) => `./${f}`)];

const swPath = join(stage, 'sw.js');
let sw;
try {
  sw = readFileSync(swPath, 'utf8');
} catch {
  fail('sw.js is missing from the build: index.html must copy static/sw.js (<link data-trunk rel="copy-file" …>)');
}
let stamped = 0;
sw = sw
  .replace(/^const BUILD_ID = .*;$/m, () => (stamped++, `const BUILD_ID = ${JSON.stringify(buildId)};`))
  .replace(/^const SHELL = .*;$/m, () => (stamped++, `const SHELL = ${JSON.stringify(shell)};`));
if (stamped !== 2) {
  fail('sw.js has no `const BUILD_ID = …;` and `const SHELL = …;` lines to fill in');
}
writeFileSync(swPath, sw);

console.log(`post-build: moved the start script out of index.html; sw.js: build ${buildId}, ${shell.length} files`);
