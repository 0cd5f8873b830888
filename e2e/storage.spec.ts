import { test, expect, Page } from './test';
import * as fs from 'fs';
import * as path from 'path';
import { axeViolations, importPreview, libraryRecords, pickFile, savedTitle, withLocalStorage, writeLibraryRecords } from './helpers';

// The library in IndexedDB: a library saved by the localStorage builds moves in whole, the
// browser's storage line, a refused write, and backing up and restoring the whole library.

const grid = (page: Page) => page.getByRole('table', { name: 'RACI matrix' });
const cell = (page: Page, role: string, activity: string) =>
  grid(page).locator(`td[aria-label^="${role}, ${activity}:"]`);
const heading = (page: Page) => page.locator('h1.matrix-title');
const panel = (page: Page) => page.getByRole('region', { name: 'Library' });
const entry = (page: Page, title: string) =>
  panel(page).getByRole('listitem').filter({ has: page.locator('.library-title', { hasText: new RegExp(`^${title}$`) }) });

async function openLibrary(page: Page) {
  if (!(await panel(page).isVisible())) {
    await page.getByRole('button', { name: 'Library', exact: true }).click();
  }
  await expect(panel(page)).toBeVisible();
}

const fixture = (name: string): Record<string, string> =>
  JSON.parse(fs.readFileSync(path.join(__dirname, '..', 'tests', 'fixtures', name), 'utf8'));

test('a library saved by the localStorage builds opens whole: every matrix, its undo steps and its selection', async ({ page }) => {
  const saved = fixture('library-localstorage-v1.json');
  await withLocalStorage(page, saved);
  // The matrix that was open is open again.
  await expect(heading(page)).toHaveText('Team plan');
  await openLibrary(page);
  await expect(panel(page).getByRole('listitem')).toHaveCount(2);
  await entry(page, 'Cloud operating model, reviewed').getByRole('button', { name: 'Open' }).click();
  await expect(heading(page)).toHaveText('Cloud operating model, reviewed');
  // Its selection came back with it.
  await expect(cell(page, 'Security', 'Maintain the RACI matrix')).toHaveClass(/active/);
  await expect(cell(page, 'Security', 'Maintain the RACI matrix')).toHaveAttribute('aria-label', 'Security, Maintain the RACI matrix: empty');
  // And both undo steps: the title, then the C that was taken out.
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect(heading(page)).toHaveText('Cloud operating model');
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect(cell(page, 'Security', 'Maintain the RACI matrix')).toHaveAttribute('aria-label', /Security, Maintain the RACI matrix: .*Consulted/);

  // Every library key is in IndexedDB, unchanged where nothing was edited, the data kept aside
  // too; localStorage keeps only the preferences.
  const records = await libraryRecords(page);
  for (const key of ['raci-workshop/v1/matrix/m2', 'raci-workshop/v1/history/m2', 'raci-workshop/v1/unreadable/matrix/m3']) {
    expect(records[key], key).toBe(saved[key]);
  }
  const left = await page.evaluate(() => Object.keys(localStorage).sort());
  expect(left).toEqual(['raci-workshop/density', 'raci-workshop/large-type']);
  // The large-type preference still applies.
  await expect(page.locator('html')).toHaveAttribute('data-large-type', '');

  // A reload opens from IndexedDB alone.
  await page.reload();
  await expect(heading(page)).toHaveText('Cloud operating model');
});

test('the Library says how much this browser stores, and whether it keeps it', async ({ page }) => {
  await page.goto('/');
  await expect(heading(page)).toHaveText('Cloud operating model');
  await openLibrary(page);
  await expect(panel(page).locator('.library-usage')).toHaveText(/^Using [\d.]+ (bytes|KB|MB) of [\d.]+ (MB|GB|TB) in this browser\. The browser (agreed|did not promise)/);
  await expect(panel(page).getByRole('button', { name: 'Export library' })).toBeVisible();
  await expect(panel(page).getByText('Import library')).toBeVisible();
  await page.screenshot({ path: path.join(__dirname, 'screenshots', 'library-storage-1280x800.png') });
});

for (const [granted, words] of [
  [true, 'The browser agreed to keep this data even when space runs low.'],
  [false, 'The browser did not promise to keep it: it may clear it when space runs low'],
] as const) {
  test(`persist() ${granted ? 'granted' : 'denied'} is said in the Library`, async ({ page }) => {
    await page.addInitScript((granted) => {
      navigator.storage.persist = () => Promise.resolve(granted);
      navigator.storage.persisted = () => Promise.resolve(false);
    }, granted);
    await page.goto('/');
    await expect(heading(page)).toHaveText('Cloud operating model');
    // The first write that works asks; the Library shows the answer.
    await cell(page, 'Security', 'Provision new accounts').click();
    await page.keyboard.press('i');
    await expect.poll(() => page.evaluate(() => document.title)).toContain('Cloud operating model');
    await page.waitForTimeout(800);
    await openLibrary(page);
    await expect(panel(page).locator('.library-usage')).toContainText(words);
  });
}

test('a refused write shows the warning, the work stays, and the next write that works clears it', async ({ page }) => {
  // The browser refuses to store more, as it does when the site's quota is used up.
  await page.addInitScript(() => {
    const put = IDBObjectStore.prototype.put;
    IDBObjectStore.prototype.put = function (...args: Parameters<typeof put>) {
      if ((window as unknown as { refuseWrites?: boolean }).refuseWrites) {
        throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      }
      return put.apply(this, args);
    };
  });
  await page.goto('/');
  await expect(heading(page)).toHaveText('Cloud operating model');
  await page.evaluate(() => ((window as unknown as { refuseWrites?: boolean }).refuseWrites = true));
  const target = cell(page, 'Platform team', 'Define backup and restore policy');
  await target.click();
  await page.keyboard.press('a');
  const warning = page.locator('.save-status');
  await expect(warning).toContainText('Not saved:');
  await expect(warning).toContainText('full');
  await page.keyboard.press('r');
  await expect(target).toHaveAttribute('aria-label', /Accountable.*Responsible|Responsible.*Accountable/);
  // The work is still there to export.
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export JSON' }).click();
  expect((await download).suggestedFilename()).toMatch(/\.json$/);
  await page.evaluate(() => ((window as unknown as { refuseWrites?: boolean }).refuseWrites = false));
  await target.click();
  await page.keyboard.press('c');
  await expect(warning).toBeHidden();
  await page.reload();
  await expect(cell(page, 'Platform team', 'Define backup and restore policy')).toHaveAttribute('aria-label', /Accountable.*Responsible.*Consulted|Consulted/);
});

test('backup and restore: the whole library into a fresh browser, and a newer matrix is never replaced without asking', async ({ page, browser }) => {
  await page.goto('/');
  await expect(heading(page)).toHaveText('Cloud operating model');
  await openLibrary(page);
  await page.getByRole('button', { name: 'New blank matrix' }).click();
  await expect(heading(page)).toHaveText('Untitled matrix');
  await cell(page, 'Role 1', 'Activity 1').click();
  await page.keyboard.press('r');
  await expect.poll(() => savedTitle(page)).toBe('Untitled matrix');

  await openLibrary(page);
  const download = page.waitForEvent('download');
  await panel(page).getByRole('button', { name: 'Export library' }).click();
  const file = await (await download).path();
  expect((await download).suggestedFilename()).toMatch(/^RACI Workshop library \d{4}-\d\d-\d\d\.json$/);
  const backup = JSON.parse(fs.readFileSync(file!, 'utf8'));
  expect(backup.format).toBe('raci-workshop-library');
  expect(backup.version).toBe(1);
  expect(backup.matrices.map((m: { title: string }) => m.title)).toEqual(['Cloud operating model', 'Untitled matrix']);

  // A fresh browser: the example only. Restoring brings the other matrix with its undo step.
  const fresh = await browser.newContext();
  const other = await fresh.newPage();
  await other.goto('/');
  await expect(heading(other)).toHaveText('Cloud operating model');
  await openLibrary(other);
  await other.getByText('Import library').click({ trial: true });
  await other.locator('.import-library input[type=file]').setInputFiles(file!);
  // The fresh browser's own example has the same id and was saved later: it asks.
  const question = other.getByRole('dialog', { name: 'This matrix changed here after the backup' });
  await expect(question).toContainText('"Cloud operating model" in this browser changed');
  await question.getByRole('button', { name: "Take the file's" }).click();
  await expect(other.getByText(/^Library restored from the file: 1 added, 1 replaced by the file's copy\.$/)).toBeVisible();
  await openLibrary(other);
  await entry(other, 'Untitled matrix').getByRole('button', { name: 'Open' }).click();
  await expect(cell(other, 'Role 1', 'Activity 1')).toHaveAttribute('aria-label', 'Role 1, Activity 1: Responsible');
  await other.getByRole('button', { name: 'Undo' }).click();
  await expect(cell(other, 'Role 1', 'Activity 1')).toHaveAttribute('aria-label', 'Role 1, Activity 1: empty');
  await fresh.close();

  // Here, the matrix changes after the backup: restoring asks, by keyboard alone.
  await page.keyboard.press('Escape');
  await cell(page, 'Role 2', 'Activity 2').click();
  await page.keyboard.press('a');
  // Saved into the matrix's journal (the document is written whole when the matrix is left).
  await expect
    .poll(async () => {
      const records = await libraryRecords(page);
      return (records['raci-workshop/v1/matrix/m2'] ?? '') + (records['raci-workshop/v1/journal/m2'] ?? '');
    })
    .toContain('"A"');
  await openLibrary(page);
  await page.locator('.import-library input[type=file]').setInputFiles(file!);
  const dialog = page.getByRole('dialog', { name: 'This matrix changed here after the backup' });
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText('"Untitled matrix" in this browser changed');
  await expect(dialog.getByRole('button', { name: 'Keep mine' })).toBeFocused();
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    expect(await axeViolations(page), scheme).toEqual([]);
    await page.screenshot({ path: path.join(__dirname, 'screenshots', `restore-dialog-${scheme}-1280x800.png`) });
  }
  await page.emulateMedia({ colorScheme: 'light' });
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  await expect(dialog.getByRole('button', { name: 'Keep both' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(dialog).toBeHidden();
  // The focus goes back to where it was before the dialog, not to the page's body.
  await expect(page.getByRole('button', { name: 'Library', exact: true })).toBeFocused();
  await expect(page.getByText('Library restored from the file: 1 added, 1 already here.')).toBeVisible();
  // Mine is untouched and still open; the file's copy is beside it.
  await expect(cell(page, 'Role 2', 'Activity 2')).toHaveAttribute('aria-label', 'Role 2, Activity 2: Accountable');
  await openLibrary(page);
  await expect(panel(page).getByRole('listitem')).toHaveCount(3);
  await expect(entry(page, 'Untitled matrix 2')).toBeVisible();

  // Escape cancels a restore and changes nothing.
  await page.locator('.import-library input[type=file]').setInputFiles(file!);
  await expect(dialog).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(page.getByText('Restore cancelled: nothing was changed.')).toBeVisible();
});

test('a file that is not a library backup is refused with a clear message', async ({ page }) => {
  await page.goto('/');
  await openLibrary(page);
  await page.locator('.import-library input[type=file]').setInputFiles({
    name: 'not-a-backup.json',
    mimeType: 'application/json',
    buffer: Buffer.from('{"format": "raci-workshop", "version": 2, "title": "One matrix"}'),
  });
  await expect(page.getByRole('alert').filter({ hasText: 'could not be restored' })).toContainText(
    'not a library backup of RACI Workshop (a single matrix opens with Import). Nothing was changed.',
  );
});

test('a library of several large matrices saves, lists and opens each one', async ({ page }) => {
  test.setTimeout(120_000);
  // A lighter cousin of the benchmark's 20 + 3 library: four of 300 x 40 and one of 2,000 x 60.
  const sheet = (activities: number, roles: number, n: number) => {
    const names = Array.from({ length: roles }, (_, r) => `Team ${r + 1}`);
    const lines = [['Activity', ...names].join(',')];
    for (let a = 1; a <= activities; a++) lines.push([`Step ${a} of ${n}`, ...names.map((_, r) => (r === a % roles ? 'A/R' : (a + r + n) % 5 ? '' : 'C'))].join(','));
    return lines.join('\n');
  };
  await page.goto('/');
  await expect(heading(page)).toHaveText('Cloud operating model');
  const sizes: [number, number][] = [[300, 40], [300, 40], [2000, 60], [300, 40], [300, 40]];
  for (const [n, [activities, roles]] of sizes.entries()) {
    await pickFile(page, { name: `Plan ${n + 1}.csv`, contents: sheet(activities, roles, n) });
    await importPreview(page).getByRole('button', { name: 'Open as a new matrix' }).click();
    await expect(heading(page)).toHaveText(`Plan ${n + 1}`, { timeout: 20_000 });
  }
  await expect
    .poll(async () => Object.keys(await libraryRecords(page)).filter((k) => k.startsWith('raci-workshop/v1/matrix/')).length, { timeout: 20_000 })
    .toBe(6);
  await expect.poll(() => savedTitle(page)).toBe('Plan 5');
  await page.reload();
  await expect(heading(page)).toHaveText('Plan 5');
  for (const title of ['Plan 3', 'Plan 1', 'Cloud operating model', 'Plan 4']) {
    await openLibrary(page);
    await expect(panel(page).getByRole('listitem')).toHaveCount(6);
    await entry(page, title).getByRole('button', { name: 'Open' }).click();
    await expect(heading(page)).toHaveText(title);
  }
  await expect(grid(page).locator('th[scope="row"]').first()).toContainText('Step 1 of 3');
});

test('an edit is saved as a journal entry, not the whole matrix, and a reload replays it', async ({ page }) => {
  await page.goto('/');
  await expect(heading(page)).toHaveText('Cloud operating model');
  const records = async () => {
    const all = await libraryRecords(page);
    const index = JSON.parse(all['raci-workshop/v1/index'] ?? '{}');
    return { doc: all[`raci-workshop/v1/matrix/${index.current}`] ?? '', journal: all[`raci-workshop/v1/journal/${index.current}`] ?? '' };
  };
  await expect.poll(async () => (await records()).journal).toContain('"journal":1');
  const first = (await records()).journal;
  // The first save writes the matrix whole (the example was saved before anything said what is
  // stored) and starts a new journal; the saves after it append.
  const a = cell(page, 'Security', 'Patch operating systems');
  await a.click();
  await page.keyboard.press('i');
  const aLabel = await a.getAttribute('aria-label');
  await expect.poll(async () => (await records()).journal).not.toBe(first);
  const whole = (await records()).doc;
  const b = cell(page, 'Platform team', 'Define backup and restore policy');
  const bBefore = await b.getAttribute('aria-label');
  await b.click();
  await page.keyboard.press('c');
  await expect(b).not.toHaveAttribute('aria-label', bBefore!);
  const bAfter = await b.getAttribute('aria-label');
  await expect.poll(async () => (await records()).journal).toContain('"apply"');
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect.poll(async () => (await records()).journal).toContain('"undo"');
  await page.getByRole('button', { name: 'Redo' }).click();
  await expect.poll(async () => (await records()).journal).toContain('"redo"');
  const saved = await records();
  expect(saved.doc).toBe(whole);
  expect(saved.journal.length).toBeLessThan(2_000);
  await page.reload();
  await expect(b).toHaveAttribute('aria-label', bAfter!);
  await expect(a).toHaveAttribute('aria-label', aLabel!);
  // The undo steps came back too.
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect(b).toHaveAttribute('aria-label', bBefore!);
});

test('a journal that cannot be read is kept aside, the user told, and the matrix opens as last saved whole', async ({ page }) => {
  await page.goto('/');
  await expect(heading(page)).toHaveText('Cloud operating model');
  const journalKey = async () => `raci-workshop/v1/journal/${JSON.parse((await libraryRecords(page))['raci-workshop/v1/index'] ?? '{}').current}`;
  await expect.poll(async () => (await libraryRecords(page))[await journalKey()] ?? '').toContain('"journal":1');
  const key = await journalKey();
  const first = (await libraryRecords(page))[key];
  await cell(page, 'Security', 'Patch operating systems').click();
  await page.keyboard.press('i');
  await expect.poll(async () => (await libraryRecords(page))[key]).not.toBe(first);
  // Damaged behind the page's back (nothing is waiting to be written: the page leaves it alone).
  const damaged = (await libraryRecords(page))[key] + '{"v":1,"ops":[tru\n';
  await writeLibraryRecords(page, { [key]: damaged });
  await page.reload();
  const alert = page.getByRole('alert').filter({ hasText: 'latest changes' });
  await expect(alert).toContainText('opened as it was last saved in full');
  await expect(alert).toContainText('kept aside');
  await expect(heading(page)).toHaveText('Cloud operating model');
  await expect
    .poll(async () => Object.entries(await libraryRecords(page)).filter(([k]) => k.startsWith('raci-workshop/v1/unreadable/')))
    .toEqual([[key.replace('raci-workshop/v1/', 'raci-workshop/v1/unreadable/'), damaged]]);
});

test("a restore whose question cannot be fetched says so in its dialog, and Escape still cancels", async ({ page }) => {
  test.info().annotations.push({ type: 'blocks-a-file', description: "the restore's question" });
  const blocked = /raci-workshop-restore_question-[0-9a-f]{16}\.wasm$/;
  await page.route(blocked, (route) => route.abort());
  await page.goto('/');
  await expect(heading(page)).toHaveText('Cloud operating model');
  await openLibrary(page);
  const download = page.waitForEvent('download');
  await panel(page).getByRole('button', { name: 'Export library' }).click();
  const file = await (await download).path();
  await page.keyboard.press('Escape');

  // The example changes after the backup, so restoring it asks.
  const before = JSON.stringify(await libraryRecords(page));
  await cell(page, 'Networking', 'Approve exceptions to guardrails').click();
  await page.keyboard.press('i');
  await expect.poll(async () => JSON.stringify(await libraryRecords(page))).not.toBe(before);
  await openLibrary(page);
  await page.locator('.import-library input[type=file]').setInputFiles(file!);
  const dialog = page.getByRole('dialog', { name: 'This matrix changed here after the backup' });
  await expect(dialog.getByRole('alert')).toContainText('This part of the page could not be fetched');
  await page.screenshot({ path: path.join(__dirname, 'screenshots', 'restore-dialog-unfetched-1280x800.png') });
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(page.getByText('Restore cancelled: nothing was changed.')).toBeVisible();

  // Once the question can be fetched, Try again brings it.
  await page.locator('.import-library input[type=file]').setInputFiles(file!);
  await expect(dialog.getByRole('alert')).toContainText('This part of the page could not be fetched');
  await page.unroute(blocked);
  await dialog.getByRole('button', { name: 'Try again' }).click();
  await expect(dialog).toContainText('"Cloud operating model" in this browser changed');
  await expect(dialog.getByRole('button', { name: 'Keep mine' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(dialog).toBeHidden();
  await expect(cell(page, 'Networking', 'Approve exceptions to guardrails')).toHaveAttribute('aria-label', /^Networking, Approve exceptions to guardrails: Informed/);
});
