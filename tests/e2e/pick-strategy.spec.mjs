// A learner picks each strategy (with the mouse, then with the keyboard
// only) and reads every order's times, which are the engine's.
import { expect, test } from '@playwright/test';
import { engineReport, sameDuration } from './engine.mjs';
import { collectErrors, openOrders, openPlayground, saveScreenshots } from './helpers.mjs';

/** Reads the (opened) "every order" table and compares it with the engine's run. */
async function checkOrders(page, run) {
  await expect(page.locator('details.orders summary')).toHaveText(`${run.label}: every order`);
  await expect(page.locator('details.orders')).toHaveAttribute('open', '');
  const rows = page.getByTestId('orders-table').locator('tbody tr');
  await expect(rows).toHaveCount(run.orders.length);
  await expect(rows.first()).toBeVisible();
  for (const [i, order] of run.orders.entries()) {
    const row = rows.nth(i);
    await expect(row.locator('th')).toHaveText(order.name);
    sameDuration(expect, await row.locator('[data-col="arrived"]').innerText(), order.arrived_ms, `${order.name} arrived`);
    if (order.served_ms === null) {
      await expect(row.locator('[data-col="served"]')).toHaveText('never');
    } else {
      sameDuration(expect, await row.locator('[data-col="served"]').innerText(), order.served_ms, `${order.name} served`);
    }
  }
}

test('clicking each strategy shows its explanation and its orders', async ({ page }) => {
  const errors = collectErrors(page);
  const report = engineReport();
  await openPlayground(page);
  // The orders sit in a closed <details>: closed, the table is not shown.
  await expect(page.getByTestId('orders-table')).toBeHidden();
  await openOrders(page);
  for (const run of report.strategies) {
    await page.getByRole('radio', { name: run.label }).check();
    await expect(page.getByRole('radio', { name: run.label })).toBeChecked();
    await expect(page.locator(`tr[data-strategy="${run.strategy}"]`)).toHaveAttribute('aria-current', 'true');
    await expect(page.getByTestId('strategy-explain')).not.toBeEmpty();
    await checkOrders(page, run);
  }
  await saveScreenshots(page, 'join-selected');
  expect(errors).toEqual([]);
});

test('the strategy switch works with the keyboard alone', async ({ page }) => {
  const errors = collectErrors(page);
  const report = engineReport();
  await openPlayground(page);
  // The masthead's "Large type" button is the first stop; the radio group
  // (one stop, at the checked radio) comes after Share, Embed and the
  // lessons; arrows then pick.
  await page.keyboard.press('Tab');
  await expect(page.getByRole('button', { name: 'Large type' })).toBeFocused();
  for (let i = 0; i < 30 && !(await page.getByRole('radio', { name: 'Blocking' }).evaluate((el) => el === document.activeElement)); i++) {
    await page.keyboard.press('Tab');
  }
  await expect(page.getByRole('radio', { name: 'Blocking' })).toBeFocused();
  await page.keyboard.press('ArrowRight');
  await expect(page.getByRole('radio', { name: 'Callbacks' })).toBeChecked();
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await expect(page.getByRole('radio', { name: 'Parallel join' })).toBeChecked();
  // Focus is visible: the browser draws an outline around the focused choice.
  const outline = await page.getByRole('radio', { name: 'Parallel join' }).evaluate(
    (el) => getComputedStyle(el.closest('label')).outlineStyle,
  );
  expect(outline).not.toBe('none');
  // Open the orders from the keyboard too: Enter on the summary.
  await page.locator('details.orders summary').press('Enter');
  await checkOrders(page, report.strategies.find((s) => s.strategy === 'join'));
  expect(errors).toEqual([]);
});
