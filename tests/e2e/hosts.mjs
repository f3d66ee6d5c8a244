// The hosts the end-to-end tests serve the built app from (playwright.config.mjs
// starts one tests/e2e/serve.mjs per host), on consecutive ports from E2E_PORT:
//
//   plain    dist/ at the root, no extra headers (most specs)
//   strict   dist/ at the root under the strict Content-Security-Policy,
//            with `Access-Control-Allow-Origin: *` on .js and .wasm only:
//            exactly what README's "Embedding" asks of a host
//   subpath  dist/ under /espresso/, strict CSP, no CORS headers
//   blog     another origin: pages (tests/e2e/blog/) that embed the app in a
//            sandboxed iframe
//   story    another origin: examples/scrollytelling/, the app from `plain`
export { STRICT_CSP } from './serve.mjs';

const port = Number(process.env.E2E_PORT ?? 4173);
const at = (offset, base = '/') => `http://127.0.0.1:${port + offset}${base}`;

export const HOSTS = {
  plain: { port, url: at(0), args: '' },
  strict: { port: port + 1, url: at(1), args: '--csp --cors js,wasm' },
  subpath: { port: port + 2, url: at(2, '/espresso/'), args: '--csp --base /espresso/' },
  blog: {
    port: port + 3,
    url: at(3),
    dir: 'tests/e2e/blog',
    args: `--fill STRICT=${at(1)} --fill PLAIN=${at(0)}`,
  },
  story: { port: port + 4, url: at(4), dir: 'examples/scrollytelling', args: `--fill APP=${at(0)}` },
};
