// What the playground looks like on a phone and on a desktop, in light and
// dark: the morning line paused during Karen's hand-pour, and the flaky card
// reader at its end. Saved to test-results/screenshots/ as artefacts (to be
// looked at), with checks that nothing spills sideways and the theme holds.
import { expect, test } from '@playwright/test';
import { engineReport } from './engine.mjs';
import { VIEWPORTS, collectErrors, openOrders, openPlayground, saveScreenshot, scrubTo } from './helpers.mjs';

/** Checks the layout at the current viewport and saves a screenshot. */
async function shoot(page, name, scheme, viewport) {
  // No focus ring left on the control the test used last.
  await page.evaluate(() => document.activeElement?.blur());
  await page.emulateMedia({ colorScheme: scheme });
  await page.setViewportSize(VIEWPORTS[viewport]);
  // Nothing is wider than the screen: no sideways scrolling of the page.
  await expect
    .poll(() => page.evaluate(() => document.documentElement.scrollWidth), { message: `${name}: page width` })
    .toBeLessThanOrEqual(VIEWPORTS[viewport].width);
  // The café is drawn upright on a phone, wide on a desktop.
  const canvas = page.locator('figure.scene canvas');
  await expect
    .poll(async () => {
      const { width, height } = await canvas.evaluate((c) => ({ width: c.width, height: c.height }));
      return viewport === 'phone' ? height > width : width > height;
    }, { message: `${name}: scene orientation` })
    .toBe(true);
  // The theme is the one asked for.
  const dark = await page.evaluate(() => {
    const [r, g, b] = getComputedStyle(document.body).backgroundColor.match(/\d+/g).map(Number);
    return 0.2126 * r + 0.7152 * g + 0.0722 * b < 128;
  });
  expect(dark, `${name}: ${scheme} background`).toBe(scheme === 'dark');
  await saveScreenshot(page, `${name}-${viewport}-${scheme}`);
}

test('the morning line, paused in Karen\'s hand-pour, on phone and desktop, light and dark', async ({ page }) => {
  const errors = collectErrors(page);
  const run = engineReport(['--steps']).strategies.find((s) => s.strategy === 'callbacks');
  const karen = run.orders.find((o) => o.drink === 'pourover');
  const ms = (step) => karen.steps.find((s) => s.step === step).ms;
  // The pour is her last step but one (CPU, then the assembly, back to back).
  const pourEnds = karen.served_ms - ms('assemble');
  const during = Math.round(pourEnds - ms('pour') / 2);
  await openPlayground(page, '/?strategy=callbacks');
  await scrubTo(page, during);
  await expect(page.locator('.loop .doing')).toContainText("hand-pouring Karen's coffee: frozen for");
  for (const scheme of ['light', 'dark']) {
    for (const viewport of ['phone', 'desktop']) {
      await shoot(page, 'karen-pouring', scheme, viewport);
    }
  }
  expect(errors).toEqual([]);
});

test('the flaky card reader at its end, on phone and desktop, light and dark', async ({ page }) => {
  const errors = collectErrors(page);
  const run = engineReport(['--preset', 'flaky-card-reader']).strategies.find((s) => s.strategy === 'callbacks');
  await openPlayground(page, '/?preset=flaky-card-reader&strategy=callbacks');
  await page.getByRole('button', { name: 'End', exact: true }).click();
  await expect(page.locator('#scene-words')).toContainText(
    `${run.metrics.served} served, ${run.metrics.cookies} cookies, ${run.metrics.lost} lost.`,
  );
  await openOrders(page);
  for (const scheme of ['light', 'dark']) {
    for (const viewport of ['phone', 'desktop']) {
      await shoot(page, 'flaky-card-reader-end', scheme, viewport);
    }
  }
  expect(errors).toEqual([]);
});
