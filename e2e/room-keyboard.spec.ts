import { test, expect, Page } from './test';

// Issue 12, sections 1 and 3: a keyboard-only facilitator is never trapped in the grid, and adds,
// renames and deletes rows and roles as in a spreadsheet.

const grid = (page: Page) => page.getByRole('table', { name: 'RACI matrix' });
const cell = (page: Page, role: string, activity: string) =>
  grid(page).locator(`td[aria-label^="${role}, ${activity}:"]`);

/** Where the keyboard is: the focused element's tag, name, and whether it is in the grid or the side pane. */
async function focused(page: Page) {
  return page.evaluate(() => {
    const a = document.activeElement;
    return {
      tag: a?.tagName ?? '',
      label: a?.getAttribute('aria-label') ?? a?.textContent?.trim() ?? '',
      inGrid: !!a?.closest('table.matrix'),
      inPane: !!a?.closest('.side-pane'),
    };
  });
}

async function activityNames(page: Page) {
  return grid(page).locator('th[scope="row"] .activity-name').allTextContents();
}

async function roleNames(page: Page) {
  return grid(page).locator('thead .role-name').allTextContents();
}

test.beforeEach(async ({ page }) => {
  await page.goto('/');
  await page.evaluate(() => localStorage.clear());
  await page.reload();
  await expect(grid(page)).toBeVisible();
});

test('from a cell, Tab goes on cell by cell and then out of the grid to the side pane', async ({ page }) => {
  await cell(page, 'Security', 'Set budgets and cost alerts').click();
  await page.keyboard.press('Tab');
  // Inside the grid Tab still moves as in a spreadsheet.
  expect((await focused(page)).label).toMatch(/^Networking, Set budgets and cost alerts:/);
  let steps = 0;
  while (!(await focused(page)).inPane && steps < 60) {
    await page.keyboard.press('Tab');
    steps += 1;
  }
  expect(await focused(page)).toMatchObject({ inPane: true, inGrid: false });
  // Shift+Tab comes back to the cell the grid was left on: the last one.
  await page.keyboard.press('Shift+Tab');
  const back = await focused(page);
  expect(back.inGrid).toBe(true);
  expect(back.label).toMatch(/^Enterprise architecture, Maintain the tagging strategy:/);
});

test('from outside, one Tab enters the grid; Shift+Tab on the first cell and Escape leave it', async ({ page }) => {
  await page.getByRole('button', { name: 'Add role' }).focus();
  await page.keyboard.press('Tab');
  const entered = await focused(page);
  expect(entered).toMatchObject({ tag: 'TD', inGrid: true });
  expect(entered.label).toMatch(/^Cloud CoE, Define cloud strategy and guardrails:/);

  await page.keyboard.press('Shift+Tab');
  expect(await focused(page)).toMatchObject({ tag: 'BUTTON', inGrid: false });

  await cell(page, 'FinOps', 'Provision new accounts').click();
  await page.keyboard.press('Escape');
  await expect(page.getByRole('button', { name: 'Add activity' })).toBeFocused();
  // One Tab stop in between: the grid is entered again on the cell it was left on.
  await page.getByRole('button', { name: 'Delete role' }).focus();
  await page.keyboard.press('Tab');
  expect((await focused(page)).label).toMatch(/^FinOps, Provision new accounts:/);
});

test('groups fold from the keyboard, since their buttons are not tab stops of their own', async ({ page }) => {
  await cell(page, 'Security', 'Provision new accounts').click();
  await page.keyboard.press('Alt+Shift+ArrowUp');
  await expect(page.getByRole('button', { name: 'Expand group Platform' })).toHaveAttribute('aria-expanded', 'false');
  expect((await focused(page)).label).toMatch(/^Security, Manage identity and access:/);
  await page.keyboard.press('Alt+Shift+ArrowDown');
  await expect(page.getByRole('button', { name: 'Collapse group Platform' })).toHaveAttribute('aria-expanded', 'true');
});

test('a new activity or role is named by typing, and Escape takes a fresh one back', async ({ page }) => {
  const before = await activityNames(page);
  await cell(page, 'Security', 'Provision new accounts').click();
  await page.getByRole('button', { name: 'Add activity' }).click();
  await page.keyboard.type('Review thresholds');
  await page.keyboard.press('Enter');
  const names = await activityNames(page);
  expect(names[names.indexOf('Provision new accounts') + 1]).toBe('Review thresholds');

  await page.getByRole('button', { name: 'Add role' }).click();
  await page.keyboard.type('Auditor');
  await page.keyboard.press('Enter');
  const roles = await roleNames(page);
  expect(roles[roles.indexOf('Security') + 1]).toBe('Auditor');

  // Escape right after adding: the row goes again, as one undo step.
  await page.getByRole('button', { name: 'Add activity' }).click();
  await expect(page.getByLabel('Activity name')).toBeFocused();
  await page.keyboard.press('Escape');
  expect(await activityNames(page)).toEqual([...before.slice(0, 5), 'Review thresholds', ...before.slice(5)]);
  await page.getByRole('button', { name: 'Add role' }).click();
  await page.keyboard.press('Escape');
  expect(await roleNames(page)).not.toContain('New role');
  // The next undo takes back what was done before: the role Auditor.
  await page.getByRole('button', { name: 'Undo', exact: true }).click();
  expect(await roleNames(page)).not.toContain('Auditor');
});

test('a double-click on Add activity adds one row', async ({ page }) => {
  const count = (await activityNames(page)).length;
  await cell(page, 'Security', 'Provision new accounts').click();
  await page.getByRole('button', { name: 'Add activity' }).dblclick();
  await expect(grid(page).locator('th[scope="row"]')).toHaveCount(count + 1);
});

test('renaming a role to a name in use explains it beside the field, keeps the text, and Escape cancels', async ({ page }) => {
  await grid(page).getByRole('columnheader', { name: 'Security' }).dblclick();
  const field = page.getByLabel('Role name');
  await field.fill('FinOps');
  await field.press('Enter');
  await expect(field).toBeVisible();
  await expect(field).toHaveValue('FinOps');
  await expect(field).toHaveAttribute('aria-invalid', 'true');
  const error = grid(page).getByRole('columnheader').locator('.rename-error');
  await expect(error).toHaveText('There is already a role called "FinOps".');
  // Next to the field, not in a banner at the top of the page.
  const [fieldBox, errorBox] = [await field.boundingBox(), await error.boundingBox()];
  expect(Math.abs(errorBox!.y - (fieldBox!.y + fieldBox!.height))).toBeLessThan(12);
  await expect(page.locator('.banner-problem')).toHaveCount(0);
  await field.press('Escape');
  await expect(field).toHaveCount(0);
  expect(await roleNames(page)).toContain('Security');
});

test('keys add an activity below and a role to the right, and delete them undoably', async ({ page }) => {
  await expect(page.getByRole('button', { name: 'Add activity' })).toHaveAttribute('title', /Alt\+Enter/);
  await expect(page.getByRole('button', { name: 'Add role' })).toHaveAttribute('title', /Alt\+Shift\+Enter/);
  await expect(page.getByRole('button', { name: 'Delete activity' })).toHaveAttribute('title', /Alt\+Delete/);
  await expect(page.getByRole('button', { name: 'Delete role' })).toHaveAttribute('title', /Alt\+Shift\+Delete/);

  await cell(page, 'Security', 'Provision new accounts').click();
  await page.keyboard.press('Alt+Enter');
  await page.keyboard.type('Review thresholds');
  await page.keyboard.press('Enter');
  let names = await activityNames(page);
  expect(names[names.indexOf('Provision new accounts') + 1]).toBe('Review thresholds');
  // The keyboard is back on the grid, on the new row.
  expect((await focused(page)).label).toMatch(/^Security, Review thresholds:/);

  await page.keyboard.press('Alt+Shift+Enter');
  await page.keyboard.type('Auditor');
  await page.keyboard.press('Enter');
  let roles = await roleNames(page);
  expect(roles[roles.indexOf('Security') + 1]).toBe('Auditor');

  await page.keyboard.press('Alt+Shift+Delete');
  expect(await roleNames(page)).not.toContain('Auditor');
  // The columns are drawn anew; the keyboard is back on a cell of the same row with the next frame.
  await expect(page.locator('table.matrix td:focus')).toHaveAttribute('aria-label', /, Review thresholds:/);
  await page.keyboard.press('Alt+Delete');
  names = await activityNames(page);
  expect(names).not.toContain('Review thresholds');
  await page.keyboard.press('Control+z');
  expect(await activityNames(page)).toContain('Review thresholds');
  await page.keyboard.press('Control+z');
  roles = await roleNames(page);
  expect(roles).toContain('Auditor');
});

test('the matrix title is renamed where it is shown', async ({ page }) => {
  const heading = page.getByRole('heading', { level: 1 });
  await heading.getByRole('button').click();
  const field = page.getByLabel('Matrix title');
  await expect(field).toBeFocused();
  await page.keyboard.type('Platform review');
  await page.keyboard.press('Enter');
  await expect(heading).toHaveText('Platform review');
  await expect(page).toHaveTitle(/^Platform review/);
  await heading.getByRole('button').click();
  await page.keyboard.type('Something else');
  await page.keyboard.press('Escape');
  await expect(heading).toHaveText('Platform review');
  // One undo step.
  await page.keyboard.press('Control+z');
  await expect(heading).toHaveText('Cloud operating model');
});
