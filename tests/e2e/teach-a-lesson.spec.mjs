// A teacher runs a lesson in presenter mode from the keyboard: answers with
// Enter or a letter and keeps their place (focus), goes past the last step
// to the end of the lesson, goes back and finds every answer kept, sees the
// feedback follow the run, and leaves presenter mode with Escape.
import { expect, test } from '@playwright/test';
import { collectErrors, describeViolations, playButton, seriousAxeViolations, settle } from './helpers.mjs';

/** What has the focus: `feedback`, `answer N`, `end`, `body` or a tag. */
const focused = (page) =>
  page.evaluate(() => {
    const a = document.activeElement;
    if (!a || a === document.body) return 'body';
    if (a.id === 'lesson-feedback') return 'feedback';
    if (a.id === 'lesson-end-title') return 'end';
    if (a.dataset.choice !== undefined) return `answer ${a.dataset.choice}`;
    return a.tagName.toLowerCase();
  });

test('a teacher answers, finishes, goes back and leaves presenter mode from the keyboard', async ({ page }) => {
  const errors = collectErrors(page);
  await page.goto('/?lesson=karen-freezes-the-loop&step=3&present=1');
  const lesson = page.locator('#lesson');
  const progress = lesson.locator('.lesson-progress');
  const feedback = lesson.locator('.lesson-answer');
  await expect(progress).toContainText('step 3 of 4');
  await expect(page.locator('html')).toHaveAttribute('data-present', '');

  // Enter on an answer button: the panel is redrawn, the focus is kept.
  const under = lesson.getByRole('button', { name: /Under 200 ms/ });
  await under.focus();
  await page.keyboard.press('Enter');
  await expect(feedback).toContainText('Right.');
  await expect(feedback).toContainText('Press Play to see it happen.');
  await expect.poll(() => focused(page)).toMatch(/^(feedback|answer 1)$/);
  await expect(lesson.getByRole('button', { name: /Under 200 ms/ })).toHaveAttribute('aria-pressed', 'true');

  // At the end of the run the feedback no longer says "Press Play".
  await page.keyboard.press('End');
  await expect(feedback).toContainText('The run has ended');
  await expect(feedback).not.toContainText('Press Play');
  await page.keyboard.press('Space');
  await expect(playButton(page)).toHaveText('❚❚ Pause');
  await expect(feedback).toContainText('Watch it happen.');
  await page.keyboard.press('Space');
  await expect(playButton(page)).toHaveText('▶ Play');

  // The last step: a letter answers (wrongly), and the focus is kept too.
  await page.keyboard.press('n');
  await expect(progress).toContainText('step 4 of 4');
  await expect(feedback).toHaveText('');
  await page.keyboard.press('a');
  await expect(feedback).toContainText('Not quite.');
  await expect.poll(() => focused(page)).toMatch(/^(feedback|answer 0)$/);

  // N on the last step: the end of the lesson, the answers kept.
  await page.keyboard.press('n');
  const end = lesson.locator('.lesson-end');
  await expect(end.getByRole('heading', { name: 'End of the lesson' })).toBeVisible();
  await expect(end.locator('.lesson-score')).toHaveText('1 of 4 predictions right. 2 steps were not answered.');
  const summary = end.locator('.lesson-summary li');
  await expect(summary).toHaveCount(4);
  await expect(summary.nth(2)).toContainText('You said Under 200 ms: right.');
  await expect(summary.nth(3)).toContainText('You said Yes, it stays under three; the answer is No, it still grows past five.');
  await expect(lesson.getByRole('button', { name: /Back to step 1/ })).toBeVisible();
  await expect.poll(() => focused(page)).toBe('end');
  await settle(page);
  const violations = await seriousAxeViolations(page);
  expect(violations, `axe on the end of the lesson:\n${describeViolations(violations)}`).toEqual([]);
  // Pressing N again stays at the end.
  await page.keyboard.press('n');
  await expect(end).toBeVisible();

  // P goes back, and each step shows the answer given there.
  await page.keyboard.press('p');
  await expect(progress).toContainText('step 4 of 4');
  await expect(feedback).toContainText('Not quite.');
  await expect(lesson.getByRole('button', { name: /Yes, it stays under three/ })).toHaveAttribute('aria-pressed', 'true');
  await page.keyboard.press('p');
  await expect(progress).toContainText('step 3 of 4');
  await expect(feedback).toContainText('Right.');
  await expect(lesson.getByRole('button', { name: /Under 200 ms/ })).toHaveAttribute('aria-pressed', 'true');
  await page.keyboard.press('p');
  await expect(progress).toContainText('step 2 of 4');
  await expect(feedback).toHaveText('');

  // Escape closes an open dialog first, and only then leaves presenter mode.
  const leave = lesson.getByRole('link', { name: 'Leave presenter mode' });
  await expect(leave).toBeVisible();
  await page.keyboard.press('?');
  const shortcuts = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(shortcuts).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(shortcuts).toBeHidden();
  await expect(page.locator('html')).toHaveAttribute('data-present', '');
  await page.keyboard.press('Escape');
  await expect(page).not.toHaveURL(/present=1/);
  await expect(page.locator('html')).not.toHaveAttribute('data-present', '');
  await expect(page.locator('.masthead')).toBeVisible();
  await expect(page.locator('#lesson .lesson-progress')).toContainText('step 2 of 4');
  await expect(page.locator('#lesson').getByRole('link', { name: 'Leave presenter mode' })).toHaveCount(0);
  expect(errors).toEqual([]);
});

test('a teacher with a mouse keeps their place: answers and the lesson buttons keep the focus', async ({ page }) => {
  const errors = collectErrors(page);
  await page.goto('/?lesson=errors-that-vanish&step=4');
  const lesson = page.locator('#lesson');
  await expect(lesson.locator('.lesson-progress')).toContainText('step 4 of 4');
  await lesson.getByRole('button', { name: /No, they keep working/ }).click();
  await expect(lesson.locator('.lesson-answer')).toContainText('Right.');
  await expect.poll(() => focused(page)).toMatch(/^(feedback|answer 1)$/);
  await lesson.getByRole('button', { name: /Previous step/ }).click();
  await expect(lesson.locator('.lesson-progress')).toContainText('step 3 of 4');
  await expect.poll(() => page.evaluate(() => document.activeElement?.className)).toBe('lesson-back');
  await lesson.getByRole('button', { name: /Next step/ }).click();
  await lesson.getByRole('button', { name: /Finish the lesson/ }).click();
  await expect(lesson.getByRole('heading', { name: 'End of the lesson' })).toBeFocused();
  await expect(lesson.locator('.lesson-score')).toHaveText('1 of 4 predictions right. 3 steps were not answered.');
  await lesson.getByRole('button', { name: /Back to step 1/ }).click();
  await expect(lesson.locator('.lesson-progress')).toContainText('step 1 of 4');
  await expect(lesson.getByRole('link', { name: 'Leave the lesson' })).toHaveCount(0);
  expect(errors).toEqual([]);
});
