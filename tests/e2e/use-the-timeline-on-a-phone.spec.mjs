// A newcomer on a phone (issue 10): a vertical swipe over the timeline
// scrolls the page (it used to be trapped by `touch-action: none`), a
// sideways one scrubs; disabled buttons look and point disabled; the
// strategy radios are all the same size, whichever label wraps.
import { expect, test } from '@playwright/test';
import { collectErrors, openPlayground, readClock, timelineX, VIEWPORTS } from './helpers.mjs';

test.describe('on a phone', () => {
  test.use({ viewport: VIEWPORTS.phone, hasTouch: true });

  test('a vertical swipe over the timeline scrolls the page; a sideways one scrubs', async ({ page }) => {
    const errors = collectErrors(page);
    await openPlayground(page, '/?preset=karen&strategy=callbacks');
    const canvas = page.locator('.lanes canvas.playhead');
    await expect(canvas).toHaveCSS('touch-action', 'pan-y');
    // Put the timeline near the top of the screen, with page left below it.
    await canvas.evaluate((el) => window.scrollTo(0, el.getBoundingClientRect().top + window.scrollY - 100));
    const box = await canvas.boundingBox();
    expect(box.height).toBeGreaterThan(200);
    const before = await page.evaluate(() => window.scrollY);
    const clockBefore = await readClock(page);

    // A finger swipes up over the timeline (real touch events: Chromium's
    // synthesised touch scroll gesture does not scroll in headless mode).
    const cdp = await page.context().newCDPSession(page);
    const touch = (type, x, y) =>
      cdp.send('Input.dispatchTouchEvent', {
        type,
        touchPoints: type === 'touchEnd' ? [] : [{ x: Math.round(x), y: Math.round(y) }],
      });
    const [x, y0] = [box.x + box.width / 2, box.y + box.height * 0.8];
    await touch('touchStart', x, y0);
    for (let i = 1; i <= 10; i += 1) {
      await touch('touchMove', x, y0 - 20 * i);
    }
    await touch('touchEnd');
    await expect.poll(() => page.evaluate(() => window.scrollY)).toBeGreaterThan(before + 100);
    // The swipe was the page's: the playhead did not move, and no drag is
    // left behind (a pointer passing over the timeline moves nothing).
    expect((await readClock(page)).text).toBe(clockBefore.text);
    await canvas.evaluate((el) => window.scrollTo(0, el.getBoundingClientRect().top + window.scrollY - 100));
    const axis = await canvas.boundingBox();
    await page.mouse.move(axis.x + axis.width * 0.3, axis.y + 10);
    await page.mouse.move(axis.x + axis.width * 0.9, axis.y + 10, { steps: 5 });
    expect((await readClock(page)).text).toBe(clockBefore.text);

    // A finger drags sideways along the time axis: the playhead follows.
    const y = Math.round(axis.y + 10);
    const endMs = clockBefore.end;
    const from = timelineX(axis, endMs * 0.1, endMs);
    const to = timelineX(axis, endMs * 0.6, endMs);
    await touch('touchStart', from, y);
    for (let i = 1; i <= 10; i += 1) {
      await touch('touchMove', from + ((to - from) * i) / 10, y);
    }
    await touch('touchEnd');
    await expect
      .poll(async () => (await readClock(page)).now, { message: 'the playhead follows the finger' })
      .toBeGreaterThan(endMs * 0.5);
    expect((await readClock(page)).now).toBeLessThan(endMs * 0.7);
    expect(errors).toEqual([]);
  });

  test('every strategy radio is the same size, whichever label wraps', async ({ page }) => {
    await openPlayground(page, '/');
    for (const width of [320, 390, 560]) {
      await page.setViewportSize({ width, height: 844 });
      const sizes = await page
        .locator('.choice input')
        .evaluateAll((inputs) => inputs.map((i) => [i.getBoundingClientRect().width, i.getBoundingClientRect().height]));
      expect(sizes).toHaveLength(5);
      for (const size of sizes) {
        expect(size, `at ${width} px: ${JSON.stringify(sizes)}`).toEqual(sizes[0]);
      }
      expect(sizes[0][0]).toBeGreaterThan(15);
    }
  });
});

test('a disabled button looks and points disabled, and turns back when enabled', async ({ page }) => {
  await openPlayground(page, '/?preset=karen');
  const style = (locator) =>
    locator.evaluate((el) => {
      const s = getComputedStyle(el);
      return { cursor: s.cursor, borderStyle: s.borderTopStyle, opacity: Number(s.opacity), color: s.color };
    });
  const earlier = page.getByRole('button', { name: 'Earlier customers' });
  const later = page.getByRole('button', { name: 'Later customers' });
  // Twelve customers, ten lanes: at first only "Later" can do anything.
  await expect(earlier).toBeDisabled();
  await expect(later).toBeEnabled();
  const off = await style(earlier);
  const on = await style(later);
  expect(off.cursor).toBe('not-allowed');
  expect(on.cursor).toBe('pointer');
  expect(off.borderStyle).toBe('dashed');
  expect(on.borderStyle).toBe('solid');
  expect(off.color).not.toBe(on.color);
  expect(off.opacity).toBeLessThan(1);
  expect(off.opacity, 'still legible').toBeGreaterThanOrEqual(0.7);
  // The user shows the later customers: the two buttons swap looks.
  await later.click();
  await expect(later).toBeDisabled();
  expect(await style(later)).toEqual(off);
  expect(await style(earlier)).toEqual(on);
  // The real run's Cancel, disabled until a run starts.
  const cancel = page.locator('#real').getByRole('button', { name: 'Cancel' });
  await expect(cancel).toBeDisabled();
  expect((await style(cancel)).cursor).toBe('not-allowed');
});

test('the timeline legend shows the blocked pattern', async ({ page }) => {
  await openPlayground(page, '/');
  const key = page.locator('.legend .key.blocked');
  await expect(key).toHaveText('barista blocked (waits at a machine)');
  const swatch = await key.evaluate((el) => getComputedStyle(el, '::before').backgroundImage);
  expect(swatch).toContain('repeating-linear-gradient');
});
