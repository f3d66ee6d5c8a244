// A teacher opens the café once at school, then shows it in a room without
// network: the service worker serves the whole app from its cache. Served
// from a sub-path (/espresso/) under the strict CSP, the worker's scope is
// that folder.
import { expect, test } from '@playwright/test';
import { HOSTS } from './hosts.mjs';
import { collectErrors, openPlayground, playButton } from './helpers.mjs';

/** Waits until a service worker is active and controls the page; returns its scope. */
async function waitForServiceWorker(page) {
  return page.evaluate(async () => {
    const registration = await navigator.serviceWorker.ready;
    if (!navigator.serviceWorker.controller) {
      await new Promise((done) => navigator.serviceWorker.addEventListener('controllerchange', done, { once: true }));
    }
    return registration.scope;
  });
}

test('after one visit, the app opens and plays with the network off', async ({ page, context }) => {
  const errors = collectErrors(page);

  await openPlayground(page, `${HOSTS.subpath.url}?preset=karen`);
  expect(await waitForServiceWorker(page), 'the worker covers the folder').toBe(HOSTS.subpath.url);

  await context.setOffline(true);
  expect(
    await page.evaluate(() => fetch('./not-in-the-shell.txt').then(() => 'reached', () => 'offline')),
    'the network is off',
  ).toBe('offline');

  // The worker asks the network first (and finds it off), then answers from its cache.
  const workerFailures = [];
  context.on('requestfailed', (request) => {
    if (request.serviceWorker()) workerFailures.push(`${request.url()} ${request.failure()?.errorText}`);
  });
  const response = await page.reload();
  expect(response.fromServiceWorker(), 'the page came from the worker').toBe(true);
  // (The app keeps its link current, so the query may have grown.)
  const pageFailures = workerFailures.filter((f) => f.startsWith(`${HOSTS.subpath.url}?`));
  expect(pageFailures, 'the worker tried the network for the page').toHaveLength(1);
  expect(pageFailures[0]).toMatch(/preset=karen\S* net::ERR_INTERNET_DISCONNECTED$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Async Espresso');
  await expect(page.locator('.transport .clock')).toHaveText(/^0 ms \//);
  await expect(page.getByTestId('results-table').locator('tbody tr')).toHaveCount(4);
  await playButton(page).click();
  await expect(page.locator('.transport .clock')).not.toHaveText(/^0 ms \//);
  await playButton(page).click();

  // Another link to the same page works too: the query is the app's business.
  await page.goto(`${HOSTS.subpath.url}?preset=morning-rush&strategy=join`);
  await expect(page.locator('.transport .clock')).toHaveText(/^0 ms \//);

  await context.setOffline(false);
  // Offline, only the failed probe above may have complained.
  expect(errors.filter((e) => !e.includes('not-in-the-shell.txt'))).toEqual([]);
});

test("a build's worker caches its whole shell and deletes older builds' caches", async ({ page }) => {
  // A cache left by an earlier build, made from a page of the same origin
  // outside the app (a 404) before the app's worker exists.
  await page.goto(new URL('/not-the-app', HOSTS.subpath.url).href);
  await page.evaluate(async () => {
    await (await caches.open('async-espresso-0123456789abcdef')).put('/espresso/old.js', new Response('old'));
  });

  await page.goto(HOSTS.subpath.url);
  await waitForServiceWorker(page);

  const { names, cached, shell } = await page.evaluate(async () => {
    const names = (await caches.keys()).filter((n) => n.startsWith('async-espresso-'));
    const cache = await caches.open(names[0]);
    const cached = (await cache.keys()).map((r) => r.url).sort();
    // What the page itself loaded: index.html, scripts, stylesheet, wasm, icon.
    const shell = [
      location.href.split('?')[0],
      ...[...document.querySelectorAll('script[src], link[href]')].map((e) => e.src || e.href),
    ];
    return { names, cached, shell: [...new Set(shell)].sort() };
  });
  expect(names, 'one cache, of this build').toHaveLength(1);
  expect(names[0]).toMatch(/^async-espresso-[0-9a-f]{16}$/);
  expect(cached).toEqual(expect.arrayContaining(shell));
  expect(cached.some((url) => url.endsWith('.wasm'))).toBe(true);
});
