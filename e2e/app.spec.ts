import { test, expect, Page } from './test';
import * as fs from 'fs';
import * as path from 'path';
import { importFile, importPreview, pickFile } from './helpers';

const fixtures = path.join(__dirname, '..', 'tests', 'fixtures');
const shots = path.join(__dirname, 'screenshots');

async function open(page: Page) {
  await page.goto('/');
  await expect(page.getByRole('table', { name: 'RACI matrix' })).toBeVisible();
}

function findings(page: Page) {
  return page.getByRole('region', { name: 'Findings' });
}

test.beforeEach(async ({ page }) => {
  // Every test starts as a first visit.
  await page.goto('/');
  await page.evaluate(() => localStorage.clear());
});

test('first visit shows the example matrix with its findings', async ({ page }) => {
  await open(page);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Cloud operating model');
  const table = page.getByRole('table', { name: 'RACI matrix' });
  for (const role of ['Cloud CoE', 'Platform team', 'Security', 'FinOps', 'Enterprise architecture']) {
    await expect(table.getByRole('columnheader', { name: role })).toBeVisible();
  }
  for (const activity of ['Design the account structure', 'Define backup and restore policy']) {
    await expect(table.getByRole('rowheader', { name: activity })).toBeVisible();
  }
  const panel = findings(page);
  await expect(panel.locator('[data-rule="multiple-accountable"]')).toContainText(
    'Approve exceptions to guardrails',
  );
  await expect(panel.locator('[data-rule="unassigned-activity"]')).toContainText(
    'Define backup and restore policy',
  );
  await expect(panel.locator('[data-rule="missing-accountable"]').first()).toContainText(
    'Manage production changes',
  );
  await expect(panel.locator('[data-rule="idle-role"]')).toContainText('Enterprise architecture');
  await expect(panel.locator('[data-rule="unresolved-cell"]')).toContainText('Run vulnerability management');
  const jump = page.getByRole('button', { name: /^Findings: / });
  await expect(jump).toBeHidden();
  await page.screenshot({ path: path.join(shots, 'example-1280x800.png') });
  await page.setViewportSize({ width: 1024, height: 768 });
  await page.screenshot({ path: path.join(shots, 'example-1024x768.png') });
  // At 1024 wide the findings sit under the grid: their counts show above it, and lead down.
  await page.getByRole('tab', { name: /^Rules/ }).click();
  await page.evaluate(() => window.scrollTo(0, 0));
  await expect(jump).toHaveText('Findings: 1 conflict, 4 gaps, 3 warnings ↓');
  await jump.click();
  await expect(page.getByRole('tab', { name: /^Findings/ })).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByRole('tab', { name: /^Findings/ })).toBeFocused();
  await expect(findings(page)).toBeInViewport();
});

test('importing a semicolon CSV from Excel replaces the matrix and reports what was read', async ({ page }) => {
  await open(page);
  const csv =
    '\ufeffTask;Description;Ops;Security;Finance\r\n' +
    'Rotate keys;Quarterly;r/a;C;\r\n' +
    'Approve budget;;I;;Accountable\r\n' +
    'Decommission servers;;;;\r\n';
  await importFile(page, 'Ops review-2026-11-20.csv', csv);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Ops review');
  const table = page.getByRole('table', { name: 'RACI matrix' });
  await expect(table.getByRole('columnheader', { name: 'Finance' })).toBeVisible();
  await expect(table.getByRole('rowheader', { name: 'Rotate keys' })).toBeVisible();
  await expect(table.getByRole('cell', { name: 'Ops, Rotate keys: Accountable and Responsible' })).toBeVisible();
  const report = page.getByLabel('Notes on the last file read');
  await expect(report).toContainText('semicolon');
  await expect(report).toContainText('UTF-8');
  const panel = findings(page);
  await expect(panel.locator('[data-rule="missing-responsible"]')).toContainText('Approve budget');
  await expect(panel.locator('[data-rule="unassigned-activity"]')).toContainText('Decommission servers');
});

test('the file input is the one element a user finds by the label "Import"', async ({ page }) => {
  await open(page);
  await expect(page.getByLabel('Import')).toHaveCount(1);
  await importFile(page, 'Payments.csv', 'Activity,Dev,Ops\nDeploy,R,A\n');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Payments');
  await expect(page.getByLabel('Import')).toHaveCount(1);
});

test('a bad file is explained and the current matrix is kept', async ({ page }) => {
  await open(page);
  await pickFile(page, { name: 'broken.json', contents: '{"activities": [1, 2,' });
  const alert = importPreview(page).getByRole('alert');
  await expect(alert).toContainText('broken.json');
  await expect(alert).toContainText(/line 1/i);
  await importPreview(page).getByRole('button', { name: 'Cancel' }).click();
  await expect(importPreview(page)).toBeHidden();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Cloud operating model');
  await pickFile(page, { name: 'empty.csv', contents: '' });
  await expect(importPreview(page).getByRole('alert')).toContainText('empty');
  await importPreview(page).getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByRole('table', { name: 'RACI matrix' }).getByRole('rowheader', { name: 'Provision new accounts' })).toBeVisible();
});

test('an imported matrix survives a reload', async ({ page }) => {
  await open(page);
  await importFile(page, 'Payments.csv', 'Activity,Dev,Ops\nDeploy,R,A\nRollback,A/R,C\n');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Payments');
  await page.reload();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Payments');
  await expect(page.getByRole('table', { name: 'RACI matrix' }).getByRole('rowheader', { name: 'Rollback' })).toBeVisible();
});

test('exports download clean files named after the title', async ({ page }) => {
  await open(page);
  await importFile(page, 'Payments.csv', 'Activity,Dev,Ops\n=HYPERLINK("x"),R,A\nRollback,A/R,C\n');
  const [csv] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export CSV' }).click()]);
  expect(csv.suggestedFilename()).toMatch(/^Payments-\d{4}-\d{2}-\d{2}\.csv$/);
  const text = fs.readFileSync(await csv.path(), 'utf8');
  expect(text.startsWith('\ufeff')).toBe(true);
  expect(text).toContain(`"'=HYPERLINK(""x"")",R,A`);
  expect(text).toContain('Rollback,A/R,C');

  const [json] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export JSON' }).click()]);
  const doc = JSON.parse(fs.readFileSync(await json.path(), 'utf8'));
  expect(doc.format).toBe('raci-workshop');
  expect(doc.activities[1].cells).toEqual({ Dev: 'A/R', Ops: 'C' });

  const [md] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export Markdown' }).click()]);
  const markdown = fs.readFileSync(await md.path(), 'utf8');
  expect(markdown).toContain('# Payments');
  expect(markdown).toContain('| Rollback | A/R | C |');
});
