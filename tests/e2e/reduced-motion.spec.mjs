// Someone whose system asks for reduced motion: the café stops tweening
// (and says so), follows the preference as it changes, and playing still
// works to the very same results.
import { expect, test } from '@playwright/test';
import { engineReport } from './engine.mjs';
import { checkHeadline, collectErrors, openPlayground, playToTheEnd, readHeadline, setSpeed } from './helpers.mjs';

test('with reduced motion the café still plays to the same results', async ({ page }) => {
  const errors = collectErrors(page);
  const report = engineReport();
  await page.emulateMedia({ reducedMotion: 'reduce' });
  await openPlayground(page);
  const scene = page.locator('figure.scene');
  await expect(scene).toHaveAttribute('data-motion', 'reduced');
  // The preference is followed live, both ways.
  await page.emulateMedia({ reducedMotion: 'no-preference' });
  await expect(scene).toHaveAttribute('data-motion', 'full');
  await page.emulateMedia({ reducedMotion: 'reduce' });
  await expect(scene).toHaveAttribute('data-motion', 'reduced');
  // No CSS transition or animation runs anywhere on the page.
  const moving = await page.evaluate(() =>
    [...document.querySelectorAll('*')]
      .filter((el) => {
        const c = getComputedStyle(el);
        return c.transitionDuration.split(',').some((d) => parseFloat(d) > 0) || c.animationName !== 'none';
      })
      .map((el) => el.tagName),
  );
  expect(moving).toEqual([]);

  await setSpeed(page, '16×');
  for (const run of report.strategies) {
    await page.getByRole('radio', { name: run.label }).check();
    const m = run.metrics;
    const clock = await playToTheEnd(page);
    expect(Math.abs(clock.end - m.makespan_ms), `${run.strategy} ends at "${clock.text}"`).toBeLessThanOrEqual(clock.endPrecision);
    await expect(page.locator('#scene-words')).toContainText(`0 in progress; ${m.served} served, ${m.cookies} cookies, ${m.lost} lost.`);
    await expect(page.locator('.race')).toContainText(`${run.label}: ${m.served} served, ${m.cookies} cookies, ${m.lost} lost so far`);
    checkHeadline(await readHeadline(page), run);
    await expect(scene).toHaveAttribute('data-motion', 'reduced');
  }
  expect(errors).toEqual([]);
});
