// The app as a visitor first meets it: the built page (dist/) loads in
// Chromium, shows its title, and nothing goes wrong in the console.
import { expect, test } from '@playwright/test';
import { collectErrors, saveScreenshots } from './helpers.mjs';

test('the page loads, shows its title, and logs no errors', async ({ page }) => {
  const errors = collectErrors(page);

  await page.goto('/');

  await expect(page).toHaveTitle('Async Espresso — a coffee shop that teaches the event loop');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Async Espresso');
  await saveScreenshots(page, 'home');
  expect(errors).toEqual([]);
});
