// A post drives its embedded café through embed.js and the versioned
// postMessage API (README, "Fitting the frame and talking to it"): the frame fits its
// content, obeys its parent, reports back, and ignores whatever else comes
// (wrong types, huge numbers, markup, unknown commands, another frame) with
// one console warning per message, changing nothing and raising no error.
// The app and the post are on two origins, from servers without extra headers.
import { expect, test } from '@playwright/test';
import { HOSTS } from './hosts.mjs';
import { collectErrors } from './helpers.mjs';

/** Opens the post at `width`; returns the café's frame once it has said `ready`. */
async function openPost(page, width = 700) {
  await page.setViewportSize({ width, height: 800 });
  // What the café tells the post, as the post sees it (embed.js passes each
  // message on as an `espresso` event of the frame element).
  await page.addInitScript(() => {
    window.heard = [];
    document.addEventListener('espresso', (e) => window.heard.push(e.detail), true);
  });
  await page.goto(`${HOSTS.blog.url}api.html`);
  await expect.poll(() => page.evaluate(() => window.heard.some((m) => m.event === 'height'))).toBe(true);
  const frame = page.frame({ url: (url) => url.href.startsWith(HOSTS.plain.url) });
  await expect(page.frameLocator('#cafe').locator('.transport .clock')).toHaveText(/^0 ms \//);
  return frame;
}

const last = (page, event) =>
  page.evaluate((e) => window.heard.filter((m) => m.event === e).at(-1) ?? null, event);

for (const width of [700, 390]) {
  test(`embed.js fits the frame to its content at ${width} px`, async ({ page }) => {
    const errors = collectErrors(page);
    const frame = await openPost(page, width);
    const fits = () =>
      frame.evaluate(() => ({
        inner: innerHeight,
        content: document.documentElement.scrollHeight,
      }));
    await expect.poll(async () => {
      const { inner, content } = await fits();
      return inner >= content && inner - content < 4;
    }).toBe(true);
    const box = await page.locator('#cafe').boundingBox();
    expect(box.height).toBeGreaterThan(400);
    expect(errors).toEqual([]);
  });
}

test('the post plays, pauses, seeks, switches and follows; the café reports back', async ({ page }) => {
  const errors = collectErrors(page);
  const frame = await openPost(page);
  const app = page.frameLocator('#cafe');
  const clock = app.locator('.transport .clock');
  const cafe = page.locator('#cafe');
  const call = (name, ...args) =>
    page.evaluate(([n, a]) => window.AsyncEspresso[n](document.getElementById('cafe'), ...a), [name, args]);

  await call('seek', 1500);
  await expect(clock).toHaveText(/^1500 ms \//);
  await expect.poll(async () => (await last(page, 'time'))?.t).toBe(1500);

  await call('strategy', 'join');
  await expect(app.locator('#strategy-join')).toBeChecked();
  await expect.poll(async () => (await last(page, 'time'))?.strategy).toBe('join');

  await call('follow', 2);
  await expect.poll(async () => (await last(page, 'time'))?.customer).toBe(2);

  await call('play');
  await expect(app.locator('.transport button.play')).toHaveText('❚❚ Pause');
  await expect.poll(async () => (await last(page, 'time'))?.t).toBeGreaterThan(1500);
  await call('pause');
  await expect(app.locator('.transport button.play')).toHaveText('▶ Play');
  await expect.poll(async () => (await last(page, 'time'))?.playing).toBe(false);

  // To the end: the café says so.
  const { duration } = await last(page, 'time');
  await call('seek', duration - 50);
  await call('play');
  await expect.poll(async () => (await last(page, 'ended'))?.t).toBe(duration);

  await call('preset', 'black-friday');
  await expect.poll(async () => (await last(page, 'time'))?.preset).toBe('black-friday');
  await expect(clock).toHaveText(/^0 ms \//);

  expect(await cafe.getAttribute('height')).toBe('300');
  expect(errors).toEqual([]);
  expect(frame.isDetached()).toBe(false);
});

test('hostile messages change nothing, inject nothing and raise no error; each gets one warning', async ({ page }) => {
  const errors = collectErrors(page);
  const warnings = [];
  // (Chromium's own warning about the sandbox's two flags is not ours.)
  page.on('console', (m) => m.type() === 'warning' && m.text().startsWith('Async Espresso:') && warnings.push(m.text()));
  const frame = await openPost(page);
  const app = page.frameLocator('#cafe');
  const state = () =>
    frame.evaluate(() => ({
      clock: document.querySelector('.transport .clock').textContent,
      play: document.querySelector('.transport button.play').textContent,
      strategy: document.querySelector('input[name=strategy]:checked')?.id,
      bar: document.querySelector('.embed-bar').textContent,
      images: document.querySelectorAll('img, script:not([src]), iframe').length,
      markup: document.body.innerHTML.includes('hacked'),
    }));
  const before = await state();

  const bad = [
    [{ espresso: 2, command: 'play' }, 'espresso'],
    [{ espresso: '1', command: 'play' }, 'espresso'],
    [{ espresso: 1 }, 'command'],
    [{ espresso: 1, command: 42 }, 'command'],
    [{ espresso: 1, command: 'eval', code: 'alert(1)' }, 'command'],
    [{ espresso: 1, command: '<img src=x onerror=hacked()>' }, 'command'],
    [{ espresso: 1, command: 'seek', t: '1500' }, 't'],
    [{ espresso: 1, command: 'seek', t: 1e308 }, 't'],
    [{ espresso: 1, command: 'seek', t: -5 }, 't'],
    [{ espresso: 1, command: 'seek', t: null }, 't'],
    [{ espresso: 1, command: 'strategy', strategy: '<b>hacked</b>' }, 'strategy'],
    [{ espresso: 1, command: 'strategy', strategy: ['join'] }, 'strategy'],
    [{ espresso: 1, command: 'preset', preset: '../../etc/passwd' }, 'preset'],
    [{ espresso: 1, command: 'follow', customer: 1e9 }, 'customer'],
    [{ espresso: 1, command: 'follow', customer: 1.5 }, 'customer'],
    [{ espresso: 1, command: 'follow', customer: { valueOf: 1 } }, 'customer'],
  ];
  await page.evaluate((messages) => {
    const cafe = document.getElementById('cafe').contentWindow;
    for (const [m] of messages) cafe.postMessage(m, '*');
    // Not ours at all: ignored without a word.
    cafe.postMessage('play', '*');
    cafe.postMessage({ command: 'play' }, '*');
    cafe.postMessage(null, '*');
  }, bad);
  // A well-formed command from a frame that is not the café's parent.
  await page.frame({ url: (url) => url.href.endsWith('sibling.html') }).evaluate(() => {
    parent.document.getElementById('cafe').contentWindow.postMessage({ espresso: 1, command: 'play' }, '*');
    parent.document.getElementById('cafe').contentWindow.postMessage({ espresso: 1, command: 'seek', t: 900 }, '*');
  });

  await expect.poll(() => warnings.length).toBe(bad.length + 2);
  await page.waitForTimeout(300);
  expect(warnings).toHaveLength(bad.length + 2);
  bad.forEach(([, field], i) => expect(warnings[i]).toContain(`field "${field}"`));
  expect(warnings.slice(bad.length).every((w) => w.includes('field "source"'))).toBe(true);
  expect(await state()).toEqual(before);
  await expect(app.locator('.transport .clock')).toHaveText(/^0 ms \//);
  expect(errors).toEqual([]);
});
