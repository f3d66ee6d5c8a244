// Playwright end-to-end tests: run against the release build in dist/
// (`trunk build --release`), served on 127.0.0.1 by tests/e2e/serve.mjs, in
// Debian's Chromium. Playwright never downloads a browser here.
//
// Beside the plain host, tests/e2e/hosts.mjs names the others the app must
// work on: a strict CSP, a sub-path, and a blog on another origin that embeds
// it in a sandboxed iframe; each is one more serve.mjs on the next port.
import { defineConfig } from '@playwright/test';
import { HOSTS } from './tests/e2e/hosts.mjs';

const baseURL = HOSTS.plain.url.replace(/\/$/, '');

export default defineConfig({
  testDir: 'tests/e2e',
  forbidOnly: Boolean(process.env.CI),
  retries: 0,
  workers: 1,
  reporter: 'list',
  timeout: 30_000,
  use: {
    baseURL,
    trace: 'retain-on-failure',
  },
  projects: [
    {
      name: 'chromium',
      use: {
        browserName: 'chromium',
        viewport: { width: 1280, height: 800 },
        launchOptions: {
          executablePath: '/usr/bin/chromium',
          // The background-networking flags keep Chromium from calling out
          // into a closed network at every start.
          args: [
            '--headless',
            '--no-sandbox',
            '--disable-gpu',
            '--disable-quic',
            '--no-first-run',
            '--disable-background-networking',
            '--disable-component-update',
            '--disable-sync',
          ],
        },
      },
    },
  ],
  webServer: Object.values(HOSTS).map(({ port, url, dir = 'dist', args }) => ({
    command: `node tests/e2e/serve.mjs ${dir} ${port} ${args}`.trim(),
    url: `${url}index.html`,
    // Never test against some other server that happens to hold the port.
    reuseExistingServer: false,
    timeout: 30_000,
  })),
});
