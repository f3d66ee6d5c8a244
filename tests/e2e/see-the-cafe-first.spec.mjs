// A newcomer opens the page: the stage — the café, the strategy switch and
// Play — is the first thing on screen, on a phone and on a desktop (where
// the event loop and the code stand beside it), and its words are big
// enough to read: 14 CSS px on a phone, 20 in presenter mode on a projector.
import { expect, test } from '@playwright/test';
import { collectErrors, openPlayground, playButton, scrubber } from './helpers.mjs';

/** True when the element's box overlaps the first screen (no scrolling). */
async function onFirstScreen(locator) {
  return locator.evaluate((el) => {
    const r = el.getBoundingClientRect();
    return r.width > 0 && r.height > 0 && r.top < innerHeight && r.bottom > 0 && r.left < innerWidth && r.right > 0;
  });
}

/** The smallest text the café draws, in CSS px (set by the painter). */
async function smallestCafeText(page) {
  const canvas = page.locator('#scene-canvas');
  await expect(canvas).toHaveAttribute('data-text-px', /\d/);
  return Number(await canvas.getAttribute('data-text-px'));
}

for (const [name, viewport, sidePanels] of [
  ['a 390×844 phone', { width: 390, height: 844 }, false],
  ['a 1440×900 desktop', { width: 1440, height: 900 }, true],
  ['a 1280×800 laptop', { width: 1280, height: 800 }, true],
]) {
  test(`on ${name} the café, the switch and Play are on the first screen`, async ({ page }) => {
    const errors = collectErrors(page);
    await page.setViewportSize(viewport);
    await openPlayground(page, '/');
    expect(await page.evaluate(() => scrollY)).toBe(0);
    await expect.poll(() => onFirstScreen(page.locator('#scene-canvas'))).toBe(true);
    expect(await onFirstScreen(playButton(page))).toBe(true);
    expect(await onFirstScreen(page.getByRole('radio', { name: 'Parallel join' }))).toBe(true);
    if (sidePanels) {
      expect(await onFirstScreen(page.locator('section.loop'))).toBe(true);
      expect(await onFirstScreen(page.getByTestId('code-panel'))).toBe(true);
      expect(await onFirstScreen(page.locator('.code-line.current'))).toBe(true);
    }
    // Pressing Play plays right there: the café is still on screen.
    await playButton(page).click();
    await expect(playButton(page)).toHaveText('❚❚ Pause');
    expect(await onFirstScreen(page.locator('#scene-canvas'))).toBe(true);
    expect(await smallestCafeText(page)).toBeGreaterThanOrEqual(viewport.width < 600 ? 14 : 13);
    expect(errors).toEqual([]);
  });
}

test('presenter mode on a 1920×1080 projector draws the café in type of at least 20 px', async ({ page }) => {
  const errors = collectErrors(page);
  await page.setViewportSize({ width: 1920, height: 1080 });
  await page.goto('/?lesson=karen-freezes-the-loop&step=1&present=1');
  await scrubber(page).fill('3000');
  await expect(page.locator('#scene-words')).toContainText('hand-pouring Karen');
  expect(await onFirstScreen(page.locator('#scene-canvas'))).toBe(true);
  expect(await smallestCafeText(page)).toBeGreaterThanOrEqual(20);
  expect(errors).toEqual([]);
});

// Text the café draws, on what it draws it on (crates/playground/src/play/scene*): every pair
// keeps WCAG AA contrast (4.5:1) in both themes.
const TEXT_ON = [
  ['--ink', '--art-floor'], // names under people
  ['--ink', '--art-wall'], // machine names, "microtasks"
  ['--muted', '--art-wall'], // "(empty)", "(none)"
  ['--ink', '--card'], // signs, the barista's state, speech
  ['--bad', '--card'], // "Lost: 2", BLOCKED
  ['--ink', '--art-paper'], // tickets, tags
  ['--ink', '--art-note'], // microtask notes
  ['--good', '--art-paper'], // "✓ Ada" done tags
  ['--warn', '--art-paper'], // "warming"
  ['--muted', '--art-paper'], // "cold"
  ['--art-paper', '--art-metal-dark'], // the cache's price board
  ['--good', '--art-wall'], // breaker "closed"
  ['--bad', '--art-wall'], // breaker "OPEN"
  ['--warn', '--art-wall'], // breaker "half-open"
];

for (const scheme of ['light', 'dark']) {
  test(`the café's text keeps AA contrast in the ${scheme} theme`, async ({ page }) => {
    await page.emulateMedia({ colorScheme: scheme });
    await openPlayground(page, '/');
    const ratios = await page.evaluate((pairs) => {
      const style = getComputedStyle(document.documentElement);
      const rgb = (name) => {
        const value = style.getPropertyValue(name).trim();
        if (!value) throw new Error(`${name} is not set`);
        const probe = document.createElement('span');
        probe.style.color = value;
        document.body.append(probe);
        const parts = getComputedStyle(probe).color.match(/[\d.]+/g).map(Number);
        probe.remove();
        return parts.slice(0, 3);
      };
      const lum = ([r, g, b]) =>
        [r, g, b]
          .map((c) => c / 255)
          .map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4))
          .reduce((sum, c, i) => sum + c * [0.2126, 0.7152, 0.0722][i], 0);
      return pairs.map(([fg, bg]) => {
        const [a, b] = [lum(rgb(fg)), lum(rgb(bg))].sort((x, y) => y - x);
        return [`${fg} on ${bg}`, (a + 0.05) / (b + 0.05)];
      });
    }, TEXT_ON);
    for (const [pair, ratio] of ratios) {
      expect(ratio, pair).toBeGreaterThanOrEqual(4.5);
    }
  });
}
