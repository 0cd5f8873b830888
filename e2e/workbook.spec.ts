import { test, expect, Page } from './test';
import * as fs from 'fs';
import * as path from 'path';
import { confirmImport, importFile, importPreview, pickFile } from './helpers';

// Excel workbooks both ways: through the picker and the preview (choosing a sheet), edited,
// exported as Excel by the lazily loaded xlsx worker, and read back to the same matrix.

const fixtures = path.join(__dirname, '..', 'tests', 'fixtures');
const shots = path.join(__dirname, 'screenshots');

const grid = (page: Page) => page.getByRole('table', { name: 'RACI matrix' });
const findings = (page: Page) => page.getByRole('region', { name: 'Findings' });
const cell = (page: Page, role: string, activity: string) =>
  grid(page).locator(`td[aria-label^="${role}, ${activity}:"]`);

/** What the user sees of the matrix and its findings, to compare two loads. */
async function snapshot(page: Page) {
  return {
    title: await page.getByRole('heading', { level: 1 }).textContent(),
    cells: await grid(page).locator('td[aria-label]').evaluateAll((cells) => cells.map((c) => c.getAttribute('aria-label'))),
    rows: await grid(page).locator('th[scope="row"]').allTextContents(),
    findings: (await findings(page).locator('[data-rule]').allTextContents()).sort(),
  };
}

test.beforeEach(async ({ page }) => {
  await page.goto('/');
  await page.evaluate(() => localStorage.clear());
  await page.reload();
  await expect(grid(page)).toBeVisible();
});

test('a workbook is imported through the preview, edited, exported as Excel and read back the same', async ({ page }) => {
  // The main page does not load the Excel module until a workbook is used.
  const workerRequests: string[] = [];
  page.on('request', (r) => {
    if (/raci-xlsx|xlsx-loader|xlsx-client/.test(r.url())) workerRequests.push(r.url());
  });
  await page.getByRole('button', { name: 'Export CSV' }).waitFor();
  expect(workerRequests).toEqual([]);

  await pickFile(page, path.join(fixtures, 'hand-made-raci.xlsx'));
  const dialog = importPreview(page);
  const sheet = dialog.getByLabel('Sheet', { exact: true });
  await expect(sheet.locator('option:checked')).toHaveText('RACI 2024');
  await expect(dialog.getByLabel('Format', { exact: true }).locator('option:checked')).toHaveText('Auto: Excel workbook');
  await expect(dialog).toContainText('Read the sheet "RACI 2024"');
  await expect(dialog).toContainText('look like a legend of the letters');
  await expect(dialog.locator('.import-result-title')).toHaveText('Cloud platform RACI');
  await page.screenshot({ path: path.join(shots, 'workbook-preview-1280x800.png') });

  // The other sheet has no table: the preview says so, and nothing can be replaced.
  await sheet.selectOption('Instructions');
  await expect(dialog.getByRole('alert')).toContainText('Sheet "Instructions"');
  await expect(dialog.getByRole('button', { name: 'Replace current matrix' })).toHaveCount(0);
  await sheet.selectOption('RACI 2024');
  await expect(dialog).toContainText('4 activities · 3 roles');
  await confirmImport(page);

  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Cloud platform RACI');
  await expect(findings(page).locator('[data-rule="missing-accountable"]', { hasText: 'Review IAM' })).toHaveCount(1);
  // Edit: Security becomes Accountable for Review IAM as well.
  await cell(page, 'Security', 'Review IAM').click();
  await page.keyboard.press('a');
  await expect(cell(page, 'Security', 'Review IAM')).toHaveAttribute('aria-label', /^Security, Review IAM: Accountable and Responsible/);
  await expect(findings(page).locator('[data-rule="missing-accountable"]', { hasText: 'Review IAM' })).toHaveCount(0);
  const before = await snapshot(page);

  // An improvement action from the review, which the workbook carries on its own sheet.
  await page.getByRole('tab', { name: 'Actions' }).click();
  const actions = page.getByRole('region', { name: 'Actions' });
  await actions.getByLabel('Action', { exact: true }).fill('Agree who signs off IAM reviews');
  await actions.getByLabel('Owner', { exact: true }).fill('Security');
  await actions.getByLabel('Due date').fill('2030-01-15');
  await actions.getByRole('button', { name: 'Add action' }).click();
  await expect(actions.locator('.action', { hasText: 'Agree who signs off IAM reviews' })).toBeVisible();
  await page.getByRole('tab', { name: 'Findings' }).click();

  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Export Excel' }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/^Cloud platform RACI-\d{4}-\d{2}-\d{2}\.xlsx$/);
  const bytes = fs.readFileSync(await download.path());
  // Kept beside the screenshots, to open in Excel or LibreOffice and look at.
  await download.saveAs(path.join(shots, 'exported-workbook.xlsx'));
  expect(bytes.subarray(0, 4).toString('latin1')).toBe('PK\u0003\u0004');
  expect(workerRequests.some((u) => u.endsWith('xlsx-client.js'))).toBe(true);
  expect(workerRequests.some((u) => u.endsWith('xlsx-loader.js'))).toBe(true);
  // Matrix, Findings, Actions and Legend (a zip keeps its part names as plain text).
  expect(bytes.includes('xl/worksheets/sheet4.xml')).toBe(true);

  // Something else in between, so the re-import really replaces it.
  await importFile(page, 'Other.csv', 'Activity,Ops\nDeploy,R\n');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Other');

  await pickFile(page, { name: download.suggestedFilename(), contents: bytes });
  await expect(importPreview(page).getByLabel('Sheet', { exact: true }).locator('option:checked')).toHaveText('Matrix');
  await confirmImport(page);
  expect(await snapshot(page)).toEqual(before);
});

test.describe(() => {
  // Routes do not see what a service worker answers from its cache (where the Excel module is after
  // one visit, see offline.spec.ts): this is the first visit's case, so no worker.
  test.use({ serviceWorkers: 'block' });

  // Blocked, or offline on a first visit: the worker's script, or the page's script that starts
  // it, cannot be fetched.
  for (const blocked of [/xlsx-loader\.js|raci-xlsx/, /xlsx-client\.js/]) {
    test(`without the Excel module (${blocked.source}) a workbook gets a clear message and CSV still works`, {
      annotation: { type: 'blocks-a-file', description: blocked.source },
    }, async ({ page, context }) => {
      await context.route(blocked, (route) => route.fulfill({ status: 503, body: '' }));
      await pickFile(page, path.join(fixtures, 'hand-made-raci.xlsx'));
      const dialog = importPreview(page);
      await expect(dialog.getByRole('alert')).toContainText('The Excel module could not be loaded');
      await expect(dialog.getByRole('alert')).toContainText('CSV');
      await dialog.getByRole('button', { name: 'Cancel' }).click();
      await importFile(page, 'Payments.csv', 'Activity,Dev,Ops\nDeploy,R,A\n');
      await expect(page.getByRole('heading', { level: 1 })).toHaveText('Payments');
    });
  }
});

test('a password-protected workbook is refused with what to do', async ({ page }) => {
  await pickFile(page, path.join(fixtures, 'password-protected.xlsx'));
  const alert = importPreview(page).getByRole('alert');
  await expect(alert).toContainText('password-protected');
  await expect(alert).toContainText('clear the password');
  await importPreview(page).getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByRole('heading', { level: 1 })).not.toHaveText('');
  await expect(grid(page)).toBeVisible();
});

test('a file that only claims to be a workbook is refused with what to do', async ({ page }) => {
  await pickFile(page, path.join(fixtures, 'renamed-csv.xlsx'));
  await expect(importPreview(page).getByRole('alert')).toContainText('named like a workbook but is not one');
  await importPreview(page).getByRole('button', { name: 'Cancel' }).click();
  await expect(grid(page)).toBeVisible();
});
