// A learner writes the order handler: by keyboard they turn sequential
// await into "take the payment first, then grind, steam and heat the water
// together"; the café runs that text (parsed, never executed) as "Your
// code", with the command line's numbers and trace digests for the same
// text; a mistake shows its line and column while the café keeps the last
// good run; and a shared link brings the very text back.
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { expect, test } from '@playwright/test';
import { handlerReport } from './engine.mjs';
import { checkResultsTable, collectErrors, openPlayground, saveScreenshots, sharedLink } from './helpers.mjs';

const root = fileURLToPath(new URL('../../', import.meta.url));

/** The command line's starting text for strategy `s` on the default café. */
function starter(s) {
  const out = execFileSync(`${root}target/debug/espresso`, ['--starter', s], { encoding: 'utf8' });
  return out.endsWith('\n') ? out : `${out}\n`;
}

/** The await starter with its three machine awaits after the payment
 * made one Promise.all: what the keyboard edit below produces. */
function payFirst() {
  const lines = starter('await').replace(/\n$/, '').split('\n');
  const first = lines.findIndex((l) => l.includes('await grind(order);'));
  expect(lines.slice(first, first + 3).map((l) => l.trim())).toEqual([
    'await grind(order);',
    'await steam(order);',
    'await heatWater(order);',
  ]);
  const indent = lines[first].match(/^ */)[0];
  lines.splice(first, 3, `${indent}await Promise.all([grind(order), steam(order), heatWater(order)]);`);
  return { text: lines.join('\n'), line: first + 1 };
}

/** Puts the caret at LINE, COLUMN (from 1) of the focused text box, by keyboard. */
async function caretTo(page, line, column = 1) {
  await page.keyboard.press('Control+Home');
  for (let i = 1; i < line; i++) await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Home');
  for (let i = 1; i < column; i++) await page.keyboard.press('ArrowRight');
}

const editor = (page) => page.getByRole('textbox', { name: 'Your order handler, in JavaScript' });
const status = (page) => page.locator('.editor-status');

/** Switches to sequential await, then edits its text as "Your code" by keyboard. */
async function writePayFirst(page) {
  await page.locator('body').press('3');
  // A built-in strategy offers to edit it; only your code offers a fresh start.
  const startOver = page.locator('.start-over');
  await expect(startOver).toBeHidden();
  await page.getByRole('button', { name: '✎ Edit this code' }).click();
  await expect(startOver).toBeVisible();
  await expect(page.getByRole('button', { name: /Edit this code|Back to your code/ })).toBeHidden();
  await expect(editor(page)).toBeFocused();
  await expect(editor(page)).toHaveValue(starter('await').replace(/\n$/, ''));
  const { text, line } = payFirst();
  await caretTo(page, line);
  for (let i = 0; i < 3; i++) await page.keyboard.press('Shift+ArrowDown');
  const indent = text.split('\n')[line - 1].match(/^ */)[0];
  await page.keyboard.type(`${indent}await Promise.all([grind(order), steam(order), heatWater(order)]);\n`);
  await expect(editor(page)).toHaveValue(text);
  await expect(status(page)).toContainText('The café runs this code');
  // Once typing pauses the café runs the new text: its row shows its digest.
  const yours = handlerReport(text).strategies.find((r) => r.strategy === 'yours');
  await expect(page.locator('tr[data-strategy="yours"]')).toHaveAttribute('data-digest', yours.trace_digest);
  return text;
}

async function checkDigests(page, report) {
  for (const run of report.strategies) {
    await expect(page.locator(`tr[data-strategy="${run.strategy}"]`), run.strategy).toHaveAttribute('data-digest', run.trace_digest);
  }
}

test('a learner writes "pay first, then the rest together" and the café runs it with the engine\'s numbers', async ({ page }) => {
  const errors = collectErrors(page);
  await openPlayground(page);
  const text = await writePayFirst(page);
  const report = handlerReport(text);
  expect(report.strategies.map((s) => s.strategy)).toEqual(['blocking', 'callbacks', 'await', 'join', 'yours']);
  await checkResultsTable(page, report);
  await checkDigests(page, report);
  await expect(page.locator('tr[data-strategy="yours"]')).toHaveAttribute('aria-current', 'true');
  await expect(page.getByRole('radio', { name: 'Your code' })).toBeChecked();
  await expect(page.getByTestId('code-panel').getByRole('heading')).toHaveText('The code: Your code');
  // The fifth café races too.
  await expect(page.locator('.race-cafe[data-strategy="yours"]')).toBeVisible();
  // Its median lies between sequential await and parallel join.
  const p50 = (s) => report.strategies.find((r) => r.strategy === s).metrics.latency.p50_ms;
  expect(p50('yours')).toBeLessThan(p50('await'));
  expect(p50('yours')).toBeGreaterThan(p50('join'));
  // The same handler in Rust and Python, from the same program.
  await page.getByRole('tab', { name: 'Rust' }).click();
  await expect(page.locator('#code-lines')).toContainText('try_join!');
  await expect(editor(page)).toBeHidden();
  await page.getByRole('tab', { name: 'JavaScript' }).click();
  await expect(editor(page)).toBeVisible();
  await saveScreenshots(page, 'your-code');
  expect(errors).toEqual([]);
});

test('a mistake shows its line and column, and the café keeps the last good run', async ({ page }) => {
  const errors = collectErrors(page);
  await openPlayground(page);
  const text = await writePayFirst(page);
  const good = handlerReport(text);
  const before = good.strategies.find((s) => s.strategy === 'yours').trace_digest;
  await expect(page.locator('tr[data-strategy="yours"]')).toHaveAttribute('data-digest', before);
  // Delete the ")" that closes grind( on the Promise.all line.
  const { line } = payFirst();
  const lineText = text.split('\n')[line - 1];
  const column = lineText.indexOf('grind(order)') + 'grind(order'.length + 1;
  await caretTo(page, line, column);
  await page.keyboard.press('Delete');
  await expect(status(page)).toContainText(`line ${line}, column`);
  await expect(status(page)).toContainText('keeps running your last code that worked');
  await expect(editor(page)).toHaveAttribute('aria-invalid', 'true');
  await expect(page.locator(`.editor-layer .code-line.wrong[data-line="${line}"]`)).toHaveCount(1);
  await expect(page.locator('#code-caption')).toContainText('Fix the mistake to see the line');
  // The results are still those of the last good text.
  await page.waitForTimeout(400);
  await expect(page.locator('tr[data-strategy="yours"]')).toHaveAttribute('data-digest', before);
  await checkResultsTable(page, good);
  // However far the code is scrolled, the message stays in sight.
  const box = page.locator('#code-scroll');
  await box.evaluate((b) => {
    b.scrollTop = b.scrollHeight;
    b.scrollLeft = b.scrollWidth;
  });
  expect(await box.evaluate((b) => b.scrollTop + b.scrollLeft)).toBeGreaterThan(0);
  const [said, seen] = [await status(page).boundingBox(), await box.boundingBox()];
  expect(said.y).toBeGreaterThanOrEqual(seen.y - 1);
  expect(said.y + said.height).toBeLessThanOrEqual(seen.y + seen.height + 1);
  expect(said.x).toBeGreaterThanOrEqual(seen.x - 1);
  // Putting the ")" back runs it again.
  await page.keyboard.type(')');
  await expect(status(page)).toContainText('The café runs this code');
  await expect(editor(page)).toHaveAttribute('aria-invalid', 'false');
  await expect(page.locator('#code-caption')).not.toContainText('Fix the mistake');
  await saveScreenshots(page, 'your-code-mistake');
  expect(errors).toEqual([]);
});

test('Share carries the edited code: the link brings back the very text', async ({ page }) => {
  const errors = collectErrors(page);
  await openPlayground(page);
  const text = await writePayFirst(page);
  const link = await sharedLink(page);
  // `code`, or its short key once the link is long.
  const params = new URL(link).searchParams;
  expect(params.get('code') ?? params.get('cd')).toBeTruthy();
  await page.goto(link);
  await expect(page.getByTestId('results-table').locator('tbody tr')).toHaveCount(5);
  await expect(editor(page)).toHaveValue(text);
  await expect(page.getByRole('radio', { name: 'Your code' })).toBeChecked();
  await checkDigests(page, handlerReport(text));
  // And after a reload of the address the page keeps up to date.
  await page.reload();
  await expect(editor(page)).toHaveValue(text);
  expect(errors).toEqual([]);
});
