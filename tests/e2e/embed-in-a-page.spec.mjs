// A blogger embeds the café in a post with README's snippet: an
// <iframe sandbox="allow-scripts"> on another origin. Inside the frame (an
// opaque origin: no storage, no cookies, every file cross-origin) the reader
// plays and steps through the run. The app's host sends exactly what README
// asks: the strict CSP, and `Access-Control-Allow-Origin: *` on .js and .wasm.
import { expect, test } from '@playwright/test';
import { HOSTS } from './hosts.mjs';
import { readDuration } from './engine.mjs';
import { collectErrors } from './helpers.mjs';

const FRAME = 'iframe[title="Async Espresso"]';

/** The clock's current time ("620 ms / 15.3 s") in ms. */
const parseClock = (text) => readDuration(text.split('/')[0])[0];

test('in a sandboxed frame on another origin, the reader plays and steps through the run', async ({ page }) => {
  const errors = collectErrors(page);

  await page.goto(HOSTS.blog.url);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Why one barista is enough');
  const app = page.frameLocator(FRAME);
  const clock = app.locator('.transport .clock');
  const play = app.locator('.transport button.play');
  await expect(clock).toHaveText(/^0 ms \//);

  // It really is sandboxed: an opaque origin, without storage.
  const frame = page.frame({ url: (url) => url.href.startsWith(HOSTS.strict.url) });
  expect(frame, 'the app frame').not.toBeNull();
  expect(await frame.evaluate(() => origin)).toBe('null');
  expect(await frame.evaluate(() => {
    try {
      return typeof localStorage.length;
    } catch (e) {
      return e.name;
    }
  })).toBe('SecurityError');

  // Styled: the stylesheet came through too.
  expect(await frame.evaluate(() => document.styleSheets.length)).toBeGreaterThan(0);

  // Play: the clock moves; pause.
  await expect(play).toHaveText('▶ Play');
  await play.click();
  await expect(play).toHaveText('❚❚ Pause');
  await expect(clock).not.toHaveText(/^0 ms \//);
  await play.click();
  await expect(play).toHaveText('▶ Play');

  // Step to the next event: the clock moves forward. The clock shows whole
  // milliseconds, and the next event may be less than one away from where
  // the pause landed (600.2 ms → 600.9 ms both read "600 ms"), so step until
  // the reading changes: a few steps, never a step backwards.
  const before = parseClock(await clock.innerText());
  const step = app.locator('.transport button', { hasText: 'Step ▸' });
  const reading = async () => parseClock(await clock.innerText());
  for (let tries = 0; tries < 5 && (await reading()) === before; tries++) {
    await step.click();
    await expect.poll(reading, { timeout: 1000 }).toBeGreaterThanOrEqual(before);
  }
  expect(await reading()).toBeGreaterThan(before);

  expect(errors).toEqual([]);
});

test('from a host without CORS headers the fully sandboxed frame cannot start, says so and links to the café', async ({ page }) => {
  const errors = collectErrors(page);

  await page.goto(`${HOSTS.blog.url}no-cors.html`);
  await expect
    .poll(() => errors.join('\n'))
    .toMatch(/Access to script at '[^']*\.js' from origin 'null' has been blocked by CORS policy: No 'Access-Control-Allow-Origin' header/);
  const app = page.frameLocator(FRAME);
  // No app: only index.html's first view, hidden for a link to another café.
  await expect(app.locator('.transport')).toBeHidden();
  await expect(app.locator('.first-view')).toBeHidden();
  // index.html's own message, readable without the app or its scripts.
  await expect(app.getByRole('alert')).toContainText('The café has not started.');
  const open = app.getByRole('link', { name: 'Open the café in a new tab' });
  await expect(open).toBeVisible();
  await expect(open).toHaveAttribute('target', '_blank');
  // href="" is the frame's own link, query and all.
  const href = await open.evaluate((a) => a.href);
  expect(href).toBe(`${HOSTS.plain.url}?preset=karen&embed=1`);
  // A click opens it, outside the sandbox, where it starts.
  const [tab] = await Promise.all([page.context().waitForEvent('page'), open.click()]);
  await tab.waitForLoadState();
  expect(tab.url()).toBe(`${HOSTS.plain.url}?preset=karen&embed=1`);
});
