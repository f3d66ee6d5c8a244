// The café is on screen before the WebAssembly arrives: index.html holds the
// page at t = 0 for the default café (the switch, the transport, the café's
// first frame, the event loop and the code), and the app takes it over,
// keeping its nodes, without moving anything (no layout shift). A link to another café shows
// its own once the app starts, never the default one first.
import { expect, test } from '@playwright/test';
import { collectErrors, openPlayground } from './helpers.mjs';

/** Nodes of the first view the app keeps: static text, and panels' content it would write the same. */
const KEPT = ['.masthead h1', 'section.loop > :first-child', '#code-lines > :first-child', '#headline > :first-child'];

const STAGE = ['fieldset.switch', '.transport', '#scene-canvas', '#scrub', '.masthead', 'section.loop', '.code-panel'];

/** Each stage element's box (rounded CSS px), or null where it is missing. */
function boxes(page) {
  return page.evaluate((selectors) => selectors.map((s) => {
    const r = document.querySelector(s)?.getBoundingClientRect();
    return r ? [s, Math.round(r.x), Math.round(r.y), Math.round(r.width), Math.round(r.height)] : [s, null];
  }), STAGE);
}

for (const viewport of [{ width: 390, height: 844 }, { width: 1440, height: 900 }]) {
  test(`at ${viewport.width} px the first view is the app's first frame, and nothing moves when the app starts`, async ({ page }) => {
    await page.setViewportSize(viewport);
    // Without the WebAssembly: only the HTML and the stylesheet.
    await page.route(/\.wasm$/, (route) => route.abort());
    await page.goto('/');
    await expect(page.getByRole('radio', { name: 'Blocking' })).toBeChecked();
    await expect(page.locator('.transport button.play')).toHaveText('▶ Play');
    await expect(page.locator('#clock')).toContainText('0 ms / ');
    const picture = page.locator(`#scene-picture svg.${viewport.width < 600 ? 'portrait' : 'landscape'}`);
    await expect(picture).toBeVisible();
    await expect(picture.locator('text', { hasText: 'Latte, Ada?' })).toHaveCount(1);
    await expect(page.locator('#scene-picture svg:visible')).toHaveCount(1);
    await expect(page.locator('.code-line.current')).toContainText('handleOrder');
    // Nothing in it works before the app: it is inert.
    await expect(page.locator('.first-view')).toHaveAttribute('inert', '');
    const before = await boxes(page);
    expect(before.every(([, x]) => x !== null)).toBe(true);

    // With it: the same boxes, the café painted, no layout shift.
    await page.unroute(/\.wasm$/);
    const errors = collectErrors(page);
    await page.addInitScript((kept) => {
      // The first view's own nodes, to see that the app keeps them.
      document.addEventListener('DOMContentLoaded', () => {
        window.__kept = kept.map((s) => document.querySelector(s));
      });
      window.__shifts = 0;
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) if (!e.hadRecentInput) window.__shifts += e.value;
      }).observe({ type: 'layout-shift', buffered: true });
    }, KEPT);
    await openPlayground(page, '/');
    await expect(page.locator('.first-view')).toHaveCount(0);
    await expect(page.locator('#scene-picture')).toBeEmpty();
    // The app took the first view over: the same nodes, working (no longer
    // inert), and the note for a page that does not start is gone.
    expect(
      await page.evaluate((kept) => window.__kept.map((n, i) => n !== null && n === document.querySelector(kept[i])), KEPT),
    ).toEqual(KEPT.map(() => true));
    await expect(page.locator('[inert]')).toHaveCount(0);
    await expect(page.locator('.boot-fallback')).toHaveCount(0);
    expect(await boxes(page)).toEqual(before);
    await page.waitForTimeout(300);
    expect(await page.evaluate(() => window.__shifts)).toBe(0);
    expect(errors).toEqual([]);
  });
}

test('a link to another café never shows the default one first', async ({ page }) => {
  await page.route(/\.wasm$/, (route) => route.abort());
  await page.goto('/?preset=karen&strategy=join');
  await expect(page.locator('.first-view')).toBeHidden();
  await page.unroute(/\.wasm$/);
  await openPlayground(page, '/?preset=karen&strategy=join');
  await expect(page.getByRole('radio', { name: 'Parallel join' })).toBeChecked();
});
