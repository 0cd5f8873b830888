import { test, expect, Page } from './test';
import * as path from 'path';

// Editing at the projector: keyboard first, findings react at once, undo and redo, nothing lost.

const grid = (page: Page) => page.getByRole('table', { name: 'RACI matrix' });
const findings = (page: Page) => page.getByRole('region', { name: 'Findings' });
const cell = (page: Page, role: string, activity: string) =>
  grid(page).locator(`td[aria-label^="${role}, ${activity}:"]`);

/** Activity names in the order the grid shows them. */
async function activityNames(page: Page) {
  return grid(page).locator('th[scope="row"] .activity-name').allTextContents();
}

async function focusedLabel(page: Page) {
  return page.evaluate(() => document.activeElement?.getAttribute('aria-label') ?? '');
}

test.beforeEach(async ({ page }) => {
  await page.goto('/');
  await page.evaluate(() => localStorage.clear());
  await page.reload();
  await expect(grid(page)).toBeVisible();
});

test('typing letters fixes an abandoned activity and findings follow each keystroke', async ({ page }) => {
  const abandoned = findings(page).locator('[data-rule="unassigned-activity"]');
  await expect(abandoned).toContainText('Define backup and restore policy');
  await cell(page, 'Platform team', 'Define backup and restore policy').click();
  await page.keyboard.press('a');
  await expect(cell(page, 'Platform team', 'Define backup and restore policy')).toHaveAttribute(
    'aria-label',
    'Platform team, Define backup and restore policy: Accountable',
  );
  await expect(abandoned).toHaveCount(0);
  const noDoer = findings(page).locator('[data-rule="missing-responsible"]', { hasText: 'Define backup' });
  await expect(noDoer).toHaveCount(1);
  // Screen readers hear what the keystroke did, not the whole list.
  const announced = findings(page).getByRole('status');
  await expect(announced).toHaveText(
    /^New: "Define backup and restore policy" has no Responsible\. Resolved: "Define backup and restore policy" has no letters at all\. Findings now: 1 conflict, 4 gaps, 3 warnings\.$/,
  );
  await page.keyboard.press('r');
  await expect(noDoer).toHaveCount(0);

  await page.keyboard.press('Control+z');
  await expect(noDoer).toHaveCount(1);
  await page.keyboard.press('Control+z');
  await expect(abandoned).toHaveCount(1);
  await page.keyboard.press('Control+Shift+z');
  await expect(abandoned).toHaveCount(0);
  await page.keyboard.press('Control+y');
  await expect(noDoer).toHaveCount(0);
  await page.screenshot({ path: path.join(__dirname, 'screenshots', 'editing-1280x800.png') });
});

test('the focused cell explains its findings and their fix next to it', async ({ page }) => {
  const callout = page.locator('#cell-callout');
  const abandoned = findings(page).locator('[data-rule="unassigned-activity"]', { hasText: 'Define backup' });
  const abandonedMessage = (await abandoned.locator('.finding-message').textContent())!;
  await expect(callout).toBeHidden();

  const target = cell(page, 'Platform team', 'Define backup and restore policy');
  await target.click();
  await expect(callout).toBeVisible();
  await expect(callout).toHaveAttribute('role', 'tooltip');
  await expect(callout).toContainText(abandonedMessage);
  await expect(callout).toContainText('Fix: ');
  // Screen readers hear it as the focused cell's description.
  await expect(target).toHaveAttribute('aria-describedby', 'cell-callout');
  await page.screenshot({ path: path.join(__dirname, 'screenshots', 'callout-1280x800.png') });

  // The explanation follows the edit: the activity is no longer abandoned, but nobody does it.
  await page.keyboard.press('a');
  await expect(callout).not.toContainText(abandonedMessage);
  const noDoer = findings(page).locator('[data-rule="missing-responsible"]', { hasText: 'Define backup' });
  await expect(callout).toContainText((await noDoer.locator('.finding-message').textContent())!);

  // Arrow keys carry it along; it goes away when the grid loses focus.
  await page.keyboard.press('ArrowUp');
  await expect(cell(page, 'Platform team', 'Define backup and restore policy')).not.toHaveAttribute('aria-describedby', 'cell-callout');
  await page.getByRole('heading', { level: 1 }).click();
  await expect(callout).toBeHidden();
});

test('arrows, Tab, Enter, Home and End move like a spreadsheet', async ({ page }) => {
  await cell(page, 'Cloud CoE', 'Design the account structure').click();
  expect(await focusedLabel(page)).toMatch(/^Cloud CoE, Design the account structure:/);
  await page.keyboard.press('ArrowRight');
  expect(await focusedLabel(page)).toMatch(/^Platform team, Design the account structure:/);
  await page.keyboard.press('ArrowDown');
  expect(await focusedLabel(page)).toMatch(/^Platform team, Provision new accounts:/);
  await page.keyboard.press('Tab');
  expect(await focusedLabel(page)).toMatch(/^Security, Provision new accounts:/);
  await page.keyboard.press('Shift+Tab');
  await page.keyboard.press('Enter');
  expect(await focusedLabel(page)).toMatch(/^Platform team, Design network connectivity:/);
  await page.keyboard.press('End');
  expect(await focusedLabel(page)).toMatch(/^Enterprise architecture, Design network connectivity:/);
  await page.keyboard.press('Home');
  expect(await focusedLabel(page)).toMatch(/^Cloud CoE, Design network connectivity:/);
});

test('a selection of many cells is set and cleared at once', async ({ page }) => {
  await cell(page, 'Networking', 'Define cloud strategy and guardrails').click();
  await page.keyboard.press('Shift+ArrowDown');
  await page.keyboard.press('Shift+ArrowDown');
  await expect(grid(page).locator('td.selected')).toHaveCount(3);
  await expect(page.getByRole('status').filter({ hasText: '3 cells selected' })).toHaveCount(1);
  await page.keyboard.press('i');
  for (const activity of ['Define cloud strategy and guardrails', 'Maintain the RACI matrix', 'Approve exceptions to guardrails']) {
    await expect(cell(page, 'Networking', activity)).toHaveAttribute('aria-label', /Informed$/);
  }
  await page.keyboard.press('Delete');
  for (const activity of ['Define cloud strategy and guardrails', 'Maintain the RACI matrix', 'Approve exceptions to guardrails']) {
    await expect(cell(page, 'Networking', activity)).toHaveAttribute('aria-label', /: empty$/);
  }
  // One undo brings the whole selection back.
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect(cell(page, 'Networking', 'Maintain the RACI matrix')).toHaveAttribute(
    'aria-label',
    /: Consulted and Informed$/,
  );
});

test('Space opens a letter picker for pointer users', async ({ page }) => {
  await cell(page, 'FinOps', 'Patch operating systems').click();
  await page.keyboard.press(' ');
  const picker = page.getByRole('dialog', { name: 'Pick letters' });
  await expect(picker).toContainText('FinOps, Patch operating systems');
  await picker.getByRole('button', { name: 'Consulted' }).click();
  await expect(cell(page, 'FinOps', 'Patch operating systems')).toHaveAttribute('aria-label', /: Consulted$/);
  await picker.getByRole('button', { name: 'Done' }).click();
  await expect(picker).toHaveCount(0);
});

test('edits and their undo history survive a reload', async ({ page }) => {
  await cell(page, 'Security', 'Manage production changes').click();
  await page.keyboard.press('a');
  await expect(cell(page, 'Security', 'Manage production changes')).toHaveAttribute('aria-label', /: Accountable and Consulted$/);
  await page.waitForTimeout(600); // saving is debounced
  await page.reload();
  await expect(cell(page, 'Security', 'Manage production changes')).toHaveAttribute('aria-label', /: Accountable and Consulted$/);
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect(cell(page, 'Security', 'Manage production changes')).toHaveAttribute('aria-label', /: Consulted$/);
});

test('clicking a finding selects its cell, and the filter shows only rows with findings', async ({ page }) => {
  await findings(page).locator('[data-rule="unresolved-cell"]').getByRole('button').click();
  expect(await focusedLabel(page)).toBe('App teams, Run vulnerability management: Responsible and Consulted');
  await page.getByLabel('Only rows with findings').check();
  await expect(grid(page).getByRole('rowheader', { name: 'Provision new accounts' })).toHaveCount(0);
  await expect(grid(page).getByRole('rowheader', { name: 'Run vulnerability management' })).toBeVisible();
});

test('a group collapses and expands', async ({ page }) => {
  await grid(page).getByRole('button', { name: 'Collapse group Platform' }).click();
  await expect(grid(page).getByRole('rowheader', { name: 'Provision new accounts' })).toHaveCount(0);
  await grid(page).getByRole('button', { name: 'Expand group Platform' }).click();
  await expect(grid(page).getByRole('rowheader', { name: 'Provision new accounts' })).toBeVisible();
});

test('activities and roles are added, renamed, moved, regrouped and deleted, each undoable', async ({ page }) => {
  await cell(page, 'Security', 'Provision new accounts').click();
  await page.getByRole('button', { name: 'Add activity' }).click();
  const nameField = page.getByLabel('Activity name');
  await expect(nameField).toBeFocused();
  await nameField.fill('Rotate root credentials');
  await page.keyboard.press('Enter');
  await expect(grid(page).getByRole('rowheader', { name: 'Rotate root credentials' })).toBeVisible();
  let names = await activityNames(page);
  expect(names.indexOf('Rotate root credentials')).toBe(names.indexOf('Provision new accounts') + 1);
  // It joined the Platform group, right under the row it was added from, and is abandoned.
  await expect(findings(page).locator('[data-rule="unassigned-activity"]', { hasText: 'Rotate root credentials' })).toHaveCount(1);

  await page.getByRole('button', { name: 'Add role' }).click();
  await page.getByLabel('Role name').fill('Internal audit');
  await page.keyboard.press('Enter');
  await expect(grid(page).getByRole('columnheader', { name: 'Internal audit' })).toBeVisible();

  // F2 renames the focused cell's activity; Escape keeps the old name.
  await cell(page, 'Security', 'Manage identity and access').click();
  await page.keyboard.press('F2');
  await page.getByLabel('Activity name').fill('Something else');
  await page.keyboard.press('Escape');
  await expect(grid(page).getByRole('rowheader', { name: 'Manage identity and access' })).toBeVisible();
  // Double-click renames a role.
  await grid(page).getByRole('columnheader', { name: 'FinOps' }).dblclick();
  await page.getByLabel('Role name').fill('Cloud finance');
  await page.keyboard.press('Enter');
  await expect(grid(page).getByRole('columnheader', { name: 'Cloud finance' })).toBeVisible();

  // Alt+Down moves the row; the group select moves it to another group.
  await cell(page, 'Security', 'Manage identity and access').click();
  names = await activityNames(page);
  const before = names.indexOf('Manage identity and access');
  await page.keyboard.press('Alt+ArrowDown');
  await expect.poll(async () => (await activityNames(page)).indexOf('Manage identity and access')).toBe(before + 1);
  await page.getByLabel('Group', { exact: true }).selectOption({ label: 'Operations' });
  await expect(grid(page).locator('tr', { has: page.getByRole('rowheader', { name: 'Manage identity and access' }) })
    .locator('xpath=preceding-sibling::tr[contains(@class,"group-row")][1]')).toContainText('Operations');

  await page.getByRole('button', { name: 'Delete activity' }).click();
  await expect(grid(page).getByRole('rowheader', { name: 'Manage identity and access' })).toHaveCount(0);
  await page.keyboard.press('Control+z');
  await expect(grid(page).getByRole('rowheader', { name: 'Manage identity and access' })).toBeVisible();
  await page.screenshot({ path: path.join(__dirname, 'screenshots', 'structure-1280x800.png') });
});

test('a large matrix renders the rows in view and the keyboard still reaches every cell', async ({ page }) => {
  const roles = Array.from({ length: 12 }, (_, r) => `Team ${r + 1}`);
  const lines = [['Activity', ...roles].join(',')];
  for (let a = 1; a <= 400; a++) lines.push([`Step ${a}`, ...roles.map((_, r) => (r === a % 12 ? 'A/R' : ''))].join(','));
  await page.getByLabel('Import', { exact: true }).setInputFiles({
    name: 'Large.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(lines.join('\n')),
  });
  await page.getByRole('button', { name: 'Replace current matrix' }).click();
  await expect(grid(page).getByRole('rowheader', { name: 'Step 1', exact: true })).toBeVisible();
  // Only the rows near the view are in the DOM.
  expect(await grid(page).locator('th[scope="row"]').count()).toBeLessThan(120);
  await cell(page, 'Team 1', 'Step 1').click();
  await page.keyboard.press('Control+End');
  await expect.poll(() => focusedLabel(page)).toMatch(/^Team 12, Step 400:/);
  await page.keyboard.press('c');
  await expect(cell(page, 'Team 12', 'Step 400')).toHaveAttribute('aria-label', /: Consulted$/);
  await page.keyboard.press('Control+Home');
  await expect.poll(() => focusedLabel(page)).toMatch(/^Team 1, Step 1:/);

  // Paper gets every row, and the screen goes back to the rows in view afterwards.
  await page.evaluate(() => window.dispatchEvent(new Event('beforeprint')));
  await expect(grid(page).locator('th[scope="row"]')).toHaveCount(400);
  await page.evaluate(() => window.dispatchEvent(new Event('afterprint')));
  await expect.poll(() => grid(page).locator('th[scope="row"]').count()).toBeLessThan(120);
});

test('a long list of findings shows the first hundred and the rest on request', async ({ page }) => {
  const lines = ['Activity,Ops,Dev'];
  for (let a = 1; a <= 120; a++) lines.push(`Task ${a},C,I`);
  await page.getByLabel('Import', { exact: true }).setInputFiles({
    name: 'Many.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(lines.join('\n')),
  });
  await page.getByRole('button', { name: 'Replace current matrix' }).click();
  const gaps = findings(page).locator('li.finding-gap');
  await expect(gaps).toHaveCount(100);
  // Paper gets them all.
  await page.evaluate(() => window.dispatchEvent(new Event('beforeprint')));
  await expect(gaps).toHaveCount(240);
  await page.evaluate(() => window.dispatchEvent(new Event('afterprint')));
  await expect(gaps).toHaveCount(100);
  await findings(page).getByRole('button', { name: 'Show all 240 gaps' }).click();
  await expect(gaps).toHaveCount(240);
});
