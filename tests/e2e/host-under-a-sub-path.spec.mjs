// A site owner puts dist/ in a folder of their site (here /espresso/, under
// the strict CSP): the app loads from there, with a link's scenario, and asks
// for nothing outside its folder.
import { expect, test } from '@playwright/test';
import { HOSTS } from './hosts.mjs';
import { collectErrors, openPlayground, playButton } from './helpers.mjs';

test('served from /espresso/, the app loads and plays, and every request stays in the folder', async ({ page }) => {
  const errors = collectErrors(page);
  const requests = [];
  page.on('request', (request) => requests.push(request.url()));

  await openPlayground(page, `${HOSTS.subpath.url}?preset=karen`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Async Espresso');
  await expect(page.locator('.transport .clock')).toHaveText(/^0 ms \//);
  await playButton(page).click();
  await expect(page.locator('.transport .clock')).not.toHaveText(/^0 ms \//);
  await playButton(page).click();

  const outside = requests.filter((url) => !url.startsWith(HOSTS.subpath.url));
  expect(outside, 'requests outside /espresso/').toEqual([]);
  expect(requests.some((url) => url.endsWith('.wasm')), 'the wasm came from the folder').toBe(true);
  expect(errors).toEqual([]);
});
