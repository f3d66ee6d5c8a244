// A tiny static file server for the end-to-end tests: serves a folder
// (dist/ by default) on 127.0.0.1 with the right MIME types, application/wasm
// included, so that WebAssembly.instantiateStreaming works.
//
//   node tests/e2e/serve.mjs [DIR] [PORT] [OPTIONS]
//
// With no options it is a plain host. The options make it the other hosts
// the app must work on (README, "Embedding"):
//
//   --base PATH       serve DIR under PATH (e.g. /espresso/) and nothing else;
//                     PATH without its final slash redirects to PATH, as
//                     static hosts do
//   --csp             send the strict Content-Security-Policy (STRICT_CSP) with
//                     every response
//   --cors EXT,EXT    send `Access-Control-Allow-Origin: *` with the files of
//                     these extensions (js,wasm), or with every file (all)
//   --fill KEY=VALUE  in .html files, replace {{KEY}} by VALUE (repeatable)
//   --gzip            compress text and wasm with gzip for clients that accept
//                     it, as static hosts do (the benchmarks measure that)
import { createReadStream, existsSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { createServer } from 'node:http';
import { extname, join, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { parseArgs } from 'node:util';

/** The policy the site must work under (README, "Embedding"). */
export const STRICT_CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'";

const MIME_TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.woff2': 'font/woff2',
};

/** What --gzip compresses (what static hosts compress). */
const COMPRESSED = new Set(['.html', '.js', '.mjs', '.css', '.wasm', '.json', '.svg', '.txt']);

/** Starts serving; returns the node:http server once it listens. */
export function serve({ dir = 'dist', port = 4173, host = '127.0.0.1', base = '/', csp = false, cors = [], fill = {}, gzip = false } = {}) {
  const root = resolve(dir);
  if (!existsSync(join(root, 'index.html'))) {
    throw new Error(`serve.mjs: ${root}/index.html is missing: run \`trunk build --release\` first`);
  }
  const prefix = base.endsWith('/') ? base : `${base}/`;
  const corsFor = (file) => cors.includes('all') || cors.includes(extname(file).slice(1));

  /** Maps a URL path under `prefix` to a file under `root`, or null. */
  function fileFor(urlPath) {
    if (!urlPath.startsWith(prefix)) {
      return null;
    }
    const path = decodeURIComponent(urlPath.slice(prefix.length - 1));
    const file = resolve(join(root, path.endsWith('/') ? `${path}index.html` : path));
    return file === root || file.startsWith(root + sep) ? file : null;
  }

  const server = createServer(async (request, response) => {
    const [urlPath, query] = (request.url ?? '/').split(/\?(.*)/s);
    const common = csp ? { 'content-security-policy': STRICT_CSP } : {};
    if (prefix !== '/' && `${urlPath}/` === prefix) {
      response.writeHead(301, { ...common, location: `${prefix}${query === undefined ? '' : `?${query}`}` });
      response.end();
      return;
    }
    let file = null;
    try {
      file = fileFor(urlPath);
    } catch {
      // A malformed %-escape: treat as not found.
    }
    const info = file && (await stat(file).catch(() => null));
    if (!info || !info.isFile()) {
      response.writeHead(404, { ...common, 'content-type': 'text/plain; charset=utf-8' });
      response.end(`not found: ${request.url}\n`);
      return;
    }
    const headers = {
      ...common,
      'content-type': MIME_TYPES[extname(file)] ?? 'application/octet-stream',
      'cache-control': 'no-store',
      ...(corsFor(file) ? { 'access-control-allow-origin': '*' } : {}),
    };
    if (extname(file) === '.html' && Object.keys(fill).length > 0) {
      let text = await readFile(file, 'utf8');
      for (const [key, value] of Object.entries(fill)) {
        text = text.replaceAll(`{{${key}}}`, value);
      }
      const body = Buffer.from(text);
      response.writeHead(200, { ...headers, 'content-length': body.length });
      response.end(request.method === 'HEAD' ? undefined : body);
      return;
    }
    if (gzip && COMPRESSED.has(extname(file)) && /\bgzip\b/.test(request.headers['accept-encoding'] ?? '')) {
      const body = gzipSync(await readFile(file), { level: 9 });
      response.writeHead(200, { ...headers, 'content-encoding': 'gzip', vary: 'accept-encoding', 'content-length': body.length });
      response.end(request.method === 'HEAD' ? undefined : body);
      return;
    }
    response.writeHead(200, { ...headers, 'content-length': info.size });
    if (request.method === 'HEAD') {
      response.end();
    } else {
      createReadStream(file).pipe(response);
    }
  });
  return new Promise((listening) => server.listen(port, host, () => listening(server)));
}

// ---- the command line ----------------------------------------------------------

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      base: { type: 'string', default: '/' },
      csp: { type: 'boolean', default: false },
      cors: { type: 'string', default: '' },
      fill: { type: 'string', multiple: true, default: [] },
      gzip: { type: 'boolean', default: false },
    },
  });
  const options = {
    dir: positionals[0] ?? 'dist',
    port: Number(positionals[1] ?? 4173),
    base: values.base,
    csp: values.csp,
    cors: values.cors.split(',').filter(Boolean),
    fill: Object.fromEntries(values.fill.map((pair) => pair.split(/=(.*)/s).slice(0, 2))),
    gzip: values.gzip,
  };
  let server;
  try {
    server = await serve(options);
  } catch (error) {
    console.error(error.message);
    process.exit(1);
  }
  const extras = [
    options.csp && 'strict CSP',
    options.cors.length > 0 && `CORS on ${options.cors.join(',')}`,
    options.gzip && 'gzip',
  ].filter(Boolean);
  console.log(
    `serving ${resolve(options.dir)} at http://127.0.0.1:${options.port}${options.base}${extras.length ? ` (${extras.join('; ')})` : ''}`,
  );
  for (const signal of ['SIGINT', 'SIGTERM']) {
    process.on(signal, () => server.close(() => process.exit(0)));
  }
}
