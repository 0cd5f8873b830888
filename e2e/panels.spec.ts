import { test, expect, Page } from './test';
import * as path from 'path';

// The side panels a facilitator uses at the projector: rule settings, the role view, the search
// box and large type. Every test starts from the example matrix (a first visit).

const shots = path.join(__dirname, 'screenshots');
const grid = (page: Page) => page.getByRole('table', { name: 'RACI matrix' });
const findings = (page: Page) => page.getByRole('region', { name: 'Findings' });
const tab = (page: Page, name: string) => page.getByRole('tab', { name });
const rulesPanel = (page: Page) => page.getByRole('tabpanel', { name: 'Rules' });
const roleView = (page: Page) => page.getByRole('tabpanel', { name: 'Role view' });
const legend = (page: Page) => page.getByLabel('Legend');
const cell = (page: Page, role: string, activity: string) =>
  grid(page).locator(`td[aria-label^="${role}, ${activity}:"]`);
const finding = (page: Page, rule: string, text?: string) =>
  findings(page).locator(`[data-rule="${rule}"]`, text ? { hasText: text } : {});

/** No finding of `rule`, checked in a findings region that is on screen (never vacuously). */
async function expectNoFinding(page: Page, rule: string) {
  await expect(findings(page)).toBeVisible();
  await expect(finding(page, rule)).toHaveCount(0);
}

async function focusedLabel(page: Page) {
  return page.evaluate(() => document.activeElement?.getAttribute('aria-label') ?? '');
}

/** Screenshots at 1280x800 and 1024x768; at 1024 the side pane sits below the grid, so `pane`
 * scrolls down to it first. */
async function shoot(page: Page, name: string, pane = true) {
  await page.screenshot({ path: path.join(shots, `${name}-1280x800.png`) });
  await page.setViewportSize({ width: 1024, height: 768 });
  if (pane) {
    await page.locator('.side-pane').evaluate((e) => e.scrollIntoView({ block: 'start' }));
  }
  await page.screenshot({ path: path.join(shots, `${name}-1024x768.png`) });
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.setViewportSize({ width: 1280, height: 800 });
}

test.beforeEach(async ({ page }) => {
  await page.goto('/');
  await page.evaluate(() => localStorage.clear());
  await page.reload();
  await expect(grid(page)).toBeVisible();
});

test('findings are the pane shown by default', async ({ page }) => {
  await expect(tab(page, 'Findings')).toHaveAttribute('aria-selected', 'true');
  await expect(findings(page)).toBeVisible();
  await expect(finding(page, 'idle-role')).toBeVisible();
  await expect(rulesPanel(page)).toBeHidden();
  // Arrow keys move between tabs.
  await tab(page, 'Findings').focus();
  await page.keyboard.press('ArrowRight');
  await expect(tab(page, 'Changes')).toHaveAttribute('aria-selected', 'true');
  await expect(tab(page, 'Changes')).toBeFocused();
  await page.keyboard.press('End');
  await expect(rulesPanel(page)).toBeVisible();
  await expect(findings(page)).toBeHidden();
});

test('"exactly one Responsible" flags activities with two R, and switching back clears them', async ({ page }) => {
  await expectNoFinding(page, 'too-many-responsible');
  await tab(page, 'Rules').click();
  await rulesPanel(page).getByLabel('Exactly one').check();
  await tab(page, 'Findings').click();
  const twoDoers = [
    'Respond to security incidents',
    'Run vulnerability management',
    'Patch operating systems',
    'Maintain the tagging strategy',
  ];
  await expect(finding(page, 'too-many-responsible')).toHaveCount(twoDoers.length);
  for (const activity of twoDoers) {
    await expect(finding(page, 'too-many-responsible', activity)).toBeVisible();
  }
  await expect(findings(page).locator('.finding-conflict[data-rule="too-many-responsible"]')).toHaveCount(4);
  await tab(page, 'Rules').click();
  await shoot(page, 'panel-rules');
  await rulesPanel(page).getByLabel('At least one').check();
  await tab(page, 'Findings').click();
  await expectNoFinding(page, 'too-many-responsible');
});

test('raising max Consulted removes the too-many-consulted finding; bad input keeps the last good value', async ({ page }) => {
  await expect(finding(page, 'too-many-consulted', 'Maintain the RACI matrix')).toHaveCount(1);
  await tab(page, 'Rules').click();
  const maxConsulted = rulesPanel(page).getByLabel('Most Consulted per activity');
  await expect(maxConsulted).toHaveValue('3');
  await maxConsulted.fill('5');
  await expect(rulesPanel(page).getByRole('listitem').filter({ hasText: 'Too many Consulted' })).toContainText('0');
  await tab(page, 'Findings').click();
  await expect(findings(page)).toBeVisible();
  await expectNoFinding(page, 'too-many-consulted');

  await tab(page, 'Rules').click();
  await maxConsulted.fill('2.5');
  await expect(rulesPanel(page).getByRole('alert').filter({ hasText: 'is not a whole number from 1 to 30' })).toBeVisible();
  await expect(maxConsulted).toHaveAttribute('aria-invalid', 'true');
  await maxConsulted.fill('');
  await expect(rulesPanel(page).getByRole('alert').filter({ hasText: 'Enter a whole number from 1 to 30' })).toBeVisible();
  await maxConsulted.blur();
  await expect(maxConsulted).toHaveValue('5');
  await shoot(page, 'panel-rules-bad-input');
  await maxConsulted.fill('4');
  await expect(maxConsulted).toHaveAttribute('aria-invalid', 'false');
  await expect(rulesPanel(page).getByRole('alert')).toHaveCount(0);
  // The last good value (5) held throughout; now 4 is used.
  await tab(page, 'Findings').click();
  await expect(finding(page, 'too-many-consulted', 'Maintain the RACI matrix')).toHaveCount(1);
});

test('turning off idle-role removes the Enterprise architecture finding', async ({ page }) => {
  await expect(finding(page, 'idle-role', 'Enterprise architecture')).toHaveCount(1);
  await tab(page, 'Rules').click();
  const idle = rulesPanel(page).getByRole('checkbox', { name: /^Idle role/ });
  await expect(idle).toBeChecked();
  await idle.uncheck();
  await tab(page, 'Findings').click();
  await expectNoFinding(page, 'idle-role');
  await tab(page, 'Rules').click();
  await idle.check();
  await tab(page, 'Findings').click();
  await expect(finding(page, 'idle-role', 'Enterprise architecture')).toHaveCount(1);
});

test('every change of the rules is a step of undo, and typing into one field is one step', async ({ page }) => {
  const undo = page.getByRole('button', { name: 'Undo' });
  const redo = page.getByRole('button', { name: 'Redo' });
  await expect(undo).toBeDisabled();
  await tab(page, 'Rules').click();
  const idle = rulesPanel(page).getByRole('checkbox', { name: /^Idle role/ });
  await idle.uncheck();
  const maxConsulted = rulesPanel(page).getByLabel('Most Consulted per activity');
  await maxConsulted.selectText();
  await page.keyboard.type('15');
  await expect(maxConsulted).toHaveValue('15');

  await undo.click();
  await expect(maxConsulted).toHaveValue('3');
  await expect(idle).not.toBeChecked();
  await undo.click();
  await expect(idle).toBeChecked();
  await expect(undo).toBeDisabled();
  await tab(page, 'Findings').click();
  await expect(finding(page, 'idle-role', 'Enterprise architecture')).toHaveCount(1);
  await redo.click();
  await expectNoFinding(page, 'idle-role');
  await redo.click();
  await tab(page, 'Rules').click();
  await expect(maxConsulted).toHaveValue('15');
});

test('rule settings survive a reload, and Restore defaults brings the defaults back', async ({ page }) => {
  await tab(page, 'Rules').click();
  const panel = rulesPanel(page);
  await panel.getByLabel('Exactly one').check();
  await panel.getByLabel('Most Consulted per activity').fill('5');
  await panel.getByLabel('Overloaded above (% of activities)').fill('70');
  await panel.getByLabel('Overload rule from (activities)').fill('8');
  await panel.getByRole('checkbox', { name: /^Idle role/ }).uncheck();
  await page.waitForTimeout(600); // saving is debounced
  await page.reload();
  await expect(grid(page)).toBeVisible();
  await expectNoFinding(page, 'idle-role');
  await expectNoFinding(page, 'too-many-consulted');
  await expect(finding(page, 'too-many-responsible')).toHaveCount(4);
  await tab(page, 'Rules').click();
  await expect(panel.getByLabel('Exactly one')).toBeChecked();
  await expect(panel.getByLabel('Most Consulted per activity')).toHaveValue('5');
  await expect(panel.getByLabel('Overloaded above (% of activities)')).toHaveValue('70');
  await expect(panel.getByLabel('Overload rule from (activities)')).toHaveValue('8');
  await expect(panel.getByRole('checkbox', { name: /^Idle role/ })).not.toBeChecked();

  await panel.getByRole('button', { name: 'Restore defaults' }).click();
  await expect(panel.getByLabel('At least one')).toBeChecked();
  await expect(panel.getByLabel('Most Consulted per activity')).toHaveValue('3');
  await expect(panel.getByRole('checkbox', { name: /^Idle role/ })).toBeChecked();
  await tab(page, 'Findings').click();
  await expect(finding(page, 'idle-role', 'Enterprise architecture')).toHaveCount(1);
  await expectNoFinding(page, 'too-many-responsible');
});

test('changing the scheme to DACI changes the legend and the wording, and Undo brings RACI back', async ({ page }) => {
  await expect(legend(page)).toContainText('Accountable');
  await tab(page, 'Rules').click();
  const scheme = rulesPanel(page).getByLabel('Scheme');
  await scheme.selectOption('DACI');
  await expect(legend(page)).toContainText('DACI');
  await expect(legend(page)).toContainText('Approver');
  await expect(legend(page)).not.toContainText('Accountable');
  await expect(cell(page, 'Cloud CoE', 'Design the account structure')).toHaveAttribute(
    'aria-label',
    'Cloud CoE, Design the account structure: Approver',
  );
  await expect(rulesPanel(page).getByRole('group', { name: 'Driver per activity' })).toBeVisible();
  await shoot(page, 'panel-rules-daci');
  await tab(page, 'Findings').click();
  await expect(finding(page, 'multiple-accountable', 'Approve exceptions to guardrails')).toContainText('Approver');

  await page.getByRole('button', { name: 'Undo', exact: true }).click();
  await expect(legend(page)).toContainText('RACI');
  await expect(legend(page)).toContainText('Accountable');
  await tab(page, 'Rules').click();
  await expect(scheme).toHaveValue('RACI');
  await expect(cell(page, 'Cloud CoE', 'Design the account structure')).toHaveAttribute(
    'aria-label',
    'Cloud CoE, Design the account structure: Accountable',
  );
});

test('the role view lists what Security holds and jumps to the cell', async ({ page }) => {
  await tab(page, 'Role view').click();
  const view = roleView(page);
  await view.getByRole('combobox', { name: 'Role', exact: true }).selectOption({ label: 'Security' });
  await expect(view.getByRole('heading', { name: 'Security' })).toBeVisible();
  await expect(view).toContainText('Holds R or A on 4 of 15 activities');
  await expect(view.getByRole('heading', { name: 'Accountable for (4)' })).toBeVisible();
  await expect(grid(page).getByRole('columnheader', { name: 'Security' })).toHaveClass(/highlighted/);
  await shoot(page, 'panel-role-view');

  const accountable = view.getByRole('list', { name: 'Accountable for' });
  const exceptions = accountable.getByRole('button', { name: /Approve exceptions to guardrails/ });
  await expect(exceptions).toBeVisible();
  await exceptions.click();
  await expect.poll(() => focusedLabel(page)).toMatch(/^Security, Approve exceptions to guardrails:/);

  // Closing the role view (another tab) takes the highlight away.
  await tab(page, 'Findings').click();
  await expect(grid(page).getByRole('columnheader', { name: 'Security' })).not.toHaveClass(/highlighted/);
});

test('search "patch" leaves only "Patch operating systems", and Escape clears it', async ({ page }) => {
  const rowHeaders = grid(page).locator('th[scope="row"]');
  await expect(rowHeaders).toHaveCount(15);
  const search = page.getByRole('searchbox', { name: 'Search activities' });
  await search.fill('patch');
  await expect(rowHeaders).toHaveCount(1);
  // The name, and who owns it (their columns may be out of view).
  await expect(rowHeaders.locator('.activity-name')).toHaveText('Patch operating systems');
  await expect(rowHeaders).toContainText('A: App teams · R: Platform team, App teams');
  await expect(page.getByText('1 of 15 activities')).toBeVisible();
  await shoot(page, 'search', false);
  await expect(grid(page).getByRole('button', { name: /group Platform$/ })).toHaveCount(0);
  await expect(grid(page).getByRole('button', { name: 'Collapse group Operations' })).toBeVisible();
  await search.press('Escape');
  await expect(search).toHaveValue('');
  await expect(rowHeaders).toHaveCount(15);
  await expect(page.getByText('of 15 activities')).toHaveCount(0);
});

test('large type is a toggle that survives a reload', async ({ page }) => {
  const toggle = page.getByRole('button', { name: 'Large type' });
  await expect(toggle).toHaveAttribute('aria-pressed', 'false');
  const bodySize = () => page.evaluate(() => getComputedStyle(document.body).fontSize);
  const normal = parseFloat(await bodySize());
  await toggle.click();
  await expect(toggle).toHaveAttribute('aria-pressed', 'true');
  expect(parseFloat(await bodySize())).toBeGreaterThan(normal);
  await shoot(page, 'large-type', false);
  await page.reload();
  await expect(grid(page)).toBeVisible();
  await expect(page.getByRole('button', { name: 'Large type' })).toHaveAttribute('aria-pressed', 'true');
  expect(parseFloat(await bodySize())).toBeGreaterThan(normal);
  await page.getByRole('button', { name: 'Large type' }).click();
  await page.reload();
  await expect(page.getByRole('button', { name: 'Large type' })).toHaveAttribute('aria-pressed', 'false');
  expect(parseFloat(await bodySize())).toBe(normal);
});

test('the panels in the dark', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'dark' });
  await shoot(page, 'panel-findings-dark');
  await tab(page, 'Rules').click();
  await shoot(page, 'panel-rules-dark');
  await tab(page, 'Role view').click();
  await roleView(page).getByRole('combobox', { name: 'Role', exact: true }).selectOption({ label: 'Platform team' });
  await shoot(page, 'panel-role-view-dark');
});
