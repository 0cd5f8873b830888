import AxeBuilder from '@axe-core/playwright';
import { expect, Page } from '@playwright/test';

/** The preview that opens before any import replaces the matrix. */
export function importPreview(page: Page) {
  return page.getByRole('dialog', { name: 'Import preview' });
}

/** Picks a file with the "Import" picker; opens the preview, imports nothing yet. */
export async function pickFile(page: Page, file: string | { name: string; contents: string | Buffer }) {
  const input = page.getByLabel('Import', { exact: true });
  if (typeof file === 'string') {
    await input.setInputFiles(file);
  } else {
    await input.setInputFiles({
      name: file.name,
      mimeType: 'text/plain',
      buffer: typeof file.contents === 'string' ? Buffer.from(file.contents) : file.contents,
    });
  }
  await expect(importPreview(page)).toBeVisible();
}

/** Confirms the open preview with "Replace current matrix" and waits for it to close. */
export async function confirmImport(page: Page) {
  const dialog = importPreview(page);
  await dialog.getByRole('button', { name: 'Replace current matrix' }).click();
  await expect(dialog).toBeHidden();
}

/** Imports a file the way a user does: pick it, look at the preview, replace the matrix. */
export async function importFile(page: Page, name: string, contents: string | Buffer) {
  await pickFile(page, { name, contents });
  await confirmImport(page);
}

/** Imports a file from disk (a fixture) through the picker and the preview. */
export async function importPath(page: Page, file: string) {
  await pickFile(page, file);
  await confirmImport(page);
}

/** What axe-core finds against WCAG 2.1 A and AA on the page as it is, one line per rule. */
export async function axeViolations(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.length}) e.g. ${v.nodes[0]?.target.join(' ')}`);
}
