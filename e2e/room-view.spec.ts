import { test, expect, Page } from './test';
import { importFile } from './helpers';

// Issue 12, sections 2 and 5: the room sees the owners it asks about, and what the page says
// stays true.

const grid = (page: Page) => page.getByRole('table', { name: 'RACI matrix' });
const cell = (page: Page, role: string, activity: string) =>
  grid(page).locator(`td[aria-label^="${role}, ${activity}:"]`);

/** Where an element is against the grid's visible part, right of the sticky Activity column. */
async function placeInGrid(page: Page, selector: string) {
  return page.evaluate((selector) => {
    const element = document.querySelector(selector)!;
    const scroller = document.querySelector('.grid-scroll')!;
    const corner = document.querySelector('table.matrix th.corner')!.getBoundingClientRect();
    const area = scroller.getBoundingClientRect();
    const box = element.getBoundingClientRect();
    return {
      clearOfStickyColumn: box.left >= corner.right - 1,
      insideRight: box.right <= area.left + scroller.clientLeft + scroller.clientWidth + 1,
    };
  }, selector);
}

test.beforeEach(async ({ page }) => {
  await page.goto('/');
  await page.evaluate(() => localStorage.clear());
  await page.reload();
  await expect(grid(page)).toBeVisible();
});

test('a searched activity shows who is accountable and responsible even with their columns out of view', async ({ page }) => {
  await page.setViewportSize({ width: 1024, height: 768 });
  await page.getByPlaceholder('Search activities').fill('budgets');
  const row = grid(page).getByRole('rowheader', { name: /Set budgets and cost alerts/ });
  await expect(row).toContainText('A: FinOps · R: FinOps');
});

test('the role view brings its column into view beside the sticky Activity column', async ({ page }) => {
  await page.getByRole('tab', { name: 'Role view' }).click();
  await page.locator('#role-view-role').selectOption({ label: 'Enterprise architecture' });
  const header = 'table.matrix thead th.highlighted';
  await expect(page.locator(header)).toHaveCount(1);
  await expect.poll(() => placeInGrid(page, header)).toEqual({ clearOfStickyColumn: true, insideRight: true });
  await page.locator('#role-view-role').selectOption({ label: 'Cloud CoE' });
  await expect.poll(() => placeInGrid(page, header)).toEqual({ clearOfStickyColumn: true, insideRight: true });
});

test('an edge shadow shows that columns go on out of view', async ({ page }) => {
  // Compact columns fit the example at this width: comfortable ones do not.
  await page.getByLabel('Density').selectOption('Comfortable');
  const frame = page.locator('.grid-frame');
  await expect(frame.locator('.overflow-cue-right')).toBeVisible();
  await expect(frame.locator('.overflow-cue-left')).toBeHidden();
  await page.locator('.grid-scroll').evaluate((e) => (e.scrollLeft = e.scrollWidth));
  await expect(frame.locator('.overflow-cue-right')).toBeHidden();
  await expect(frame.locator('.overflow-cue-left')).toBeVisible();
});

test('the sticky Activity column never covers the selected cell after moving back, undo or reload', async ({ page }) => {
  const first = (activity: string) => `td[aria-label^="Cloud CoE, ${activity}:"]`;
  await cell(page, 'Enterprise architecture', 'Provision new accounts').click();
  await page.keyboard.press('Home');
  await expect.poll(() => placeInGrid(page, first('Provision new accounts'))).toMatchObject({ clearOfStickyColumn: true });

  await page.keyboard.press('c');
  await page.keyboard.press('End');
  await page.keyboard.press('Control+z');
  await expect(cell(page, 'Cloud CoE', 'Provision new accounts')).toHaveClass(/active/);
  await expect.poll(() => placeInGrid(page, first('Provision new accounts'))).toMatchObject({ clearOfStickyColumn: true });

  await page.reload();
  await expect(cell(page, 'Cloud CoE', 'Provision new accounts')).toHaveClass(/active/);
  await expect.poll(() => placeInGrid(page, first('Provision new accounts'))).toMatchObject({ clearOfStickyColumn: true });
});

test('the import banner states the file and time, can be dismissed, and goes when the import is undone', async ({ page }) => {
  const csv = 'Activity,Ops,Security\nPatch,R,A\nBackups,A,C\n';
  await importFile(page, 'ops.csv', csv);
  const banner = page.getByLabel('Notes on the last file read');
  await expect(banner).toContainText(/Imported "ops\.csv" at \d\d:\d\d, read as delimited text, comma-separated/);
  // No counts that an edit would make wrong.
  await expect(banner).not.toContainText('activities');
  await page.getByRole('button', { name: 'Undo', exact: true }).click();
  await expect(banner).toHaveCount(0);
  await importFile(page, 'ops.csv', csv);
  await page.getByRole('button', { name: 'Dismiss notes' }).click();
  await expect(banner).toHaveCount(0);
});

test('the callout opened from a finding sits next to its cell, inside the viewport', async ({ page }) => {
  for (const size of [{ width: 1280, height: 800 }, { width: 1024, height: 768 }]) {
    await page.setViewportSize(size);
    await page.locator('.grid-scroll').evaluate((e) => {
      e.scrollLeft = e.scrollWidth;
      e.scrollTop = e.scrollHeight;
    });
    const finding = page
      .getByRole('region', { name: 'Findings' })
      .locator('[data-rule="multiple-accountable"]', { hasText: 'Approve exceptions' });
    await finding.getByRole('button').click();
    const callout = page.locator('#cell-callout');
    await expect(callout).toBeVisible();
    const target = grid(page).locator('td.active');
    // The cell it explains is in view, not under the sticky Activity column.
    await expect.poll(() => placeInGrid(page, 'table.matrix td.active')).toEqual({ clearOfStickyColumn: true, insideRight: true });
    const [c, t] = [await callout.boundingBox(), await target.boundingBox()];
    // Just under (or over) the cell, overlapping it horizontally, and on screen.
    const gap = Math.min(Math.abs(c!.y - (t!.y + t!.height)), Math.abs(t!.y - (c!.y + c!.height)));
    expect(gap).toBeLessThan(12);
    expect(c!.x).toBeLessThan(t!.x + t!.width);
    expect(c!.x + c!.width).toBeGreaterThan(t!.x);
    expect(c!.x).toBeGreaterThanOrEqual(0);
    expect(c!.y).toBeGreaterThanOrEqual(0);
    expect(c!.x + c!.width).toBeLessThanOrEqual(size.width);
    expect(c!.y + c!.height).toBeLessThanOrEqual(size.height);
  }
});

test('the side pane collapses, is remembered, and still shows the findings count', async ({ page }) => {
  await page.getByRole('button', { name: 'Hide panel' }).click();
  await expect(page.getByRole('tab', { name: /Findings/ })).toBeHidden();
  const show = page.getByRole('button', { name: /Show panel/ });
  await expect(show).toContainText(/\d+ findings/);
  // The room the matrix may take (its box hugs a narrow matrix).
  const before = await page.locator('.grid-frame').evaluate((e) => e.clientWidth);
  await page.reload();
  await expect(show).toBeVisible();
  expect(await page.locator('.grid-frame').evaluate((e) => e.clientWidth)).toBeGreaterThan(800);
  expect(before).toBeGreaterThan(800);
  await show.click();
  await expect(page.getByRole('tab', { name: /Findings/ })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Hide panel' })).toBeFocused();
});
