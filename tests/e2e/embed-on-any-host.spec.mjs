// A blogger opens the Embed dialog, copies the snippet and pastes it into a
// post on another origin (tests/e2e/blog/paste.html, a plain static server).
// The dialog has checked how the app is served and written the snippet that
// works there: fully sandboxed where the app's files carry
// `Access-Control-Allow-Origin`, else a frame that keeps the app's own
// origin and needs no header. Either way the reader plays the café.
import { expect, test } from '@playwright/test';
import { HOSTS } from './hosts.mjs';
import { readDuration } from './engine.mjs';
import { collectErrors } from './helpers.mjs';

/** Opens the app at `appUrl`, the Embed dialog, and copies its snippet. */
async function copySnippet(page, context, appUrl, choose = async () => {}) {
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(appUrl).origin });
  await page.goto(`${appUrl}?preset=karen`);
  await page.getByRole('button', { name: 'Embed', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Embed in a page' });
  const advice = dialog.locator('#embed-host');
  await expect(advice).not.toHaveText(/Checking/);
  await choose(dialog);
  await dialog.getByRole('button', { name: 'Copy HTML' }).click();
  await expect(dialog.locator('#embed-status')).toHaveText('Copied.');
  const snippet = await page.evaluate(() => navigator.clipboard.readText());
  expect(snippet).toBe(await dialog.getByLabel('HTML').inputValue());
  return { snippet, advice: await advice.innerText() };
}

/** Pastes `snippet` into the blog's post; returns the frame once its café is up. */
async function paste(page, snippet) {
  await page.goto(`${HOSTS.blog.url}paste.html#${encodeURIComponent(snippet)}`);
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  const app = page.frameLocator('#pasted iframe');
  await expect(app.locator('#playground')).toBeVisible();
  return app;
}

/** Plays the café in the frame: the clock moves. */
async function playsIn(app) {
  await expect(app.locator('.transport .clock')).toHaveText(/^0 ms \//);
  const play = app.locator('.transport button.play');
  await play.click();
  await expect(play).toHaveText('❚❚ Pause');
  await expect
    .poll(async () => readDuration((await app.locator('.transport .clock').innerText()).split('/')[0])[0])
    .toBeGreaterThan(0);
  await play.click();
  await expect(play).toHaveText('▶ Play');
}

test('from a host without CORS headers the copied snippet keeps the app origin and plays in the post', async ({ page, context }) => {
  const errors = collectErrors(page);
  const { snippet, advice } = await copySnippet(page, context, HOSTS.plain.url);
  expect(advice).toContain('sends no Access-Control-Allow-Origin header');
  expect(advice).toContain("your blog's host needs to do nothing");
  expect(advice).toContain(`do not paste it into a page on ${new URL(HOSTS.plain.url).origin} itself`);
  // The optional host script, named with its address.
  await expect(page.locator('#embed-fit')).toContainText(`<script src="${HOSTS.plain.url}embed.js" defer></script>`);
  expect(snippet).toMatch(/^<iframe src="http:\/\/127\.0\.0\.1:\d+\/\?[^"]*embed=1[^"]*" title="Async Espresso: [^"]+" width="100%" height="\d+" loading="lazy" sandbox="allow-scripts allow-same-origin allow-popups allow-popups-to-escape-sandbox"/);

  const app = await paste(page, snippet);
  await playsIn(app);
  // The frame has the app's origin, not the post's: it cannot reach the post.
  const frame = page.frame({ url: (url) => url.href.startsWith(HOSTS.plain.url) });
  expect(await frame.evaluate(() => origin)).toBe(new URL(HOSTS.plain.url).origin);
  expect(await frame.evaluate(() => {
    try {
      return parent.document.title;
    } catch (e) {
      return e.name;
    }
  })).toBe('SecurityError');
  expect(errors).toEqual([]);
});

test('from a host that sends the CORS header the copied snippet is fully sandboxed and plays in the post', async ({ page, context }) => {
  const errors = collectErrors(page);
  const { snippet, advice } = await copySnippet(page, context, HOSTS.strict.url);
  expect(advice).toContain('sends Access-Control-Allow-Origin');
  expect(advice).toContain('Neither your blog');
  expect(snippet).toMatch(/ sandbox="allow-scripts allow-popups allow-popups-to-escape-sandbox" /);

  const app = await paste(page, snippet);
  await playsIn(app);
  const frame = page.frame({ url: (url) => url.href.startsWith(HOSTS.strict.url) });
  expect(await frame.evaluate(() => origin)).toBe('null');
  expect(errors).toEqual([]);
});

const PANEL_CHOICES = {
  'the usual panels': async () => {},
  'the timeline and the results instead of the loop and the code': async (dialog) => {
    await dialog.getByLabel('Event loop').uncheck();
    await dialog.getByLabel('Code').uncheck();
    await dialog.getByLabel('Timeline').check();
    await dialog.getByLabel('Results').check();
  },
  'the race alone': async (dialog) => {
    for (const panel of ['The café', 'Time controls', 'Strategy switch', 'Event loop', 'Code']) {
      await dialog.getByLabel(panel, { exact: true }).uncheck();
    }
    await dialog.getByLabel('The race').check();
  },
};

for (const [name, choose] of Object.entries(PANEL_CHOICES)) {
  test(`with ${name}, the copied snippet leaves no scrollbar inside the post at 700 and 390 px, and its text is readable`, async ({ page, context }) => {
    const errors = collectErrors(page);
    const { snippet } = await copySnippet(page, context, HOSTS.plain.url, choose);
    // Every canvas's smallest text, in CSS px, as drawn (in every frame).
    await page.addInitScript(() => {
      window.canvasText = {};
      const fillText = CanvasRenderingContext2D.prototype.fillText;
      CanvasRenderingContext2D.prototype.fillText = function (...args) {
        const px = (parseFloat(/([\d.]+)px/.exec(this.font)[1]) * this.getTransform().a) / devicePixelRatio;
        window.canvasText[this.canvas.id] = Math.min(window.canvasText[this.canvas.id] ?? Infinity, px);
        return fillText.apply(this, args);
      };
    });
    // The post's body has 8 px margins: these viewports give 700 and 390 px frames.
    for (const [viewport, frameWidth] of [[716, 700], [406, 390]]) {
      await page.setViewportSize({ width: viewport, height: 900 });
      const app = await paste(page, snippet);
      const box = await page.locator('#pasted iframe').boundingBox();
      expect(Math.round(box.width)).toBe(frameWidth);
      const frame = page.frame({ url: (url) => url.href.startsWith(HOSTS.plain.url) });
      await expect.poll(() => frame.evaluate(() => Object.keys(window.canvasText).length)).toBeGreaterThan(0);
      await expect(app.locator('canvas').first()).toBeVisible();
      const inside = await frame.evaluate(() => ({
        content: document.documentElement.scrollHeight,
        frame: innerHeight,
        scene: Number(document.getElementById('scene-canvas')?.dataset.textPx ?? Infinity),
        canvases: window.canvasText,
        // The smallest text on the page itself (what is not visually hidden).
        smallest: Math.min(
          ...Array.from(document.querySelectorAll('main *'))
            .filter((e) => !e.closest('.visually-hidden') && e.getClientRects().length > 0)
            .filter((e) => Array.from(e.childNodes).some((n) => n.nodeType === 3 && n.textContent.trim() !== ''))
            .map((e) => parseFloat(getComputedStyle(e).fontSize)),
        ),
      }));
      expect(inside.content, `the page inside the ${frameWidth} px frame fits its height`).toBeLessThanOrEqual(inside.frame);
      if (frameWidth === 700) {
        expect(inside.scene).toBeGreaterThanOrEqual(13);
        expect(inside.smallest).toBeGreaterThanOrEqual(13);
        for (const [canvas, px] of Object.entries(inside.canvases)) {
          expect(px, `the smallest text on #${canvas}`).toBeGreaterThanOrEqual(13);
        }
        expect(Object.keys(inside.canvases).length).toBeGreaterThan(0);
      }
    }
    expect(errors).toEqual([]);
  });
}
