// Someone opens a broken or hostile link: the page says what it ignored,
// keeps safe values, never runs what it was given, and still works.
import { expect, test } from '@playwright/test';
import { engineReport, sameDuration } from './engine.mjs';
import { collectErrors } from './helpers.mjs';

test('a hostile link gets a notice naming each bad value, and nothing runs', async ({ page }) => {
  const errors = collectErrors(page);
  const dialogs = [];
  page.on('dialog', async (d) => {
    dialogs.push(d.message());
    await d.dismiss();
  });
  const query = [
    'steam_ms=-5',
    'customers=lots',
    'strategy=%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E',
    '%3Cscript%3Ealert(2)%3C%2Fscript%3E=1',
    'preset=nope',
    'pay_fail=2',
    '%E0%A4%A=%',
  ].join('&');
  await page.goto(`/?${query}`);
  // The notice is the status region named for it (the clock and the sliders'
  // read-outs are <output>s, which are status regions too).
  const notice = page.getByRole('status', { name: 'Some of the link was not used' });
  await expect(notice).toBeVisible();
  for (const named of ['steam_ms', 'lots', '<img src=x onerror=alert(1)>', '<script>alert(2)</script>', 'nope', 'pay_fail']) {
    await expect(notice).toContainText(named);
  }
  // The markup stayed text: no element was made from it.
  expect(await page.locator('main img, main script').count()).toBe(0);
  expect(dialogs).toEqual([]);
  // Safe values were kept: the table is the default café's.
  const blocking = engineReport().strategies[0];
  sameDuration(expect, await page.locator('tr[data-strategy="blocking"] [data-metric="p95"]').innerText(), blocking.metrics.latency.p95_ms, 'p95');
  // The notice can be dismissed.
  await notice.getByRole('button', { name: 'Dismiss' }).click();
  await expect(notice).toHaveCount(0);
  await expect(page.locator('.notices')).toHaveCount(0);
  expect(errors).toEqual([]);
});

test('a link asking for a million customers is capped, not frozen', async ({ page }) => {
  const errors = collectErrors(page);
  await page.goto('/?customers=1000000&arrivals=poisson&interval_ms=100');
  await expect(page.getByRole('status', { name: 'Some of the link was not used' })).toContainText('at most 20000');
  await expect(page.getByTestId('results-table').locator('tbody tr')).toHaveCount(4, { timeout: 20_000 });
  // The café that was simulated has exactly the cap: the customers control,
  // the timeline's lane window and every strategy's served count say so.
  await expect(page.locator('#param-customers')).toHaveValue('20000');
  await expect(page.locator('.lane-window')).toContainText('of 20000');
  for (const row of await page.getByTestId('results-table').locator('tbody tr').all()) {
    await expect(row.locator('[data-metric="served"]')).toHaveText('20000');
  }
  expect(errors).toEqual([]);
});
