// Shared helpers for the end-to-end tests: error collection and screenshots
// at the two widths we design for.
import { fileURLToPath } from 'node:url';

/** Where screenshots go: test-results/screenshots/ at the repo root. */
export const SCREENSHOT_DIR = fileURLToPath(new URL('../../test-results/screenshots/', import.meta.url));

/** The two viewports every screen is checked at. */
export const VIEWPORTS = {
  phone: { width: 390, height: 844 },
  desktop: { width: 1280, height: 800 },
};

/**
 * Starts collecting the page's console errors and uncaught exceptions.
 * Call before `page.goto`; returns the (live) list, to assert empty at the end.
 */
export function collectErrors(page) {
  const errors = [];
  page.on('console', (message) => {
    if (message.type() === 'error') {
      const { url, lineNumber } = message.location();
      errors.push(`console.error: ${message.text()}${url ? ` (${url}:${lineNumber})` : ''}`);
    }
  });
  page.on('pageerror', (error) => errors.push(`page error: ${error.message}`));
  return errors;
}

/**
 * Saves full-page screenshots of the current page as NAME-phone.png
 * (390×844) and NAME-desktop.png (1280×800) in SCREENSHOT_DIR, then puts the
 * viewport back as it was. Returns the paths written.
 */
export async function saveScreenshots(page, name) {
  const original = page.viewportSize();
  const paths = [];
  for (const [suffix, size] of Object.entries(VIEWPORTS)) {
    await page.setViewportSize(size);
    const path = `${SCREENSHOT_DIR}${name}-${suffix}.png`;
    await page.screenshot({ path, fullPage: true });
    paths.push(path);
  }
  if (original) {
    await page.setViewportSize(original);
  }
  return paths;
}
