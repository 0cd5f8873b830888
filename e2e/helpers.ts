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

/** Every record of the library as the app keeps it in IndexedDB (key: value). */
export async function libraryRecords(page: Page): Promise<Record<string, string>> {
  return page.evaluate(
    () =>
      new Promise<Record<string, string>>((resolve, reject) => {
        const open = indexedDB.open('raci-workshop');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          if (!db.objectStoreNames.contains('library')) {
            db.close();
            resolve({});
            return;
          }
          const store = db.transaction('library').objectStore('library');
          const keys = store.getAllKeys();
          const values = store.getAll();
          values.onsuccess = () => {
            const records: Record<string, string> = {};
            keys.result.forEach((k, i) => (records[String(k)] = values.result[i]));
            db.close();
            resolve(records);
          };
          values.onerror = () => reject(values.error);
        };
      }),
  );
}

/** Writes `records` into the app's IndexedDB as another program (or damage) would. */
export async function writeLibraryRecords(page: Page, records: Record<string, string>) {
  await page.evaluate(
    (records) =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open('raci-workshop');
        open.onsuccess = () => {
          const db = open.result;
          const tx = db.transaction('library', 'readwrite');
          for (const [k, v] of Object.entries(records)) tx.objectStore('library').put(v, k);
          tx.oncomplete = () => {
            db.close();
            resolve();
          };
          tx.onerror = () => reject(tx.error);
        };
        open.onerror = () => reject(open.error);
      }),
    records,
  );
}

/** The title of the open matrix as last written to IndexedDB ('' before the first write). */
export async function savedTitle(page: Page): Promise<string> {
  const records = await libraryRecords(page);
  const index = JSON.parse(records['raci-workshop/v1/index'] ?? '{}');
  const doc = records[`raci-workshop/v1/matrix/${index.current}`];
  if (!doc) return '';
  // A save appends to the matrix's journal rather than writing the document again; the list
  // entry written with it carries the title.
  const entry = (index.matrices ?? []).find((e: { id: string }) => e.id === index.current);
  return entry?.title ?? JSON.parse(doc).title;
}

/**
 * A browser as an earlier build left it: no IndexedDB library, and `items` in localStorage.
 * Opens the app afterwards.
 */
export async function withLocalStorage(page: Page, items: Record<string, string>) {
  if (!page.url().startsWith('http')) await page.goto('/');
  await expect(page.locator('h1.matrix-title')).toBeVisible();
  // The first visit's own writes finish first (else the page would keep them for its next start).
  await page.waitForTimeout(500);
  // The app closes its connection when asked to (versionchange), so the delete is not blocked.
  await page.evaluate(async (items) => {
    await new Promise((resolve, reject) => {
      const request = indexedDB.deleteDatabase('raci-workshop');
      request.onsuccess = resolve;
      request.onerror = request.onblocked = () => reject(new Error('the database could not be deleted'));
    });
    localStorage.clear();
    for (const [k, v] of Object.entries(items)) localStorage.setItem(k, v);
  }, items);
  await page.reload();
}
