// Shared by the browser benchmarks: dist/ served on 127.0.0.1, and Debian's
// Chromium with the flags this closed network needs.
import { spawn } from 'node:child_process';
import { chromium } from 'playwright-core';

/** Serves dist/ on `port`; returns the base URL and a function that stops it. */
export async function serveDist(port) {
  const server = spawn('node', ['tests/e2e/serve.mjs', 'dist', String(port)], { stdio: 'ignore' });
  await new Promise((r) => setTimeout(r, 500));
  return { base: `http://127.0.0.1:${port}`, stop: () => server.kill() };
}

/** Launches headless Chromium (never a downloaded browser). */
export function launchChromium() {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}
