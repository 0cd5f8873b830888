import { test, expect, Page } from './test';
import * as fs from 'fs';
import { importFile, pickFile } from './helpers';

// At a workshop with bad Wi-Fi: after one visit the service worker has every file of the build, so
// the app opens, imports, edits and exports (Excel too) with the network off.

const grid = (page: Page) => page.getByRole('table', { name: 'RACI matrix' });
const cell = (page: Page, role: string, activity: string) => grid(page).locator(`td[aria-label^="${role}, ${activity}:"]`);

test('after one visit the app opens, imports, edits and exports with the network off', async ({ page, context }) => {
  await page.goto('/');
  await expect(grid(page)).toBeVisible();
  // Resolves once this build is cached and its worker active.
  await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
  await expect(page.getByText('A new version is available')).toHaveCount(0);

  await context.setOffline(true);
  expect(await page.evaluate(() => navigator.onLine)).toBe(false);
  // Every file the page asks for from now on comes from the worker's cache, none fails.
  const fromNetwork: string[] = [];
  page.on('response', (response) => {
    if (response.url().startsWith('http') && !response.fromServiceWorker()) fromNetwork.push(response.url());
  });
  page.on('requestfailed', (request) => fromNetwork.push(`failed: ${request.url()}`));

  const response = await page.reload();
  expect(response?.fromServiceWorker()).toBe(true);
  await expect(grid(page)).toBeVisible();
  await expect(page.getByText('A new version is available')).toHaveCount(0);

  await importFile(page, 'Offline.csv', 'Activity,Dev,Ops\nDeploy,R,A\nRollback,,\n');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Offline');
  await cell(page, 'Ops', 'Rollback').click();
  await page.keyboard.press('a');
  await expect(cell(page, 'Ops', 'Rollback')).toHaveAttribute('aria-label', /^Ops, Rollback: Accountable/);

  const [csv] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export CSV' }).click()]);
  expect(fs.readFileSync(await csv.path(), 'utf8')).toContain('Rollback,,A');

  // The Excel module is lazily loaded, and cached with the rest of the build.
  const [xlsx] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export Excel' }).click()]);
  expect(fs.readFileSync(await xlsx.path()).subarray(0, 4).toString('latin1')).toBe('PK\u0003\u0004');
  expect(fromNetwork).toEqual([]);
});

// The side pane's panels but the findings, the Library panel, the shortcut sheet, the import
// preview, the importer and the exporter are not in the main wasm: the page fetches their code once
// the matrix is drawn (scripts/bin/wasm-bindgen splits it out), and the offline copy has it.
const fetchedAfterTheMatrix = [
  'changes_panel', 'actions_panel', 'review_panel', 'lookup_panel', 'role_view', 'rules_panel',
  'library_panel', 'restore_question', 'shortcut_sheet', 'import_preview', 'import_engine', 'export_writer',
];

test('the panels drawn on demand arrive after the matrix, and open with the network off', async ({ page, context }) => {
  const parts: string[] = [];
  page.on('request', (request) => {
    if (/\/raci-workshop-\w+-[0-9a-f]{16}\.wasm$/.test(request.url())) parts.push(request.url());
  });
  await page.goto('/');
  await expect(grid(page)).toBeVisible();
  for (const part of fetchedAfterTheMatrix) {
    await expect.poll(() => parts.some((url) => url.includes(`/raci-workshop-${part}-`))).toBe(true);
  }
  // A share link's page is fetched only by a share link.
  expect(parts.some((url) => url.includes('/raci-workshop-shared_page-'))).toBe(false);
  await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));

  await context.setOffline(true);
  await page.reload();
  await expect(grid(page)).toBeVisible();
  for (const name of ['Changes', 'Actions', 'Review']) {
    await page.getByRole('tab', { name }).click();
    await expect(page.getByRole('region', { name })).toBeVisible();
  }
  for (const [tab, shown] of [['Role view', 'Print role cards'], ['Rules', 'Restore defaults']]) {
    await page.getByRole('tab', { name: tab }).click();
    await expect(page.getByRole('tabpanel', { name: tab }).getByRole('button', { name: shown })).toBeVisible();
  }
  await page.getByRole('button', { name: 'Library', exact: true }).click();
  await expect(page.getByRole('list', { name: 'Saved matrices' })).toBeVisible();
  await page.keyboard.press('Escape');
  await page.getByRole('button', { name: 'Shortcuts' }).click();
  await expect(page.getByRole('dialog', { name: 'Keyboard shortcuts' })).toBeVisible();
  await page.getByRole('button', { name: 'Close' }).click();
  const [csv] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export CSV' }).click()]);
  expect(fs.readFileSync(await csv.path(), 'utf8')).toContain('Approve exceptions to guardrails');
});

test('a part whose code cannot be fetched says so, and Try again brings it; the rest goes on', async ({ page }) => {
  test.info().annotations.push({ type: 'blocks-a-file', description: 'the Review panel, the Library panel, the importer and the exporter' });
  const blocked = /raci-workshop-(review_panel|import_engine|export_writer|library_panel)-[0-9a-f]{16}\.wasm$/;
  await page.route(blocked, (route) => route.abort());
  await page.goto('/');
  await expect(grid(page)).toBeVisible();

  await page.getByRole('tab', { name: 'Review' }).click();
  const missing = page.getByRole('alert').filter({ hasText: 'This part of the page could not be fetched' });
  await expect(missing).toBeVisible();
  const later = { name: 'Later.csv', mimeType: 'text/plain', buffer: Buffer.from('Activity,Dev\nDeploy,R\n') };
  await page.getByLabel('Import', { exact: true }).setInputFiles(later);
  await expect(page.getByText('Could not read "Later.csv": the importer could not be fetched')).toBeVisible();
  await page.getByRole('button', { name: 'Export Markdown' }).click();
  await expect(page.getByText(/Could not write ".*\.md": the exporter could not be fetched/)).toBeVisible();
  // The Library panel opens its frame, and says so inside it.
  await page.getByRole('button', { name: 'Library', exact: true }).click();
  await expect(page.getByRole('region', { name: 'Library' }).getByRole('alert')).toContainText('could not be fetched');
  await page.keyboard.press('Escape');
  // Editing goes on meanwhile.
  await cell(page, 'Networking', 'Approve exceptions to guardrails').click();
  await page.keyboard.press('i');
  await expect(cell(page, 'Networking', 'Approve exceptions to guardrails')).toHaveAttribute('aria-label', /^Networking, Approve exceptions to guardrails: Informed/);

  await page.unroute(blocked);
  await missing.getByRole('button', { name: 'Try again' }).click();
  await expect(page.getByRole('region', { name: 'Review' })).toBeVisible();
  await pickFile(page, { name: 'Later.csv', contents: 'Activity,Dev\nDeploy,R\n' });
});
