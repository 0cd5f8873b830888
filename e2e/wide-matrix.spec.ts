import { test, expect, Page } from './test';
import { axeViolations, importFile } from './helpers';

// A wide matrix draws only the role columns near the view: the keyboard still reaches every
// column, edits land in the right one, and screen readers are told the true column count.

/** `activities` x `roles`, "Role N" columns, a few letters in each row. */
function wide(activities: number, roles: number) {
  const names = Array.from({ length: roles }, (_, r) => `Role ${r + 1}`);
  const lines = [['Activity', ...names].join(',')];
  for (let a = 0; a < activities; a++) {
    lines.push([`Activity ${a + 1}`, ...names.map((_, r) => (r === a % roles ? 'A' : r % 7 === 0 ? 'C' : ''))].join(','));
  }
  return lines.join('\n');
}

const grid = (page: Page) => page.getByRole('table', { name: 'RACI matrix' });
const focused = (page: Page) => grid(page).locator('td.active');

async function openWide(page: Page, activities: number, roles: number) {
  await page.goto('/');
  await importFile(page, `wide-${activities}x${roles}.csv`, wide(activities, roles));
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`wide-${activities}x${roles}`);
}

test('a wide matrix draws the columns in view and tells screen readers the true count', async ({ page }) => {
  await openWide(page, 40, 60);
  await expect(grid(page)).toHaveAttribute('aria-colcount', '61');
  const headers = grid(page).locator('thead th.role-header');
  await expect(headers.first()).toHaveText('Role 1');
  expect(await headers.count()).toBeLessThan(40);
  await expect(headers.first()).toHaveAttribute('aria-colindex', '2');
  // Every drawn row has as many cells as the header.
  const drawn = await headers.count();
  await expect(grid(page).locator('tbody tr[data-activity-row]').first().locator('td.cell')).toHaveCount(drawn);
  expect(await axeViolations(page)).toEqual([]);
});

test('the keyboard reaches the last column of a wide matrix, edits it and comes back', async ({ page }) => {
  await openWide(page, 300, 60);
  await grid(page).locator('td[data-role]').first().click();
  await page.keyboard.press('End');
  await expect(focused(page)).toHaveAttribute('aria-label', /^Role 60, Activity 1: /);
  await expect(focused(page)).toBeFocused();
  await expect(focused(page)).toHaveAttribute('aria-colindex', '61');
  await expect(grid(page).locator('thead th.focus-column')).toHaveText('Role 60');
  await expect(grid(page).locator('thead th.role-header').last()).toHaveText('Role 60');
  await expect(grid(page).locator('thead th.role-header').first()).not.toHaveText('Role 1');
  await page.keyboard.press('r');
  await expect(focused(page)).toHaveAttribute('aria-label', 'Role 60, Activity 1: Responsible');
  // Back to the first column, and down to the last cell of the grid, far below and right.
  await page.keyboard.press('Home');
  await expect(focused(page)).toHaveAttribute('aria-label', /^Role 1, Activity 1: /);
  await expect(focused(page)).toBeFocused();
  await page.keyboard.press('Control+End');
  await expect(focused(page)).toHaveAttribute('aria-label', /^Role 60, Activity 300: /);
  await expect(focused(page)).toBeFocused();
  // The edit far right is still there when its column comes back into view.
  await page.keyboard.press('Control+Home');
  await page.keyboard.press('End');
  await expect(focused(page)).toHaveAttribute('aria-label', 'Role 60, Activity 1: Responsible');
});

test('a selection across drawn and new columns keeps its marks while scrolling', async ({ page }) => {
  await openWide(page, 40, 60);
  await grid(page).locator('td[data-role]').first().click();
  for (let i = 0; i < 24; i++) await page.keyboard.press('Shift+ArrowRight');
  await expect(focused(page)).toHaveAttribute('aria-label', /^Role 25, Activity 1: /);
  await expect(page.getByRole('status').filter({ hasText: '25 cells selected' })).toHaveCount(1);
  // Every drawn cell of the range is marked, including those drawn as the window moved.
  const marked = await grid(page).locator('tr[data-activity-row]').first().locator('td.selected').count();
  const drawnInRange = await grid(page)
    .locator('tr[data-activity-row]')
    .first()
    .locator('td.cell')
    .evaluateAll((cells) => cells.filter((c) => /^Role (\d+),/.test(c.getAttribute('aria-label') ?? '') && Number(/^Role (\d+),/.exec(c.getAttribute('aria-label')!)![1]) <= 25).length);
  expect(marked).toBe(drawnInRange);
  expect(marked).toBeGreaterThan(5);
});

test('paper gets every column of a wide matrix, and the role view reaches one far right', async ({ page }) => {
  await openWide(page, 40, 60);
  const headers = grid(page).locator('thead th.role-header');
  const firstRowCells = grid(page).locator('tr[data-activity-row]').first().locator('td.cell');
  await page.evaluate(() => window.dispatchEvent(new Event('beforeprint')));
  await expect(headers).toHaveCount(60);
  await expect(firstRowCells).toHaveCount(60);
  await page.evaluate(() => window.dispatchEvent(new Event('afterprint')));
  await expect.poll(() => headers.count()).toBeLessThan(40);
  await expect.poll(() => firstRowCells.count()).toBe(await headers.count());

  // The role view on the last role scrolls its column into view and highlights it.
  await page.getByRole('tab', { name: 'Role view' }).click();
  const view = page.getByRole('tabpanel', { name: 'Role view' });
  await view.getByRole('combobox', { name: 'Role', exact: true }).selectOption({ label: 'Role 58' });
  const header = grid(page).getByRole('columnheader', { name: 'Role 58' });
  await expect(header).toHaveClass(/highlighted/);
  await expect(header).toBeInViewport();
});
