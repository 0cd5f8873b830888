import { test, expect, Page } from './test';
import * as path from 'path';
import { importFile, libraryRecords, savedTitle, withLocalStorage, writeLibraryRecords } from './helpers';

// Nothing is ever lost: several matrices in a library that survives reloads, deletes that ask
// first and can be undone, a selection that comes back, and storage that is full or damaged.

const grid = (page: Page) => page.getByRole('table', { name: 'RACI matrix' });
const cell = (page: Page, role: string, activity: string) =>
  grid(page).locator(`td[aria-label^="${role}, ${activity}:"]`);
const heading = (page: Page) => page.locator('h1.matrix-title');
const panel = (page: Page) => page.getByRole('region', { name: 'Library' });
const entry = (page: Page, title: string) =>
  panel(page).getByRole('listitem').filter({ has: page.locator('.library-title', { hasText: new RegExp(`^${title.replace(/[()]/g, '\\$&')}$`) }) });

async function openLibrary(page: Page) {
  if (!(await panel(page).isVisible())) {
    await page.getByRole('button', { name: 'Library', exact: true }).click();
  }
  await expect(panel(page)).toBeVisible();
}

/** Waits until the debounced save has written the open matrix to IndexedDB. */
async function saved(page: Page, title: string) {
  await expect.poll(() => savedTitle(page)).toBe(title);
}

/** Waits until the library, as the localStorage fallback keeps it, holds the open matrix. */
async function savedInLocalStorage(page: Page, title: string) {
  await expect
    .poll(() =>
      page.evaluate(() => {
        const index = JSON.parse(localStorage.getItem('raci-workshop/v1/index') ?? '{}');
        const doc = localStorage.getItem(`raci-workshop/v1/matrix/${index.current}`);
        return doc ? JSON.parse(doc).title : '';
      }),
    )
    .toBe(title);
}

test.beforeEach(async ({ page }) => {
  await page.goto('/');
  await page.evaluate(() => localStorage.clear());
  await page.reload();
  await expect(heading(page)).toHaveText('Cloud operating model');
});

test('a new blank matrix and the example both survive a reload, each with its own undo', async ({ page }) => {
  await openLibrary(page);
  await page.getByRole('button', { name: 'New blank matrix' }).click();
  await expect(heading(page)).toHaveText('Untitled matrix');
  await expect(panel(page)).toBeHidden();
  await cell(page, 'Role 1', 'Activity 1').click();
  await page.keyboard.press('r');
  await expect(cell(page, 'Role 1', 'Activity 1')).toHaveAttribute('aria-label', 'Role 1, Activity 1: Responsible');
  await expect(page.getByRole('button', { name: 'Undo' })).toBeEnabled();

  await openLibrary(page);
  await expect(panel(page).getByRole('listitem')).toHaveCount(2);
  await expect(entry(page, 'Untitled matrix')).toHaveAttribute('aria-current', 'true');
  await entry(page, 'Cloud operating model').getByRole('button', { name: 'Open' }).click();
  await expect(heading(page)).toHaveText('Cloud operating model');
  // The example's history is its own: nothing to undo, and Ctrl+Z cannot reach the other matrix.
  await expect(page.getByRole('button', { name: 'Undo' })).toBeDisabled();

  await page.reload();
  await expect(heading(page)).toHaveText('Cloud operating model');
  await openLibrary(page);
  await expect(panel(page).getByRole('listitem')).toHaveCount(2);
  await entry(page, 'Untitled matrix').getByRole('button', { name: 'Open' }).click();
  await expect(heading(page)).toHaveText('Untitled matrix');
  await expect(cell(page, 'Role 1', 'Activity 1')).toHaveAttribute('aria-label', 'Role 1, Activity 1: Responsible');
  // Its undo step came back with it.
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect(cell(page, 'Role 1', 'Activity 1')).toHaveAttribute('aria-label', 'Role 1, Activity 1: empty');
});

test('duplicate and rename, the open matrix and another one', async ({ page }) => {
  await openLibrary(page);
  await entry(page, 'Cloud operating model').getByRole('button', { name: 'Duplicate' }).click();
  await expect(heading(page)).toHaveText('Cloud operating model (copy)');

  await openLibrary(page);
  await entry(page, 'Cloud operating model (copy)').getByRole('button', { name: 'Rename' }).click();
  // The title field takes the keyboard with the old title selected: typing replaces it.
  await expect(panel(page).getByLabel('New title')).toBeFocused();
  await page.keyboard.type('Workshop draft');
  await page.keyboard.press('Enter');
  await expect(heading(page)).toHaveText('Workshop draft');
  await expect(entry(page, 'Workshop draft')).toHaveAttribute('aria-current', 'true');

  await entry(page, 'Cloud operating model').getByRole('button', { name: 'Rename' }).click();
  await panel(page).getByLabel('New title').fill('Agreed model');
  await panel(page).getByRole('button', { name: 'Save' }).click();
  await expect(entry(page, 'Agreed model')).toHaveCount(1);
  await expect(heading(page)).toHaveText('Workshop draft');

  // Escape cancels a rename without changing anything.
  await entry(page, 'Agreed model').getByRole('button', { name: 'Rename' }).click();
  await panel(page).getByLabel('New title').fill('Never mind');
  await panel(page).getByLabel('New title').press('Escape');
  await expect(entry(page, 'Agreed model')).toHaveCount(1);

  await saved(page, 'Workshop draft');
  await page.reload();
  await expect(heading(page)).toHaveText('Workshop draft');
  await openLibrary(page);
  await expect(entry(page, 'Agreed model')).toHaveCount(1);
  await expect(entry(page, 'Workshop draft')).toHaveCount(1);
  await entry(page, 'Agreed model').getByRole('button', { name: 'Open' }).click();
  await expect(heading(page)).toHaveText('Agreed model');
});

test('delete asks first, can be cancelled, and can be undone', async ({ page }) => {
  await openLibrary(page);
  await page.getByRole('button', { name: 'New blank matrix' }).click();
  await expect(heading(page)).toHaveText('Untitled matrix');

  await openLibrary(page);
  await entry(page, 'Untitled matrix').getByRole('button', { name: 'Delete' }).click();
  const confirm = panel(page).getByRole('group', { name: 'Confirm delete' });
  await expect(confirm).toContainText('Delete "Untitled matrix"?');
  await confirm.getByRole('button', { name: 'No' }).click();
  await expect(confirm).toBeHidden();
  await expect(panel(page).getByRole('listitem')).toHaveCount(2);

  await entry(page, 'Untitled matrix').getByRole('button', { name: 'Delete' }).click();
  await confirm.getByRole('button', { name: 'Yes, delete' }).click();
  await expect(panel(page).getByRole('listitem')).toHaveCount(1);
  await expect(heading(page)).toHaveText('Cloud operating model');
  await expect(panel(page).getByRole('status')).toContainText('Deleted "Untitled matrix".');
  await page.screenshot({ path: path.join(__dirname, 'screenshots', 'library-deleted-1280x800.png') });

  await panel(page).getByRole('button', { name: 'Undo delete' }).click();
  await expect(panel(page).getByRole('listitem')).toHaveCount(2);
  await expect(heading(page)).toHaveText('Untitled matrix');

  await page.reload();
  await openLibrary(page);
  await expect(panel(page).getByRole('listitem')).toHaveCount(2);
  await expect(heading(page)).toHaveText('Untitled matrix');
});

test('a reload brings back the selected cell', async ({ page }) => {
  const target = cell(page, 'Security', 'Patch operating systems');
  await target.click();
  await expect(target).toHaveClass(/active/);
  await expect
    .poll(async () => Object.keys(await libraryRecords(page)).filter((k) => k.startsWith('raci-workshop/v1/view/')).length)
    .toBe(1);
  await page.reload();
  await expect(cell(page, 'Security', 'Patch operating systems')).toHaveClass(/active/);
  await expect
    .poll(() => page.evaluate(() => document.activeElement?.getAttribute('aria-label') ?? ''))
    .toMatch(/^Security, Patch operating systems:/);
  // Typing goes to the restored cell straight away.
  await page.keyboard.press('i');
  await expect(cell(page, 'Security', 'Patch operating systems')).toHaveAttribute(
    'aria-label',
    /^Security, Patch operating systems: .*Informed/,
  );
});

// Where IndexedDB cannot be used (turned off by policy, some private modes), the library stays
// in localStorage as in earlier builds, with the same warnings when it is full.
test.describe('without IndexedDB', () => {
  test.beforeEach(async ({ page }) => {
    await page.addInitScript(() => Object.defineProperty(window, 'indexedDB', { get: () => undefined }));
    await page.reload();
    await expect(heading(page)).toHaveText('Cloud operating model');
  });

test('full storage shows a warning, editing goes on, and saving resumes when there is room', async ({ page }) => {
  const filled = await page.evaluate(() => {
    let n = 0;
    for (let size = 1 << 20; size >= 1; size = Math.floor(size / 2)) {
      const chunk = 'x'.repeat(size);
      for (;;) {
        try {
          localStorage.setItem(`filler-${n}`, chunk);
          n += 1;
        } catch {
          break;
        }
      }
    }
    return n;
  });
  expect(filled).toBeGreaterThan(0);

  const target = cell(page, 'Platform team', 'Define backup and restore policy');
  await target.click();
  await page.keyboard.press('a');
  await expect(target).toHaveAttribute('aria-label', 'Platform team, Define backup and restore policy: Accountable');
  const warning = page.locator('.save-status');
  await expect(warning).toBeVisible();
  await expect(warning).toContainText('Not saved:');
  await expect(warning).toContainText('full');
  await page.screenshot({ path: path.join(__dirname, 'screenshots', 'not-saved-1280x800.png') });
  await page.keyboard.press('r');
  await expect(target).toHaveAttribute('aria-label', /Accountable.*Responsible|Responsible.*Accountable/);

  // Export still works from memory.
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export JSON' }).click();
  expect((await download).suggestedFilename()).toMatch(/\.json$/);

  await page.evaluate(() => {
    for (const key of Object.keys(localStorage)) if (key.startsWith('filler-')) localStorage.removeItem(key);
  });
  await target.click();
  await page.keyboard.press('c');
  await expect(target).toHaveAttribute('aria-label', /Consulted/);
  await expect(warning).toBeHidden();
  await page.reload();
  await expect(cell(page, 'Platform team', 'Define backup and restore policy')).toHaveAttribute(
    'aria-label',
    /^Platform team, Define backup and restore policy: .*Consulted/,
  );
});

test('when storage runs short, the oldest undo steps give way and the matrix stays saved', async ({ page }) => {
  const roles = Array.from({ length: 20 }, (_, r) => `Team ${r + 1}`);
  const sheet = (n: number) => {
    const lines = [['Activity', ...roles].join(',')];
    for (let a = 1; a <= 150; a++) lines.push([`Step ${a} of import ${n}`, ...roles.map((_, r) => (r === a % 20 ? 'A/R' : r % 3 ? 'C' : ''))].join(','));
    return lines.join('\n');
  };
  for (let n = 1; n <= 3; n++) {
    await importFile(page, `Import ${n}.csv`, sheet(n));
    await savedInLocalStorage(page, `Import ${n}`);
  }
  // Leave free less than one more matrix takes.
  await page.evaluate(() => {
    const index = JSON.parse(localStorage.getItem('raci-workshop/v1/index') ?? '{}');
    const doc = localStorage.getItem(`raci-workshop/v1/matrix/${index.current}`) ?? '';
    const sizes: number[] = [];
    for (let size = 1 << 20; size >= 1; size = Math.floor(size / 2)) {
      const chunk = 'x'.repeat(size);
      for (;;) {
        try {
          localStorage.setItem(`filler-${sizes.length}`, chunk);
          sizes.push(size);
        } catch {
          break;
        }
      }
    }
    let freed = 0;
    for (let i = sizes.length - 1; i >= 0 && freed < doc.length / 4; i--) {
      localStorage.removeItem(`filler-${i}`);
      freed += sizes[i];
    }
  });
  await importFile(page, 'Import 4.csv', sheet(4));
  await expect(page.getByText('storage is nearly full')).toBeVisible();
  await expect(page.getByText(/oldest undo steps? (was|were) forgotten/)).toBeVisible();
  await expect(page.locator('.save-status')).toBeHidden();
  await page.screenshot({ path: path.join(__dirname, 'screenshots', 'storage-short-1280x800.png') });
  await page.reload();
  await expect(heading(page)).toHaveText('Import 4');
  // The newest steps are still there: undo goes back to the import before.
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect(heading(page)).toHaveText('Import 3');
  await page.evaluate(() => {
    for (const key of Object.keys(localStorage)) if (key.startsWith('filler-')) localStorage.removeItem(key);
  });
});
});

test('damaged saved data is kept aside, the user is told, and a readable matrix opens', async ({ page }) => {
  await openLibrary(page);
  await page.getByRole('button', { name: 'New blank matrix' }).click();
  await expect(heading(page)).toHaveText('Untitled matrix');
  await saved(page, 'Untitled matrix');
  const index = JSON.parse((await libraryRecords(page))['raci-workshop/v1/index']);
  const key = `raci-workshop/v1/matrix/${index.current}`;
  // Damaged behind the page's back (nothing is waiting to be written: the page leaves it alone).
  await writeLibraryRecords(page, { [key]: '{"format": "raci-workshop", garbage' });
  await page.reload();
  const alert = page.getByRole('alert').filter({ hasText: 'could not be read' });
  await expect(alert).toContainText('"Untitled matrix" could not be read');
  await expect(alert).toContainText('kept aside');
  await expect(heading(page)).toHaveText('Cloud operating model');
  await page.screenshot({ path: path.join(__dirname, 'screenshots', 'unreadable-1280x800.png') });
  const asideKey = key.replace('raci-workshop/v1/', 'raci-workshop/v1/unreadable/');
  await expect
    .poll(async () => Object.entries(await libraryRecords(page)).filter(([k]) => k.startsWith('raci-workshop/v1/unreadable/')))
    .toEqual([[asideKey, '{"format": "raci-workshop", garbage']]);

  // Editing and saving afterwards never touches what was kept aside.
  await cell(page, 'Security', 'Patch operating systems').click();
  await page.keyboard.press('a');
  await saved(page, 'Cloud operating model');
  await page.reload();
  await expect(heading(page)).toHaveText('Cloud operating model');
  expect((await libraryRecords(page))[asideKey]).toBe('{"format": "raci-workshop", garbage');
});

test('the single matrix of earlier versions moves into the library', async ({ page }) => {
  await saved(page, 'Cloud operating model');
  const records = await libraryRecords(page);
  const index = JSON.parse(records['raci-workshop/v1/index']);
  const doc = JSON.parse(records[`raci-workshop/v1/matrix/${index.current}`]);
  doc.title = 'Saved before the library';
  await withLocalStorage(page, { 'raci-workshop/current': JSON.stringify(doc) });
  await expect(heading(page)).toHaveText('Saved before the library');
  const keys = await page.evaluate(() => Object.keys(localStorage).sort());
  expect(keys).not.toContain('raci-workshop/current');
  // The move is written behind, so IndexedDB holds it a moment after the heading shows.
  await expect
    .poll(async () => Object.keys(await libraryRecords(page)).filter((k) => k.startsWith('raci-workshop/')))
    .toEqual(expect.arrayContaining(['raci-workshop/v1/index']));
  expect(Object.keys(await libraryRecords(page))).not.toContain('raci-workshop/current');
});

for (const [width, height] of [
  [1280, 800],
  [1024, 768],
]) {
  test(`the library at ${width}x${height}`, async ({ page }) => {
    await page.setViewportSize({ width, height });
    await openLibrary(page);
    await page.getByRole('button', { name: 'New blank matrix' }).click();
    await openLibrary(page);
    await entry(page, 'Cloud operating model').getByRole('button', { name: 'Duplicate' }).click();
    await openLibrary(page);
    await entry(page, 'Untitled matrix').getByRole('button', { name: 'Delete' }).click();
    const box = await panel(page).boundingBox();
    expect(box).not.toBeNull();
    expect(box!.x).toBeGreaterThanOrEqual(0);
    expect(box!.x + box!.width).toBeLessThanOrEqual(width);
    expect(box!.y + box!.height).toBeLessThanOrEqual(height);
    await page.screenshot({ path: path.join(__dirname, 'screenshots', `library-${width}x${height}.png`) });
  });
}

test('two tabs keep each other\'s matrices, and a change to the same matrix is pointed out', async ({ page, context }) => {
  const other = await context.newPage();
  await other.goto('/');
  await expect(heading(other)).toHaveText('Cloud operating model');

  // The other tab makes a new matrix; this tab lists it without a reload.
  await openLibrary(other);
  await other.getByRole('button', { name: 'New blank matrix' }).click();
  await expect(heading(other)).toHaveText('Untitled matrix');
  await openLibrary(page);
  await expect(entry(page, 'Untitled matrix')).toBeVisible();

  // This tab saves its own matrix: the other tab's entry stays on the list.
  await page.getByRole('button', { name: 'Library', exact: true }).click();
  await cell(page, 'Cloud CoE', 'Provision new accounts').click();
  await page.keyboard.press('c');
  await saved(page, 'Cloud operating model');
  await page.reload();
  await openLibrary(page);
  await expect(panel(page).getByRole('listitem')).toHaveCount(2);

  // Both tabs on the same matrix: a change in one is pointed out in the other.
  await openLibrary(other);
  await entry(other, 'Cloud operating model').getByRole('button', { name: 'Open' }).click();
  await expect(heading(other)).toHaveText('Cloud operating model');
  await cell(other, 'Security', 'Provision new accounts').click();
  await other.keyboard.press('i');
  const notice = page.getByText('This matrix was just changed in another tab');
  await expect(notice).toBeVisible();
  expect(await notice.evaluate((e) => e.textContent)).toContain(
    'This tab keeps its own version, and whichever tab saves last wins: close one of them',
  );
  await other.close();
});

test('another matrix opens at its top, not where the last one was scrolled to', async ({ page }) => {
  const importLong = async (title: string) => {
    const rows = Array.from({ length: 300 }, (_, i) => `Activity ${i + 1},R,A`);
    await page.getByLabel('Import', { exact: true }).setInputFiles({
      name: `${title}.csv`,
      mimeType: 'text/csv',
      buffer: Buffer.from(['Activity,Ops,Lead', ...rows].join('\n')),
    });
    await page.getByRole('button', { name: 'Open as a new matrix' }).click();
    await expect(heading(page)).toHaveText(title);
  };
  const scroller = page.locator('.grid-scroll');
  const scrollDown = async () => {
    await scroller.evaluate((div) => (div.scrollTop = 6000));
    await expect(cell(page, 'Ops', 'Activity 1')).toHaveCount(0);
  };
  await importLong('First list');
  await scrollDown();
  // An import starts at the top...
  await importLong('Second list');
  await expect.poll(() => scroller.evaluate((div) => div.scrollTop)).toBe(0);
  await expect(cell(page, 'Ops', 'Activity 1')).toBeInViewport();
  await scrollDown();
  // ...and so does a matrix opened from the Library.
  await openLibrary(page);
  await entry(page, 'First list').getByRole('button', { name: 'Open' }).click();
  await expect(heading(page)).toHaveText('First list');
  await expect.poll(() => scroller.evaluate((div) => div.scrollTop)).toBe(0);
  await expect(cell(page, 'Ops', 'Activity 1')).toBeInViewport();
});
