import { test, expect, Page } from './test';
import * as path from 'path';
import { confirmImport, importPreview, pickFile } from './helpers';

// Nothing replaces the matrix before the user has seen the preview: picked, dropped or pasted.
const fixtures = path.join(__dirname, '..', 'tests', 'fixtures');
const shots = path.join(__dirname, 'screenshots');

const semicolonCsv =
  '\ufeffTask;Description;Ops;Security;Finance\r\n' +
  'Rotate keys;Quarterly;r/a;C;\r\n' +
  'Approve budget;;I;;Accountable\r\n' +
  'Decommission servers;;;;\r\n';

function title(page: Page) {
  return page.getByRole('heading', { level: 1 });
}

/** The option a <select> in the preview shows. */
function shown(page: Page, label: string) {
  return importPreview(page).getByLabel(label, { exact: true }).locator('option:checked');
}

async function pasteText(page: Page, text: string, into = 'body') {
  await page.evaluate(
    ([text, selector]) => {
      const data = new DataTransfer();
      data.setData('text/plain', text);
      const target = document.querySelector(selector) ?? document.body;
      target.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
    },
    [text, into],
  );
}

test.beforeEach(async ({ page }) => {
  await page.goto('/');
  await page.evaluate(() => localStorage.clear());
  await page.reload();
  await expect(page.getByRole('table', { name: 'RACI matrix' })).toBeVisible();
});

test('the preview shows what was detected, the notes and the result of a semicolon CSV', async ({ page }) => {
  await pickFile(page, { name: 'Ops review-2026-11-20.csv', contents: semicolonCsv });
  const dialog = importPreview(page);
  await expect(dialog.getByRole('heading', { name: 'Import preview' })).toBeVisible();
  await expect(dialog).toContainText('Ops review-2026-11-20.csv');
  // Focus moves into the dialog, onto the action it offers.
  await expect(dialog.getByRole('button', { name: 'Replace current matrix' })).toBeFocused();
  await expect(shown(page, 'Format')).toHaveText('Auto: delimited text');
  await expect(shown(page, 'Delimiter')).toHaveText('Auto: semicolon');
  await expect(dialog.getByLabel('Encoding')).toHaveText('UTF-8 with BOM');
  await expect(shown(page, 'Layout')).toHaveText('Auto: wide (roles as columns)');
  await expect(shown(page, 'Scheme')).toHaveText('Auto: RACI');
  await expect(dialog.getByRole('checkbox', { name: 'Name-only rows are groups' })).toBeChecked();
  await expect(dialog).toContainText('Row 2, column C: "r/a" read as A/R.');
  await expect(dialog.locator('.note-counts')).toContainText('2 normalised');
  await expect(dialog.locator('.import-result-title')).toHaveText('Ops review');
  await expect(dialog).toContainText('3 activities · 3 roles · RACI');
  const counts = dialog.getByRole('list', { name: 'Findings after import' });
  await expect(counts).toContainText('0 conflicts');
  await expect(counts).toContainText(/\d+ gaps?/);
  const table = dialog.getByRole('table', { name: 'Preview of the imported matrix' });
  await expect(table.getByRole('rowheader', { name: 'Rotate keys' })).toBeVisible();
  await expect(table.getByRole('columnheader', { name: 'Finance' })).toBeVisible();
  // Nothing has changed behind the dialog yet.
  await expect(title(page)).toHaveText('Cloud operating model');

  await page.screenshot({ path: path.join(shots, 'import-preview-1280x800.png') });
  await page.setViewportSize({ width: 1024, height: 768 });
  await page.screenshot({ path: path.join(shots, 'import-preview-1024x768.png') });
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.screenshot({ path: path.join(shots, 'import-preview-dark-1024x768.png') });

  await confirmImport(page);
  await expect(title(page)).toHaveText('Ops review');
  await expect(page.getByLabel('Notes on the last file read')).toContainText('semicolon');
});

test('Cancel and Escape leave the matrix exactly as it was', async ({ page }) => {
  await pickFile(page, { name: 'Payments.csv', contents: 'Activity,Dev,Ops\nDeploy,R,A\n' });
  await importPreview(page).getByRole('button', { name: 'Cancel' }).click();
  await expect(importPreview(page)).toBeHidden();
  await expect(title(page)).toHaveText('Cloud operating model');
  await expect(page.getByLabel('Notes on the last file read')).toHaveCount(0);

  await pickFile(page, { name: 'Payments.csv', contents: 'Activity,Dev,Ops\nDeploy,R,A\n' });
  await page.keyboard.press('Escape');
  await expect(importPreview(page)).toBeHidden();
  await expect(title(page)).toHaveText('Cloud operating model');
  await expect(page.getByRole('table', { name: 'RACI matrix' }).getByRole('rowheader', { name: 'Provision new accounts' })).toBeVisible();
  await page.reload();
  await expect(title(page)).toHaveText('Cloud operating model');
});

test('forcing the delimiter re-reads the file and changes the result', async ({ page }) => {
  // Auto reads semicolons (role "Sec"); forced to commas, the role is "Ops;Sec".
  await pickFile(page, { name: 'Mixed.csv', contents: 'Activity,Ops;Sec\nDeploy,R;A\nRollback,A;R\n' });
  const dialog = importPreview(page);
  const preview = dialog.getByRole('table', { name: 'Preview of the imported matrix' });
  await expect(shown(page, 'Delimiter')).toHaveText('Auto: semicolon');
  await expect(preview.getByRole('columnheader', { name: 'Sec', exact: true })).toBeVisible();
  await dialog.getByLabel('Delimiter', { exact: true }).focus();
  await dialog.getByLabel('Delimiter', { exact: true }).selectOption('comma');
  await expect(shown(page, 'Delimiter')).toHaveText('Comma ,');
  await expect(preview.getByRole('columnheader', { name: 'Ops;Sec', exact: true })).toBeVisible();
  await expect(preview.getByRole('columnheader', { name: 'Sec', exact: true })).toHaveCount(0);
  // The select keeps the focus while the preview refreshes around it.
  await expect(dialog.getByLabel('Delimiter', { exact: true })).toBeFocused();
  // A delimiter that cannot read the file turns the preview into an error, and back.
  await dialog.getByLabel('Delimiter', { exact: true }).selectOption('pipe');
  await expect(dialog.getByRole('alert')).toContainText('Row 1: No header row found');
  await expect(dialog.getByRole('button', { name: 'Replace current matrix' })).toHaveCount(0);
  await dialog.getByLabel('Delimiter', { exact: true }).selectOption('comma');
  await expect(dialog.getByRole('alert')).toHaveCount(0);
  await confirmImport(page);
  await expect(page.getByRole('table', { name: 'RACI matrix' }).getByRole('columnheader', { name: 'Ops;Sec' })).toBeVisible();
});

test('a broken file shows the error with its position, offers only Cancel and keeps the matrix', async ({ page }) => {
  await pickFile(page, { name: 'header only.csv', contents: 'Activity,Ops\n' });
  const dialog = importPreview(page);
  const alert = dialog.getByRole('alert');
  await expect(alert).toContainText('Could not import "header only.csv".');
  await expect(alert).toContainText('Row 1: This header row has nothing under it');
  await expect(dialog.getByRole('button', { name: 'Replace current matrix' })).toHaveCount(0);
  await expect(dialog.getByRole('button', { name: 'Cancel' })).toBeFocused();
  // The overrides stay, in case forcing one reads the file.
  await expect(dialog.getByLabel('Delimiter', { exact: true })).toBeEnabled();
  await expect(dialog.getByLabel('Layout', { exact: true })).toBeEnabled();
  await page.screenshot({ path: path.join(shots, 'import-error-1024x768.png') });
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toBeHidden();
  await expect(title(page)).toHaveText('Cloud operating model');
});

test('a broken file can be read by forcing a choice', async ({ page }) => {
  // Forced to JSON, a plain CSV fails; back on auto it reads again and can be imported.
  await pickFile(page, { name: 'Payments.csv', contents: 'Activity,Dev,Ops\nDeploy,R,A\n' });
  const dialog = importPreview(page);
  await dialog.getByLabel('Format', { exact: true }).selectOption('json');
  await expect(dialog.getByRole('alert')).toBeVisible();
  await expect(dialog.getByRole('button', { name: 'Replace current matrix' })).toHaveCount(0);
  await dialog.getByLabel('Format', { exact: true }).selectOption('auto');
  await expect(dialog.getByRole('alert')).toHaveCount(0);
  await confirmImport(page);
  await expect(title(page)).toHaveText('Payments');
});

test('dropping a file on the page shows a hint, then the preview', async ({ page }) => {
  const transfer = await page.evaluateHandle(() => {
    const data = new DataTransfer();
    data.items.add(new File(['Activity,Dev,Ops\nDeploy,R,A\nRollback,A/R,C\n'], 'Dropped-2026-01-02.csv', { type: 'text/csv' }));
    return data;
  });
  await page.dispatchEvent('main', 'dragenter', { dataTransfer: transfer });
  await page.dispatchEvent('main', 'dragover', { dataTransfer: transfer });
  await expect(page.locator('.drop-hint')).toBeVisible();
  await expect(page.locator('.drop-hint')).toContainText('Drop the file to preview it');
  await page.screenshot({ path: path.join(shots, 'drop-hint-1280x800.png') });
  // Dragging out of the window again hides the hint; coming back shows it.
  await page.dispatchEvent('main', 'dragleave', { dataTransfer: transfer });
  await expect(page.locator('.drop-hint')).toHaveCount(0);
  await page.dispatchEvent('main', 'dragover', { dataTransfer: transfer });
  await expect(page.locator('.drop-hint')).toBeVisible();
  await page.dispatchEvent('main', 'drop', { dataTransfer: transfer });
  await expect(page.locator('.drop-hint')).toHaveCount(0);
  const dialog = importPreview(page);
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText('Dropped-2026-01-02.csv');
  await expect(title(page)).toHaveText('Cloud operating model');
  await confirmImport(page);
  await expect(title(page)).toHaveText('Dropped');
});

test('pasting cells copied from a spreadsheet opens the preview as "Pasted cells"', async ({ page }) => {
  await pasteText(page, 'Activity\tDev\tOps\r\nDeploy\tR\tA\r\nRollback\tA/R\tC\r\n');
  const dialog = importPreview(page);
  await expect(dialog).toBeVisible();
  await expect(dialog.locator('.import-file-name')).toContainText('Pasted cells');
  await expect(shown(page, 'Delimiter')).toHaveText('Auto: tab');
  await expect(dialog).toContainText('2 activities · 2 roles');
  await confirmImport(page);
  await expect(title(page)).toHaveText('Pasted cells');
  await expect(page.getByRole('table', { name: 'RACI matrix' }).getByRole('rowheader', { name: 'Rollback' })).toBeVisible();
});

test('a single value, or a paste into a text field, is not an import', async ({ page }) => {
  await pasteText(page, 'Deploy\tR');
  await pasteText(page, 'just some words');
  await page.evaluate(() => {
    const field = document.createElement('textarea');
    field.id = 'scratch';
    document.body.append(field);
  });
  await pasteText(page, 'Activity\tDev\nDeploy\tR\n', '#scratch');
  // Give a wrongly opened preview the time to show up.
  await page.waitForTimeout(200);
  await expect(importPreview(page)).toHaveCount(0);
});

test('a long fixture previews its first activities and roles and scrolls its notes', async ({ page }) => {
  await pickFile(page, path.join(fixtures, 'messy-cells.csv'));
  const dialog = importPreview(page);
  await expect(dialog.locator('.import-notes li').first()).toBeVisible();
  await page.setViewportSize({ width: 1024, height: 768 });
  await page.screenshot({ path: path.join(shots, 'import-preview-messy-1024x768.png') });
  await expect(dialog.getByRole('button', { name: 'Replace current matrix' })).toBeInViewport();
});
