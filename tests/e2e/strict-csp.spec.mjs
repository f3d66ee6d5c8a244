// A site owner serves the app under a strict Content-Security-Policy
// (no inline script or style, no data: URLs, no eval but WebAssembly's):
// it loads, plays and shows every panel without a single violation.
import { expect, test } from '@playwright/test';
import { HOSTS, STRICT_CSP } from './hosts.mjs';
import { collectErrors, openPlayground, playToTheEnd, setSpeed } from './helpers.mjs';

/**
 * Records every Content-Security-Policy violation the page reports (the
 * `securitypolicyviolation` event, from the first script on), readable with
 * `violations(page)`. Call before `page.goto`.
 */
async function watchViolations(page) {
  await page.addInitScript(() => {
    window.__cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) => {
      window.__cspViolations.push(`${e.effectiveDirective} refused ${e.blockedURI || '(inline)'} in ${e.sourceFile}:${e.lineNumber}`);
    });
  });
}
const violations = (page) => page.evaluate(() => window.__cspViolations);

test('under the strict CSP the app loads, plays to the end and nothing is refused', async ({ page }) => {
  const errors = collectErrors(page);
  await watchViolations(page);

  const response = await page.goto(HOSTS.strict.url);
  expect(response.headers()['content-security-policy'], 'the host sends the policy').toBe(STRICT_CSP);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Async Espresso');
  await expect(page.locator('.transport .clock')).toHaveText(/^0 ms \//);
  expect(await violations(page), 'CSP violations at start').toEqual([]);

  // Another café from a link, played to the end at 16×: every panel and
  // canvas is drawn and redrawn on the way.
  await openPlayground(page, `${HOSTS.strict.url}?preset=karen&strategy=join`);
  await setSpeed(page, '16×');
  const end = await playToTheEnd(page);
  expect(end.end).toBeGreaterThan(0);

  expect(await violations(page), 'CSP violations').toEqual([]);
  expect(errors).toEqual([]);
});

test('the violation watch would catch an inline script or style', async ({ page }) => {
  // The same page from the same host, with what Trunk would emit without
  // scripts/post-build.mjs (an inline module script) and an inline style: the
  // policy refuses both, and the watch above sees it. Keeps the first test honest.
  await page.route(HOSTS.strict.url, async (route) => {
    const response = await route.fetch();
    const html = (await response.text()).replace(
      '</body>',
      '<script type="module">window.inlineRan = true;</script><p style="color: red">inline style</p></body>',
    );
    await route.fulfill({ response, body: html });
  });
  const errors = collectErrors(page);
  await watchViolations(page);

  await page.goto(HOSTS.strict.url);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Async Espresso');

  await expect.poll(() => violations(page)).toEqual(
    expect.arrayContaining([expect.stringMatching(/^script-src-elem refused inline/), expect.stringMatching(/^style-src-attr refused inline/)]),
  );
  expect(await page.evaluate(() => window.inlineRan ?? false), 'the inline script did not run').toBe(false);
  expect(errors.join('\n')).toContain('Content Security Policy');
});
