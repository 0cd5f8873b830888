import AxeBuilder from '@axe-core/playwright';
import * as fs from 'fs';
import { test, expect, Page } from './test';
import { importFile, importPreview } from './helpers';

// The review a room runs: a baseline, the changes since it, decisions, actions, accepted
// findings, escalation and matrix owners, comparing with another file, completing the review
// and its minutes; all of it saved and undoable.

const grid = (page: Page) => page.getByRole('table', { name: 'RACI matrix' });
const findings = (page: Page) => page.getByRole('region', { name: 'Findings' });
const changes = (page: Page) => page.getByRole('region', { name: 'Changes' });
const reviewPanel = (page: Page) => page.getByRole('region', { name: 'Review' });
const actions = (page: Page) => page.getByRole('region', { name: 'Actions' });
const cell = (page: Page, role: string, activity: string) =>
  grid(page).locator(`td[aria-label^="${role}, ${activity}:"]`);
// The Findings tab's name carries its count ("Findings 12").
const tab = (page: Page, name: string) =>
  page.getByRole('tab', { name: name === 'Findings' ? /^Findings/ : name, exact: name !== 'Findings' });

const TEAM_CSV = [
  'Activity,Ops,Security,Dev',
  'Deploy to production,R,C,A',
  'Restore backups,,,',
  'Rotate keys,A,A,R',
].join('\n');

function today() {
  const d = new Date();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

test.beforeEach(async ({ page }) => {
  await page.goto('/');
  await page.evaluate(() => localStorage.clear());
  await page.reload();
  await expect(grid(page)).toBeVisible();
  await importFile(page, 'team.csv', TEAM_CSV);
});

test('a review: changes, a decision and an action survive a reload, go into the minutes, and completing it takes a new baseline', async ({ page }) => {
  await tab(page, 'Changes').click();
  await expect(changes(page)).toContainText(`No changes since the baseline of ${today()}.`);

  // The room changes a cell: it is listed in plain words and marked in the grid.
  await cell(page, 'Ops', 'Deploy to production').click();
  await page.keyboard.press('a');
  await expect(changes(page)).toContainText('1 change since the baseline');
  await expect(changes(page).getByRole('heading', { name: 'Deploy to production' })).toBeVisible();
  const line = changes(page).getByRole('button', { name: 'Ops: R -> A/R' });
  await expect(line).toBeVisible();
  await page.getByLabel('Show changes').check();
  await expect(cell(page, 'Ops', 'Deploy to production')).toHaveClass(/changed/);
  await expect(cell(page, 'Ops', 'Deploy to production')).toHaveAttribute('aria-label', /changed, was R$/);
  await expect(cell(page, 'Security', 'Deploy to production')).not.toHaveClass(/changed/);

  // A change leads to its cell.
  await cell(page, 'Dev', 'Rotate keys').click();
  await line.click();
  await expect
    .poll(() => page.evaluate(() => document.activeElement?.getAttribute('aria-label') ?? ''))
    .toMatch(/^Ops, Deploy to production:/);

  // Alt+N from the grid: one shortcut and typing records a decision about the activity.
  await page.keyboard.press('Alt+n');
  const decision = reviewPanel(page).getByLabel('Decision', { exact: true });
  await expect(decision).toBeFocused();
  await page.keyboard.type('Ops deploys and signs off; Dev is consulted');
  await page.keyboard.press('Enter');
  await expect(reviewPanel(page).locator('.decision')).toContainText('Deploy to production');
  await expect(reviewPanel(page).locator('.decision')).toContainText('Ops deploys and signs off');
  await expect
    .poll(() => page.evaluate(() => document.activeElement?.getAttribute('aria-label') ?? ''))
    .toMatch(/^Ops, Deploy to production:/);
  // The decision shows in the callout of the activity's cells.
  await expect(page.locator('#cell-callout')).toContainText('Ops deploys and signs off');

  // An action with an owner and a due date.
  await tab(page, 'Actions').click();
  await actions(page).getByLabel('Action', { exact: true }).fill('Name an owner for restores');
  await actions(page).getByLabel('Owner', { exact: true }).fill('security');
  await actions(page).getByLabel('Due date').fill('2030-01-15');
  await actions(page).getByLabel('Activity').selectOption({ label: 'Restore backups' });
  await actions(page).getByRole('button', { name: 'Add action' }).click();
  const item = actions(page).locator('.action', { hasText: 'Name an owner for restores' });
  await expect(item).toContainText('Owner: Security');
  await expect(item).toContainText('due 2030-01-15');
  await expect(item).toContainText('Restore backups');
  await expect(item).toContainText('Open');

  // Everything survives a reload.
  await page.waitForTimeout(600);
  await page.reload();
  await tab(page, 'Changes').click();
  await expect(changes(page).getByRole('button', { name: 'Ops: R -> A/R' })).toBeVisible();
  await expect(changes(page)).toContainText('Decision');
  await tab(page, 'Actions').click();
  await expect(actions(page).locator('.action', { hasText: 'Name an owner for restores' })).toBeVisible();

  // The minutes tell it all.
  await tab(page, 'Review').click();
  await reviewPanel(page).getByLabel('Attendees').fill('Ana (Ops), Ben (Security)');
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Export minutes' }).click(),
  ]);
  expect(download.suggestedFilename()).toBe(`team minutes-${today()}.md`);
  const minutes = fs.readFileSync((await download.path())!, 'utf8');
  expect(minutes).toContain('# Review minutes: team');
  expect(minutes).toContain('- **Attendees:** Ana (Ops), Ben (Security)');
  expect(minutes).toContain('1 change; conflicts 1 -> 2');
  expect(minutes).toContain('| Deploy to production | Ops: R -> A/R |');
  expect(minutes).toContain('Ops deploys and signs off; Dev is consulted');
  expect(minutes).toContain('| Name an owner for restores | Security | 2030-01-15 | Open | Restore backups |');
  expect(minutes).toContain('## Findings still open on');

  // Completing the review records it and takes the matrix as it is as the new baseline.
  await reviewPanel(page).getByRole('button', { name: 'Complete review' }).click();
  await expect(reviewPanel(page).getByRole('status')).toContainText(`Review completed on ${today()}: 1 change`);
  await expect(reviewPanel(page).locator('.past-review')).toContainText(`${today()} with Ana (Ops), Ben (Security)`);
  await expect(reviewPanel(page).getByText(`Last review: ${today()}.`)).toBeVisible();
  await tab(page, 'Changes').click();
  await expect(changes(page)).toContainText(`No changes since the baseline of ${today()}.`);
  await expect(cell(page, 'Ops', 'Deploy to production')).not.toHaveClass(/changed/);
  // Undo takes the completion back.
  await page.keyboard.press('Control+z');
  await expect(changes(page)).toContainText('1 change since the baseline');
});

test('comparing with another file lists the differences by name and adopts one, undoably; an unreadable file changes nothing', async ({ page }) => {
  await tab(page, 'Changes').click();
  const practice = [
    'Task,ops,Security,Legal',
    'deploy to  production,A/R,C,',
    'Rotate keys,A,A,',
    'Run game days,R,,A',
  ].join('\n');
  await changes(page).getByLabel('Compare with file').setInputFiles({
    name: 'what-we-do.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(practice),
  });
  await expect(importPreview(page)).toBeVisible();
  await importPreview(page).getByRole('button', { name: 'Compare with current matrix' }).click();
  await expect(importPreview(page)).toBeHidden();
  const comparison = changes(page).getByRole('group', { name: 'Comparison' });
  await expect(comparison).toContainText('Compared with “what-we-do.csv”: 1 cell differs; 1 activity only here; 1 activity only in the file; 1 role only here; 1 role only in the file.');
  await expect(comparison).toContainText('Deploy to production / Ops: R here, A/R in the file');
  await expect(comparison.locator('.one-sided').first()).toContainText('Restore backups');
  // The matrix itself is untouched until something is adopted.
  await expect(cell(page, 'Ops', 'Deploy to production')).toHaveAttribute('aria-label', /: Responsible$/);
  await comparison.getByRole('button', { name: 'Adopt Deploy to production / Ops: R here, A/R in the file' }).click();
  await expect(cell(page, 'Ops', 'Deploy to production')).toHaveAttribute('aria-label', /Accountable and Responsible|A\/R|Accountable, Responsible/);
  await expect(comparison).toContainText('No differences in cells'.slice(0, 0));
  await expect(comparison).not.toContainText('cell differs');
  await page.keyboard.press('Control+z');
  await expect(cell(page, 'Ops', 'Deploy to production')).toHaveAttribute('aria-label', /: Responsible$/);
  await expect(comparison).toContainText('1 cell differs');
  await comparison.getByRole('button', { name: 'Stop comparing' }).click();
  await expect(comparison).toBeHidden();

  // A file that cannot be read gets the importer's message and compares nothing.
  await changes(page).getByLabel('Compare with file').setInputFiles({
    name: 'broken.json',
    mimeType: 'application/json',
    buffer: Buffer.from('{"rows": [1, 2'),
  });
  await expect(importPreview(page)).toContainText('not valid JSON');
  await expect(importPreview(page).getByRole('button', { name: 'Compare with current matrix' })).toHaveCount(0);
  await importPreview(page).getByRole('button', { name: 'Cancel' }).click();
  await expect(changes(page).getByRole('group', { name: 'Comparison' })).toHaveCount(0);
});

test('a finding accepted with a reason shows as accepted until its activity changes', async ({ page }) => {
  const conflict = findings(page).locator('.finding[data-rule="multiple-accountable"]');
  await expect(conflict).toHaveCount(1);
  // The Accept button sits in the item right after the finding's own.
  await findings(page).locator('.finding[data-rule="multiple-accountable"] + .finding-accept').getByRole('button', { name: 'Accept…' }).click();
  await findings(page).getByLabel('Reason').fill('Joint sign-off agreed with the CISO');
  await page.keyboard.press('Enter');
  const accepted = findings(page).locator('.finding-accepted[data-rule="multiple-accountable"]');
  await expect(accepted).toContainText('Accepted: Joint sign-off agreed with the CISO');
  await expect(findings(page).getByRole('heading', { name: 'Accepted (1)' })).toBeVisible();
  await expect(findings(page).locator('.findings-summary')).toContainText('0 conflicts');
  await expect(findings(page).locator('.findings-summary')).toContainText('1 accepted');
  const header = grid(page).locator('th[scope="row"]', { hasText: 'Rotate keys' });
  await expect(header.locator('.mark-accepted')).toBeVisible();
  // The decision is in the record.
  await tab(page, 'Review').click();
  await expect(reviewPanel(page).locator('.decision')).toContainText('Accepts the finding “More than one Accountable”');
  // An edit of what it is about opens it again.
  await cell(page, 'Dev', 'Rotate keys').click();
  await page.keyboard.press('c');
  await tab(page, 'Findings').click();
  await expect(findings(page).locator('.finding-conflict[data-rule="multiple-accountable"]')).toHaveCount(1);
  await expect(accepted).toHaveCount(0);
});

test('escalation and matrix owners: gaps name who resolves them, and the owner rules clear', async ({ page }) => {
  await expect(findings(page).locator('[data-rule="no-matrix-owner"]')).toHaveCount(1);
  // A finding about the matrix as a whole leads to the Review tab, where it is fixed.
  await findings(page).locator('[data-rule="no-matrix-owner"]').getByRole('button').click();
  await expect(tab(page, 'Review')).toHaveAttribute('aria-selected', 'true');
  await tab(page, 'Findings').click();
  await expect(findings(page).locator('[data-rule="missing-escalation-owner"]')).toContainText('with nobody to escalate');
  await tab(page, 'Review').click();
  const escalation = reviewPanel(page).getByLabel('Escalation owner', { exact: true });
  await escalation.fill('Head of Platform');
  await escalation.press('Enter');
  const owner = reviewPanel(page).getByLabel('Matrix owner');
  await owner.fill('Cloud CoE');
  await owner.press('Tab');
  await tab(page, 'Findings').click();
  await expect(findings(page).locator('[data-rule="missing-escalation-owner"]')).toHaveCount(0);
  await expect(findings(page).locator('[data-rule="unassigned-activity"]')).toContainText('Escalate to: Head of Platform.');
  await expect(findings(page).locator('[data-rule="no-matrix-owner"]')).toHaveCount(0);
  await tab(page, 'Review').click();
  const cadence = reviewPanel(page).getByLabel('Review every (days)');
  await expect(cadence).toHaveValue('90');
  await cadence.fill('30');
  await cadence.press('Tab');
  await expect(reviewPanel(page).locator('.review-dates')).toContainText('Next review due:');
  await page.waitForTimeout(600);
  await page.reload();
  await tab(page, 'Review').click();
  await expect(reviewPanel(page).getByLabel('Escalation owner', { exact: true })).toHaveValue('Head of Platform');
  await expect(reviewPanel(page).getByLabel('Review every (days)')).toHaveValue('30');
});

test('deleting an activity that decisions and actions name keeps what the room wrote', async ({ page }) => {
  await cell(page, 'Ops', 'Restore backups').click();
  await page.keyboard.press('Alt+n');
  await page.keyboard.type('Ops owns restores from Q3');
  await page.keyboard.press('Enter');
  await tab(page, 'Review').click();
  await expect(reviewPanel(page).locator('.decision')).toContainText('Restore backups');
  // The structure bar deletes the selected activity.
  await cell(page, 'Ops', 'Restore backups').click();
  await page.getByRole('button', { name: /^Delete activity/ }).click();
  await expect(grid(page)).not.toContainText('Restore backups');
  // The user is told what the record keeps.
  await expect(page.locator('.banner-notice')).toHaveText(/“Restore backups” is deleted; the review record keeps its 1 decision, with its name\./);
  await expect(reviewPanel(page).locator('.decision')).toContainText('Restore backups (deleted)');
  await expect(reviewPanel(page).locator('.decision')).toContainText('Ops owns restores from Q3');
});

for (const scheme of ['light', 'dark'] as const) {
  test(`the review panels pass axe-core (${scheme})`, async ({ page }) => {
    await page.emulateMedia({ colorScheme: scheme });
    await cell(page, 'Ops', 'Deploy to production').click();
    await page.keyboard.press('a');
    await page.getByLabel('Show changes').check();
    const check = async () => {
      const results = await new AxeBuilder({ page })
        .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
        .analyze();
      return results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.length}) e.g. ${v.nodes[0]?.target.join(' ')}`);
    };
    for (const name of ['Changes', 'Actions', 'Review']) {
      await tab(page, name).click();
      expect(await check(), name).toEqual([]);
    }
    await tab(page, 'Findings').click();
    await findings(page).locator('.finding[data-rule="multiple-accountable"] + .finding-accept').first().getByRole('button', { name: 'Accept…' }).click();
    expect(await check(), 'accept form').toEqual([]);
  });
}
