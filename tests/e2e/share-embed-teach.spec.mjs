// A teacher or a blogger takes the café with them: a link that reopens
// exactly what they saw, an <iframe> snippet for a post, downloads of the
// results, and lessons run from the keyboard in presenter mode.
import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { collectErrors, openOrders, openPlayground, playButton, readClock, saveScreenshots, scrubTo, sharedLink } from './helpers.mjs';

test('a shared link reopens exactly what its author saw', async ({ page, context }) => {
  const errors = collectErrors(page);
  await openPlayground(page, '/?preset=karen');
  await page.getByRole('radio', { name: 'Parallel join' }).check();
  await page.locator('#param-steamers').fill('2');
  await page.locator('#param-steamers').dispatchEvent('change');
  await scrubTo(page, 1500);
  await page.getByRole('tab', { name: 'Rust' }).click();
  await page.locator('.code .follow select').selectOption({ label: 'Ben' });
  const link = await sharedLink(page);
  expect(link).toMatch(/\?v=1&preset=karen&/);
  expect(link).toContain('steamers=2');
  expect(link).toContain('strategy=join');
  expect(link).toContain('t=1500');
  expect(link).toContain('lang=rust');
  expect(link.length, link).toBeLessThan(300);
  const before = {
    clock: (await readClock(page)).text,
    call: await page.getByTestId('call-stack').innerText(),
    code: await page.getByTestId('code-caption').innerText(),
    p95: await page.locator('tr[data-strategy="join"] [data-metric="p95"]').innerText(),
  };

  const other = await context.newPage();
  await other.goto(link);
  await expect(other.getByTestId('results-table').locator('tbody tr')).toHaveCount(4);
  await expect(other.getByRole('radio', { name: 'Parallel join' })).toBeChecked();
  await expect(other.locator('.transport .clock')).toHaveText(before.clock);
  await expect(other.getByTestId('call-stack')).toHaveText(before.call);
  await expect(other.getByTestId('code-caption')).toHaveText(before.code);
  await expect(other.getByRole('tab', { name: 'Rust' })).toHaveAttribute('aria-selected', 'true');
  await expect(other.locator('#param-steamers')).toHaveValue('2');
  await expect(other.locator('tr[data-strategy="join"] [data-metric="p95"]')).toHaveText(before.p95);
  await expect(other.locator('.notices')).toHaveCount(0);
  // The address bar keeps up too: reloading shows the same.
  await other.reload();
  await expect(other.locator('.transport .clock')).toHaveText(before.clock);
  expect(errors).toEqual([]);
});

test('Copy link either copies or selects the link and says what to do', async ({ page, context }) => {
  await openPlayground(page, '/?preset=karen');
  await page.getByRole('button', { name: 'Share', exact: true }).click();
  await page.getByRole('button', { name: 'Copy link' }).click();
  // Without clipboard permission the browser refuses: the fallback speaks.
  await expect(page.locator('#share-status')).toHaveText(/Copied\.|press Ctrl\+C/);
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.getByRole('button', { name: 'Copy link' }).click();
  await expect(page.locator('#share-status')).toHaveText('Copied.');
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  expect(copied).toBe(await page.locator('#share-link').inputValue());
});

test('the Embed dialog makes a sandboxed, lazy, titled iframe that shows the chosen panels', async ({ page }) => {
  await openPlayground(page, '/?preset=flaky-card-reader&strategy=callbacks');
  await page.getByRole('button', { name: 'Embed', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Embed in a page' });
  await dialog.getByLabel('Event loop').uncheck();
  await dialog.getByLabel('Timeline').check();
  await dialog.getByLabel('Start playing').check();
  await dialog.getByLabel('Theme').selectOption('dark');
  // This host sends no CORS header: once checked, the frame keeps the app's
  // origin (embed-on-any-host.spec.mjs pastes both forms into a post).
  await expect(dialog.locator('#embed-host')).toContainText('sends no Access-Control-Allow-Origin header');
  const snippet = await dialog.getByLabel('HTML').inputValue();
  expect(snippet).toMatch(/^<iframe src="[^"]+" title="Async Espresso: [^"]+" width="100%" height="\d+" loading="lazy" sandbox="allow-scripts allow-same-origin allow-popups allow-popups-to-escape-sandbox"/);
  const src = snippet.match(/src="([^"]+)"/)[1].replaceAll('&amp;', '&');
  expect(src).toContain('embed=1');
  expect(src).toContain('autoplay=1');
  expect(src).toContain('theme=dark');

  await page.goto(src);
  await expect(page.locator('#scene-canvas')).toBeVisible();
  await expect(page.locator('.timeline')).toBeVisible();
  await expect(page.locator('.masthead')).toHaveCount(0);
  await expect(page.locator('#loop')).toHaveCount(0);
  await expect(page.locator('#params')).toHaveCount(0);
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await expect(playButton(page)).toHaveText('❚❚ Pause');
  await expect.poll(async () => (await readClock(page)).now).toBeGreaterThan(0);
  await saveScreenshots(page, 'embed-flaky-card-reader');
});

test('an embed pauses when the reader cannot see it', async ({ page }) => {
  await page.goto('/?preset=karen&embed=1&autoplay=1');
  await expect(playButton(page)).toHaveText('❚❚ Pause');
  // The tab goes to the background.
  await page.evaluate(() => {
    Object.defineProperty(document, 'visibilityState', { value: 'hidden', configurable: true });
    document.dispatchEvent(new Event('visibilitychange'));
  });
  await expect(playButton(page)).toHaveText('▶ Play');
});

test('results download as CSV and charts as SVG', async ({ page }) => {
  await openPlayground(page, '/?preset=flaky-card-reader&strategy=callbacks');
  const [csv] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'results (CSV)' }).click(),
  ]);
  expect(csv.suggestedFilename()).toBe('async-espresso-callbacks.csv');
  const text = readFileSync(await csv.path(), 'utf8');
  const rows = text.split('\r\n');
  expect(rows[0]).toBe('customer,drink,strategy,arrived_ms,taken_ms,ended_ms,time_in_cafe_ms,outcome');
  // Every order the table lists (once its panel is open) is in the file.
  await openOrders(page);
  const orderRows = page.getByTestId('orders-table').locator('tbody tr');
  await expect(orderRows).not.toHaveCount(0);
  const orders = await orderRows.count();
  expect(rows.filter((r) => r.includes(',callbacks,'))).toHaveLength(orders);
  expect(text).toMatch(/\r\nstrategy,served,cookies,lost,/);
  const served = await page.locator('tr[data-strategy="callbacks"] [data-metric="served"]').innerText();
  expect(text).toContain(`\r\ncallbacks,${served},`);

  const [svg] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'line chart (SVG)' }).click(),
  ]);
  const file = readFileSync(await svg.path(), 'utf8');
  expect(file.startsWith('<?xml')).toBe(true);
  expect(file).toContain('<title>Line length over time</title>');
  expect(file).toContain('class="series step"');
});

test('a lesson asks, answers and moves on from the keyboard', async ({ page }) => {
  const errors = collectErrors(page);
  await page.goto('/?lesson=why-the-line-grows&step=1');
  const lesson = page.locator('#lesson');
  await expect(lesson).toContainText('step 1 of 5');
  await expect(page.getByRole('radio', { name: 'Blocking' })).toBeChecked();
  await page.locator('body').press('c');
  await expect(lesson.locator('.lesson-answer')).toContainText('Right.');
  await page.locator('body').press('n');
  await expect(lesson).toContainText('step 2 of 5');
  await expect(page.getByRole('radio', { name: 'Callbacks' })).toBeChecked();
  await expect(lesson.locator('.lesson-answer')).toHaveText('');
  await page.locator('body').press('a');
  await expect(lesson.locator('.lesson-answer')).toContainText('Not quite.');
  await page.locator('body').press('PageUp');
  await expect(lesson).toContainText('step 1 of 5');
  await expect(page).toHaveURL(/lesson=why-the-line-grows/);
  expect(errors).toEqual([]);
});

test('presenter mode shows the lesson and the café, large and high-contrast, and runs without a mouse', async ({ page }) => {
  await page.goto('/?lesson=karen-freezes-the-loop&step=1&present=1');
  await expect(page.locator('#lesson')).toContainText('step 1 of');
  await expect(page.locator('.masthead')).toHaveCount(0);
  await expect(page.locator('#params')).toHaveCount(0);
  await expect(page.locator('html')).toHaveAttribute('data-present', '');
  await expect(page.locator('main.playground')).toHaveClass(/large/);
  const steps = Number((await page.locator('.lesson-progress').innerText()).match(/of (\d+)/)[1]);
  for (let i = 1; i <= steps; i++) {
    await expect(page.locator('.lesson-progress')).toContainText(`step ${i} of ${steps}`);
    await page.keyboard.press('b');
    await expect(page.locator('.lesson-answer')).toContainText(/Right\.|Not quite\./);
    await page.keyboard.press('Space');
    await expect(playButton(page)).toHaveText('❚❚ Pause');
    await page.keyboard.press('Space');
    await page.keyboard.press('PageDown');
  }
  // Past the last step: the end of the lesson; back to the last step.
  await expect(page.locator('.lesson-end')).toContainText('End of the lesson');
  await page.keyboard.press('PageUp');
  await expect(page.locator('.lesson-progress')).toContainText(`step ${steps} of ${steps}`);
  await saveScreenshots(page, 'presenter-karen');
});

test('a link to a lesson that does not exist says so and shows the playground', async ({ page }) => {
  await openPlayground(page, '/?lesson=no-such-lesson');
  await expect(page.getByRole('status', { name: 'Some of the link was not used' })).toContainText(
    'lesson = "no-such-lesson": there is no such lesson',
  );
  await expect(page.locator('#lesson')).toHaveCount(0);
});
