// A reader scrolls through examples/scrollytelling/ (a post on another
// origin than the app, both from servers without extra headers): as each
// paragraph reaches the middle of the screen, the embedded café shows the
// moment it talks about: Karen arrives, the pour freezes the loop,
// Promise.all fails fast.
import { expect, test } from '@playwright/test';
import { HOSTS } from './hosts.mjs';
import { collectErrors } from './helpers.mjs';

test('scrolling past each paragraph seeks the embedded café to its moment', async ({ page }) => {
  const errors = collectErrors(page);
  await page.setViewportSize({ width: 1280, height: 900 });
  // What the café tells the post.
  await page.addInitScript(() => {
    window.heard = [];
    document.addEventListener('espresso', (e) => window.heard.push(e.detail), true);
  });
  await page.goto(HOSTS.story.url);
  const app = page.frameLocator('#cafe');
  await expect(app.locator('.transport .clock')).toBeVisible();
  await expect.poll(() => page.evaluate(() => window.heard.some((m) => m.event === 'ready'))).toBe(true);
  const latest = () => page.evaluate(() => window.heard.filter((m) => m.event === 'time').at(-1) ?? null);

  const steps = page.locator('.steps [data-t]');
  const count = await steps.count();
  expect(count).toBe(5);
  for (let i = 0; i < count; i++) {
    const step = steps.nth(i);
    const { preset, strategy, t } = await step.evaluate((p) => ({ ...p.dataset }));
    // Scroll with the wheel until the paragraph is the current one.
    for (let turns = 0; turns < 40 && (await step.getAttribute('aria-current')) !== 'step'; turns++) {
      await page.mouse.wheel(0, 120);
      await page.waitForTimeout(50);
    }
    await expect(step).toHaveAttribute('aria-current', 'step');
    await expect
      .poll(async () => {
        const m = await latest();
        return m && [m.preset, m.strategy, m.t];
      }, { message: `paragraph ${i + 1}` })
      .toEqual([preset, strategy, Number(t)]);
    // What the reader sees: the café's clock at that instant.
    await expect(app.locator('.transport .clock')).toHaveText(new RegExp(`^${t} ms /`));
  }
  // The frame fits its content (embed.js), no scrollbar inside it.
  const frame = page.frame({ url: (url) => url.href.startsWith(HOSTS.plain.url) });
  expect(await frame.evaluate(() => document.documentElement.scrollHeight <= innerHeight)).toBe(true);
  expect(errors).toEqual([]);
});
