// Someone who uses no mouse at all: every control is reached with Tab, shows
// where the focus is and says what it is; the page's shortcuts (Space, the
// arrows, Home/End, 1–4, ?) drive the café from the keyboard alone.
import { expect, test } from '@playwright/test';
import { engineReport } from './engine.mjs';
import { collectErrors, openPlayground, playButton, playToTheEnd, readClock } from './helpers.mjs';

const focusIsOnBody = (page) => page.evaluate(() => document.activeElement === document.body);

/** Presses `key` (Tab or Shift+Tab) until `target` has the focus, at most `max` times. */
async function tabTo(page, target, key = 'Tab', max = 60) {
  for (let i = 0; i < max && !(await target.evaluate((el) => el === document.activeElement)); i++) {
    await page.keyboard.press(key);
  }
  await expect(target).toBeFocused();
}

/**
 * Tags every control a keyboard user must be able to reach (shown, enabled,
 * focusable; one stop per radio group, as browsers do) with data-e2e-stop,
 * and remembers how each looks unfocused. Returns their descriptions.
 */
async function tagControls(page) {
  return page.evaluate(() => {
    const candidates = document.querySelectorAll(
      'a[href], button, input, select, textarea, summary, [tabindex]:not([tabindex="-1"])',
    );
    const shown = (el) => el.getClientRects().length > 0 && getComputedStyle(el).visibility !== 'hidden';
    const out = [];
    const look = (el) => {
      const target = el.matches('input[type=radio]') ? el.closest('label') ?? el : el;
      const c = getComputedStyle(target);
      return { outline: `${c.outlineStyle} ${c.outlineWidth} ${c.outlineColor}`, shadow: c.boxShadow };
    };
    for (const el of candidates) {
      if (el.disabled || el.closest('dialog:not([open]), details:not([open]) > :not(summary), [inert]') || !shown(el)) continue;
      if (el.matches('input[type=radio]')) {
        const group = [...document.querySelectorAll(`input[type=radio][name="${el.name}"]`)];
        const stop = group.find((r) => r.checked) ?? group[0];
        if (el !== stop) continue;
      }
      if (el.getAttribute('tabindex') === '-1') continue;
      const id = String(out.length);
      el.dataset.e2eStop = id;
      el.dataset.e2eRest = JSON.stringify(look(el));
      out.push(`${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}${el.className ? `.${String(el.className).split(' ')[0]}` : ''}`);
    }
    return out;
  });
}

/** The focused element: its stop tag, and whether its focus is visibly drawn. */
function focused(page) {
  return page.evaluate(() => {
    const el = document.activeElement;
    if (!el || el === document.body) return { body: true };
    const target = el.matches('input[type=radio]') ? el.closest('label') ?? el : el;
    const c = getComputedStyle(target);
    const now = { outline: `${c.outlineStyle} ${c.outlineWidth} ${c.outlineColor}`, shadow: c.boxShadow };
    const rest = el.dataset.e2eRest ? JSON.parse(el.dataset.e2eRest) : { outline: 'none', shadow: 'none' };
    const outlined = c.outlineStyle !== 'none' && parseFloat(c.outlineWidth) >= 2 && now.outline !== rest.outline;
    const shadowed = c.boxShadow !== 'none' && now.shadow !== rest.shadow;
    const box = target.getBoundingClientRect();
    return {
      body: false,
      stop: el.dataset.e2eStop ?? null,
      what: `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''} "${(el.getAttribute('aria-label') ?? el.textContent ?? '').trim().slice(0, 40)}"`,
      visible: outlined || shadowed,
      style: now,
      onScreen: box.bottom > 0 && box.top < innerHeight && box.right > 0 && box.left < innerWidth,
    };
  });
}

test('every control is reached by Tab, with a visible focus and a name', async ({ page }) => {
  const errors = collectErrors(page);
  await openPlayground(page);
  expect(await focusIsOnBody(page)).toBe(true);
  const controls = await tagControls(page);
  // The page's controls: the masthead, the strategies, the transport, the
  // code panel, the race, the tables, the café's parameters.
  expect(controls.length).toBeGreaterThan(35);

  const reached = new Set();
  const order = [];
  for (let i = 0; i < controls.length + 5; i++) {
    await page.keyboard.press('Tab');
    const f = await focused(page);
    if (f.body) break;
    expect(f.stop, `Tab reached ${f.what}, which is not a control the page lists`).not.toBeNull();
    expect(reached.has(f.stop), `Tab came back to ${f.what} before the end`).toBe(false);
    reached.add(f.stop);
    order.push(f.what);
    expect(f.visible, `focus on ${f.what} is visible (outline or shadow): ${JSON.stringify(f.style)}`).toBe(true);
    expect(f.onScreen, `${f.what} is scrolled into view when focused`).toBe(true);
    await expect(page.locator(':focus'), `${f.what} has an accessible name`).toHaveAccessibleName(/\S/);
  }
  const missed = controls.filter((_, i) => !reached.has(String(i)));
  expect(missed, `controls Tab never reached (order was: ${order.join(', ')})`).toEqual([]);
  // Past the last control, focus leaves the page's controls: the shortcuts
  // are for the page again.
  expect(await focusIsOnBody(page)).toBe(true);
  // The first stops are the masthead's buttons, then the stage: the
  // strategy group and the time controls; the lessons (each to start or to
  // present) come in the introduction, after the event loop and the code.
  expect(order.slice(0, 3).join(' | ')).toMatch(/"Large type" \| .*"Share" \| .*"Embed"/);
  expect(order[3], order.join(', ')).toContain('#strategy-blocking');
  expect(order[4], order.join(', ')).toContain('Restart');
  const code = order.findIndex((what) => what.includes('#code-scroll'));
  const lessons = order.flatMap((what, i) => (what.startsWith('a ') ? [i] : []));
  expect(lessons.length, order.join(', ')).toBeGreaterThanOrEqual(2);
  expect(code, order.join(', ')).toBeGreaterThan(4);
  expect(lessons.every((i) => i > code), order.join(', ')).toBe(true);
  expect(errors).toEqual([]);
});

test('the café runs from the keyboard alone', async ({ page }) => {
  const errors = collectErrors(page);
  const report = engineReport();
  const take = Number(report.scenario.take_order_ms);
  const dispatch = Number(report.scenario.dispatch_ms);
  await openPlayground(page);
  expect(await focusIsOnBody(page)).toBe(true);
  const end = (key) => report.strategies.find((s) => s.strategy === key).metrics.makespan_ms;

  // 1–4 pick the strategy: the radio and the comparison's mark follow.
  for (const [key, strategy] of [['2', 'callbacks'], ['3', 'await'], ['4', 'join'], ['1', 'blocking'], ['2', 'callbacks']]) {
    await page.keyboard.press(key);
    const run = report.strategies.find((s) => s.strategy === strategy);
    await expect(page.getByRole('radio', { name: run.label })).toBeChecked();
    await expect(page.locator(`tr[data-strategy="${strategy}"]`)).toHaveAttribute('aria-current', 'true');
    await expect(page.locator('tr[aria-current="true"]')).toHaveCount(1);
    await expect(page.getByRole('heading', { name: `Results: ${run.label}` })).toBeVisible();
  }
  expect((await readClock(page)).end).toBe(end('callbacks'));

  // Space plays (the clock moves) and pauses (it stops); the page does not scroll.
  await page.keyboard.press(' ');
  await expect(playButton(page)).toHaveText('❚❚ Pause');
  await expect.poll(async () => (await readClock(page)).now).toBeGreaterThan(0);
  await page.keyboard.press(' ');
  await expect(playButton(page)).toHaveText('▶ Play');
  const paused = (await readClock(page)).now;
  await page.waitForTimeout(150);
  expect((await readClock(page)).now, 'paused, the clock stays').toBe(paused);
  expect(await page.evaluate(() => scrollY)).toBe(0);

  // Home goes to the start; → and ← step through events: Ada's order is
  // taken (take_order_ms), then the card reader's button is pressed (dispatch_ms).
  await page.keyboard.press('Home');
  await expect(page.locator('.transport .clock')).toHaveText(`0 ms / ${end('callbacks')} ms`);
  await page.keyboard.press('ArrowRight');
  await expect(page.locator('.transport .clock')).toHaveText(`${take} ms / ${end('callbacks')} ms`);
  await expect(page.locator('.loop .doing')).toHaveText('Barista: pressing the card reader button for Ada');
  await page.keyboard.press('ArrowRight');
  await expect(page.locator('.transport .clock')).toHaveText(`${take + dispatch} ms / ${end('callbacks')} ms`);
  await page.keyboard.press('ArrowLeft');
  await expect(page.locator('.transport .clock')).toHaveText(`${take} ms / ${end('callbacks')} ms`);
  await page.keyboard.press('End');
  await expect(page.locator('.transport .clock')).toHaveText(`${end('callbacks')} ms / ${end('callbacks')} ms`);
  await expect(page.locator('#scene-words')).toContainText('8 served, 0 cookies, 0 lost.');
  await page.keyboard.press('Home');
  await expect(page.locator('.transport .clock')).toHaveText(`0 ms / ${end('callbacks')} ms`);

  // ? opens the shortcuts dialog with the focus in it; Escape closes it and
  // gives the focus back to the page.
  await page.keyboard.press('?');
  const dialog = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole('button', { name: 'Close' })).toBeFocused();
  await expect(dialog).toContainText('play / pause');
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  expect(await focusIsOnBody(page)).toBe(true);

  // The same dialog from its button, closed with its own button: the focus
  // comes back to the "?" button.
  const helpButton = page.getByRole('button', { name: 'Keyboard shortcuts' });
  await tabTo(page, helpButton, 'Shift+Tab');
  await page.keyboard.press('Enter');
  await expect(dialog).toBeVisible();
  await page.keyboard.press('Enter');
  await expect(dialog).toBeHidden();
  await expect(helpButton).toBeFocused();

  // Shortcuts leave focused controls alone: "4" on a button is not the page's.
  await page.keyboard.press('4');
  await expect(page.getByRole('radio', { name: 'Callbacks' })).toBeChecked();

  // Back through the transport to the speed menu; the arrow keys choose 16×.
  const speed = page.getByRole('combobox', { name: 'Speed' });
  await tabTo(page, speed, 'Shift+Tab', 5);
  for (let i = 0; i < 6; i++) await page.keyboard.press('ArrowDown');
  await expect(speed).toHaveValue('16×');

  // Enter on "▶ Play" plays the whole run to the end.
  await tabTo(page, playButton(page), 'Shift+Tab', 5);
  await playToTheEnd(page, () => page.keyboard.press('Enter'));
  await expect(page.locator('#scene-words')).toContainText('8 served, 0 cookies, 0 lost.');

  // "Large type" from the keyboard, and back.
  await tabTo(page, page.getByRole('button', { name: 'Large type' }), 'Shift+Tab', 30);
  await page.keyboard.press('Space');
  await expect(page.getByRole('button', { name: 'Large type' })).toHaveAttribute('aria-pressed', 'true');
  await expect(page.locator('main.playground')).toHaveClass(/large/);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('button', { name: 'Large type' })).toHaveAttribute('aria-pressed', 'false');
  expect(errors).toEqual([]);
});
