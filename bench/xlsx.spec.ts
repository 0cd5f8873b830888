import { test, expect } from '@playwright/test';
import { generate } from './harness';
import * as fs from 'fs';

// Prints how long Excel export and import take in the browser, through the UI as a user does
// them: "Export Excel" until the download arrives (the xlsx worker writes the workbook), then the
// downloaded workbook picked until the preview shows its matrix (the worker reads it, the page
// imports the sheet). The first export also loads the worker's module. A benchmark, not a test:
// it asserts only that the page did what was asked.

for (const [activities, roles] of [
  [200, 30],
  [5000, 100],
] as const) {
  test(`Excel export and import of ${activities} x ${roles}`, async ({ page }) => {
    await page.goto('/');
    await page.evaluate(() => localStorage.clear());
    await page.reload();
    const input = page.getByLabel('Import', { exact: true });
    const dialog = page.getByRole('dialog', { name: 'Import preview' });
    await input.setInputFiles({ name: 'Bench.csv', mimeType: 'text/csv', buffer: Buffer.from(generate(activities, roles, 7)) });
    await dialog.getByRole('button', { name: 'Replace current matrix' }).click();
    await expect(dialog).toBeHidden();

    const times: string[] = [];
    let bytes = Buffer.alloc(0);
    for (const run of ['first (loads the module)', 'again']) {
      const start = Date.now();
      const [download] = await Promise.all([
        page.waitForEvent('download', { timeout: 120_000 }),
        page.getByRole('button', { name: 'Export Excel' }).click(),
      ]);
      bytes = fs.readFileSync(await download.path());
      times.push(`export ${run}: ${Date.now() - start} ms`);
    }
    const start = Date.now();
    await input.setInputFiles({ name: 'Bench.xlsx', mimeType: 'application/octet-stream', buffer: bytes });
    await expect(dialog.locator('.import-result-title')).toHaveText('Bench', { timeout: 120_000 });
    times.push(`import to preview: ${Date.now() - start} ms`);
    console.log(`${activities} x ${roles} (${Math.round(bytes.length / 1024)} KB xlsx): ${times.join('; ')}`);
  });
}
