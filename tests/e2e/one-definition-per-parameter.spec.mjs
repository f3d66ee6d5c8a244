// Every parameter is defined once (the engine's parameter table), so the
// form, links and the command line agree: what the form shows is what is
// simulated, and a link the app writes is read back with no notice. These
// are the four disagreements of issue 11, replayed by a person: each opens a
// link or uses the form, and checks the form against the café the page
// simulates (its own Share link, and the engine's run of the same
// parameters).
import { expect, test } from '@playwright/test';
import { engineReport } from './engine.mjs';
import { checkHeadline, collectErrors, openPlayground, readHeadline, sharedLink } from './helpers.mjs';

/** The link's parameters as a map (long keys; the page writes long keys for short links). */
const linkParams = (link) => Object.fromEntries(new URL(link).searchParams.entries());

/** Waits until the headline is the engine's run (blocking, the shown strategy) of `args`. */
async function showsEngineRun(page, args) {
  const run = engineReport(args).strategies.find((s) => s.strategy === 'blocking');
  await expect
    .poll(async () => {
      try {
        checkHeadline(await readHeadline(page), run);
        return true;
      } catch {
        return false;
      }
    })
    .toBe(true);
}

/** No notice about the link. */
const noNotice = (page) => expect(page.locator('.notices')).toHaveCount(0);

test('?steamers=32: the form shows 32, valid, and typing a number of steamers the engine takes is taken', async ({ page }) => {
  const errors = collectErrors(page);
  await openPlayground(page, '/?steamers=32');
  await noNotice(page);
  const box = page.locator('#param-steamers');
  await expect(box).toHaveValue('32');
  expect(await box.evaluate((el) => el.validity.valid), 'the box accepts what the café runs').toBe(true);
  expect(linkParams(await sharedLink(page)).steamers).toBe('32');
  await showsEngineRun(page, ['--set', 'steamers=32']);

  // Typing: 64 is the most the engine takes, and the box says so.
  await box.fill('64');
  await box.press('Enter');
  await expect(page.locator('#param-steamers-error')).toBeHidden();
  expect(await box.evaluate((el) => el.validity.valid)).toBe(true);
  expect(linkParams(await sharedLink(page)).steamers).toBe('64');
  // 65 is refused by both, visibly, and the café keeps 64.
  await box.fill('65');
  await box.press('Enter');
  await expect(page.locator('#param-steamers-error')).toHaveText('steamers = "65": out of range (expected 1 to 64); kept 64.');
  await expect(box).toHaveAttribute('aria-invalid', 'true');
  expect(await box.evaluate((el) => el.validity.rangeOverflow)).toBe(true);
  expect(linkParams(await sharedLink(page)).steamers).toBe('64');
  expect(errors).toEqual([]);
});

test('?steam_ms=5000: the control, its read-out and the café all say 5000 ms', async ({ page }) => {
  const errors = collectErrors(page);
  await openPlayground(page, '/?steam_ms=5000');
  await noNotice(page);
  await expect(page.locator('#param-steam_ms')).toHaveValue('5000');
  await expect(page.locator('#param-steam_ms-out')).toHaveText('5000 ms');
  expect(await page.locator('#param-steam_ms').evaluate((el) => el.validity.valid)).toBe(true);
  expect(linkParams(await sharedLink(page)).steam_ms).toBe('5000');
  await showsEngineRun(page, ['--set', 'steam_ms=5000']);
  // Anything the engine accepts can be typed: an hour.
  await page.locator('#param-steam_ms').fill('3600000');
  await page.locator('#param-steam_ms').press('Enter');
  await expect(page.locator('#param-steam_ms-out')).toHaveText('3600000 ms');
  await expect(page.locator('#param-steam_ms-error')).toBeHidden();
  expect(linkParams(await sharedLink(page)).steam_ms).toBe('3600000');
  expect(errors).toEqual([]);
});

test('?latte=pay+steam+assemble: the recipe select shows that recipe, as the code does', async ({ page }) => {
  const errors = collectErrors(page);
  await openPlayground(page, '/?latte=pay+steam+assemble&strategy=await');
  await noNotice(page);
  const recipe = page.locator('#param-latte');
  await expect(recipe).toHaveValue('pay+steam+assemble');
  await expect(recipe.locator('option:checked')).toHaveText('pay → steam → assemble');
  // Ada's latte: the code has no grind step, and the select does not offer one.
  await page.locator('#follow').selectOption({ label: 'Ada' });
  await expect(page.locator('#code-lines')).toContainText('await steam(order);');
  await expect(page.locator('#code-lines')).not.toContainText('grind');
  await expect(recipe).not.toContainText('grind');
  expect(linkParams(await sharedLink(page)).latte).toBe('pay steam assemble');
  // Looking the price up first keeps the rest of that recipe.
  await recipe.selectOption({ label: 'lookup → pay → steam → assemble' });
  expect(linkParams(await sharedLink(page)).latte).toBe('lookup pay steam assemble');
  await expect(page.locator('#code-lines')).toContainText('lookupPrice(order)');
  await expect(page.locator('#code-lines')).not.toContainText('grind');
  expect(errors).toEqual([]);
});

test('ticking "Cache the prices" brings the lookup along, and the shared link opens with no notice', async ({ page, context }) => {
  const errors = collectErrors(page);
  await openPlayground(page, '/');
  const recipe = page.locator('#param-latte');
  await expect(recipe).toHaveValue('pay+grind+steam+assemble');
  // The form says what the cache needs before it is ticked.
  await expect(page.locator('#param-cache')).toHaveAccessibleDescription(/Needs a price lookup in a recipe/);
  await page.locator('#param-cache').check();
  // The dependency came along, visibly.
  await expect(recipe).toHaveValue('lookup+pay+grind+steam+assemble');
  await expect(page.locator('#param-cache-note')).toHaveText('The cache needs a price lookup: the latte now looks the price up first.');
  await expect(page.locator('#param-cache-error')).toBeHidden();
  await showsEngineRun(page, ['--set', 'latte=lookup+pay+grind+steam+assemble', '--set', 'cache=true']);
  const link = await sharedLink(page);
  expect(linkParams(link)).toMatchObject({ cache: 'true', latte: 'lookup pay grind steam assemble' });

  // The app reads its own link back: no notice, the same form, the same café.
  const other = await context.newPage();
  const otherErrors = collectErrors(other);
  await openPlayground(other, link);
  await noNotice(other);
  await expect(other.locator('#param-cache')).toBeChecked();
  await expect(other.locator('#param-latte')).toHaveValue('lookup+pay+grind+steam+assemble');
  expect(await sharedLink(other)).toBe(link);

  // Dropping the lookup switches the cache off, and says so.
  await page.locator('#param-latte').selectOption('pay+grind+steam+assemble');
  await expect(page.locator('#param-cache')).not.toBeChecked();
  await expect(page.locator('#param-cache-note')).toHaveText('No recipe looks the price up now: the cache is off.');
  const params = linkParams(await sharedLink(page));
  expect(params.cache).toBeUndefined();
  expect(params.latte).toBeUndefined();
  expect(errors).toEqual([]);
  expect(otherErrors).toEqual([]);
});

test('ticking hand-off with no helper brings one along, and taking it away is refused', async ({ page }) => {
  const errors = collectErrors(page);
  await openPlayground(page, '/?preset=karen&strategy=await');
  const helpers = page.locator('#param-helpers');
  await expect(helpers).toHaveValue('0');
  await page.locator('#param-offload').check();
  await expect(helpers).toHaveValue('1');
  await expect(page.locator('#param-offload-note')).toHaveText('Handing off needs a helper: one helper is in the back room now.');
  expect(linkParams(await sharedLink(page))).toMatchObject({ helpers: '1', offload: 'true' });
  await helpers.fill('0');
  await helpers.press('Enter');
  await expect(page.locator('#param-helpers-error')).toHaveText('helpers = "0": offload needs at least one helper; kept 1.');
  expect(linkParams(await sharedLink(page))).toMatchObject({ helpers: '1', offload: 'true' });
  expect(errors).toEqual([]);
});
