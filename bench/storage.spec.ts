import { test, expect, Page } from '@playwright/test';
import { generate } from './harness';

// Prints what saving costs the page and what a big library costs to open:
// - long tasks (Long Tasks API, > 50 ms) during the save after an edit of a 5,000 x 100 matrix,
//   attributed to the save by timing: each edit is made, the edit's own update is left to
//   finish, then long tasks are collected over the save window (the 250 ms pause, the write to
//   the cache and the strict IndexedDB transaction);
// - a library of 20 matrices of 1,000 x 60 and 3 of 5,000 x 100: the time to save each new one,
//   the reload (IndexedDB read whole, then the first render), the Library list, and opening
//   each kind of matrix from the list.
// A benchmark, not a test: it asserts only that the page did what was asked.

const heading = (page: Page) => page.locator('h1.matrix-title');
const panel = (page: Page) => page.getByRole('region', { name: 'Library' });

async function openLibrary(page: Page) {
  if (!(await panel(page).isVisible())) await page.getByRole('button', { name: 'Library', exact: true }).click();
  await expect(panel(page)).toBeVisible();
}

/** Imports a generated matrix as a new entry of the library; returns ms from the click on "Open as
 *  a new matrix" until its first rows are drawn and a frame has been painted: the same window as
 *  bench/browser.spec.ts's import to render, and as opening from the Library below. */
async function importAsNew(page: Page, title: string, activities: number, roles: number, seed: number) {
  await page.getByLabel('Import', { exact: true }).setInputFiles({
    name: `${title}.csv`,
    mimeType: 'text/csv',
    buffer: Buffer.from(generate(activities, roles, seed)),
  });
  const button = page.getByRole('button', { name: 'Open as a new matrix' });
  await expect(button).toBeVisible({ timeout: 120_000 });
  const ms = await page.evaluate(async (title) => {
    const button = Array.from(document.querySelectorAll('button')).find((b) => b.textContent === 'Open as a new matrix')!;
    const start = performance.now();
    button.click();
    while (!(document.querySelector('h1')?.textContent === title && drawnRow())) await new Promise((r) => setTimeout(r, 1));
    await new Promise((r) => requestAnimationFrame(() => r(null)));
    return performance.now() - start;

    function drawnRow() {
      return Array.from(document.querySelectorAll('th[scope="row"] .activity-name')).some((e) => e.textContent === 'Activity 1');
    }
  }, title);
  await expect(heading(page)).toHaveText(title, { timeout: 120_000 });
  return ms;
}

/** Waits until IndexedDB holds `count` matrices. */
async function storedMatrices(page: Page) {
  return page.evaluate(
    () =>
      new Promise<number>((resolve) => {
        const open = indexedDB.open('raci-workshop');
        open.onsuccess = () => {
          const request = open.result.transaction('library').objectStore('library').getAllKeys();
          request.onsuccess = () => {
            resolve(request.result.filter((k) => String(k).startsWith('raci-workshop/v1/matrix/')).length);
            open.result.close();
          };
        };
      }),
  );
}

const firstRowDrawn = () =>
  Array.from(document.querySelectorAll('th[scope="row"] .activity-name')).some((e) => e.textContent === 'Activity 1');

test('storage benchmark', async ({ page }) => {
  test.setTimeout(1_800_000);
  await page.goto('/');
  await expect(heading(page)).toHaveText('Cloud operating model');

  // Save long tasks at 5,000 x 100.
  const importTimes: Record<string, number[]> = { '1000x60': [], '5000x100': [] };
  importTimes['5000x100'].push(await importAsNew(page, 'Big 1', 5000, 100, 1));
  await expect.poll(() => storedMatrices(page), { timeout: 60_000 }).toBe(2);
  const saves = await page.evaluate(async (edits) => {
    const longTasks: { start: number; duration: number }[] = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) longTasks.push({ start: e.startTime, duration: e.duration });
    }).observe({ type: 'longtask', buffered: false });
    const results: { edit: number; inSave: number[] }[] = [];
    for (let i = 0; i < edits; i++) {
      const td = document.querySelectorAll('td[data-activity]')[(i * 37) % 400] as HTMLElement;
      td.dispatchEvent(new MouseEvent('mousedown', { bubbles: true, button: 0 }));
      window.dispatchEvent(new MouseEvent('mouseup', { bubbles: true, button: 0 }));
      await new Promise((r) => setTimeout(r, 600));
      const start = performance.now();
      (document.querySelector(`td[data-activity="${td.dataset.activity}"][data-role="${td.dataset.role}"]`) as HTMLElement).dispatchEvent(
        new KeyboardEvent('keydown', { key: 'i', bubbles: true, cancelable: true }),
      );
      // The edit's own update ends well before the 250 ms pause is over; the save window runs
      // from then until everything is written.
      const saveFrom = start + 200;
      await new Promise((r) => setTimeout(r, 1500));
      results.push({
        edit: Math.max(0, ...longTasks.filter((t) => t.start >= start && t.start < saveFrom).map((t) => t.duration)),
        inSave: longTasks.filter((t) => t.start >= saveFrom && t.start < start + 1500).map((t) => t.duration),
      });
    }
    const measures = (name: string) => performance.getEntriesByName(name, 'measure').map((m) => m.duration);
    return { results, save: measures('raci-workshop:save'), write: measures('raci-workshop:write') };
  }, 10);
  const inSave = saves.results.flatMap((s) => s.inSave);
  const list = (values: number[]) => values.map((d) => d.toFixed(0)).join(', ');
  console.log(
    `\nsave of a 5000x100 matrix after an edit, 10 edits: ${inSave.length} long tasks in the save windows` +
      (inSave.length ? ` (longest ${Math.max(...inSave).toFixed(0)} ms, ${inSave.map((d) => d.toFixed(0)).join(', ')} ms)` : '') +
      `; the edits' own longest task ${Math.max(...saves.results.map((s) => s.edit)).toFixed(0)} ms`,
  );
  // The app's own User Timing measures: the save (document and history to JSON, into the cache)
  // and the write behind's share of the main thread (handing the values to IndexedDB).
  console.log(`  of which the save itself: ${list(saves.save.slice(-10))} ms; handing to IndexedDB: ${list(saves.write.slice(-10))} ms`);

  // The 20 + 3 library.
  const saveTimes: string[] = [];
  for (let n = 2; n <= 3; n++) {
    const t0 = Date.now();
    importTimes['5000x100'].push(await importAsNew(page, `Big ${n}`, 5000, 100, n));
    await expect.poll(() => storedMatrices(page), { timeout: 60_000 }).toBe(n + 1);
    saveTimes.push(`Big ${n}: ${Date.now() - t0} ms`);
  }
  for (let n = 1; n <= 20; n++) {
    importTimes['1000x60'].push(await importAsNew(page, `Medium ${n}`, 1000, 60, 100 + n));
    await expect.poll(() => storedMatrices(page), { timeout: 60_000 }).toBe(n + 4);
  }
  const times = (values: number[]) => values.map((v) => v.toFixed(0)).join(', ');
  console.log(
    `import to drawn (click on "Open as a new matrix" to the first rows drawn): 5000x100 ${times(importTimes['5000x100'])} ms; ` +
      `1000x60 (the first 5) ${times(importTimes['1000x60'].slice(0, 5))} ms`,
  );
  console.log(`library: 23 matrices + the example saved (import and save of a 5000x100 as a new matrix: ${saveTimes.join(', ')})`);
  const usage = await page.evaluate(async () => (await navigator.storage.estimate()).usage ?? 0);
  console.log(`IndexedDB use: ${(usage / 1e6).toFixed(1)} MB`);

  // Reload: the whole library read at start, then the open matrix (Medium 20) drawn.
  const reloads: number[] = [];
  for (let i = 0; i < 3; i++) {
    const t0 = Date.now();
    await page.reload();
    await expect(heading(page)).toHaveText('Medium 20', { timeout: 60_000 });
    await page.waitForFunction(firstRowDrawn);
    reloads.push(Date.now() - t0);
  }
  const navigation = await page.evaluate(() => {
    const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
    return nav.loadEventEnd;
  });
  console.log(`reload to the open matrix drawn, 24-matrix library: ${reloads.join(', ')} ms (page load event at ${navigation.toFixed(0)} ms)`);

  // The list, and opening a matrix of each size from it.
  // In the page, from the click until the 24 entries are drawn and a frame painted.
  const listed = await page.evaluate(async () => {
    const button = Array.from(document.querySelectorAll('button')).find((b) => b.textContent?.trim() === 'Library')!;
    const start = performance.now();
    button.click();
    while (document.querySelectorAll('.library-item').length < 24) await new Promise((r) => setTimeout(r, 1));
    await new Promise((r) => requestAnimationFrame(() => r(null)));
    return performance.now() - start;
  });
  await expect(panel(page).getByRole('listitem')).toHaveCount(24);
  console.log(`Library list of 24 shown: ${listed.toFixed(0)} ms`);
  for (const title of ['Big 2', 'Medium 3', 'Big 3', 'Medium 7', 'Big 1', 'Medium 12']) {
    await openLibrary(page);
    const item = panel(page).getByRole('listitem').filter({ has: page.locator('.library-title', { hasText: new RegExp(`^${title}$`) }) });
    const open = item.getByRole('button', { name: 'Open' });
    const ms = await page.evaluate(
      async ([title]) => {
        const start = performance.now();
        const item = Array.from(document.querySelectorAll('.library-item')).find((li) => li.querySelector('.library-title')?.textContent === title)!;
        const button = Array.from(item.querySelectorAll('button')).find((b) => b.textContent === 'Open')!;
        button.click();
        const drawn = () =>
          document.querySelector('h1')?.textContent === title &&
          Array.from(document.querySelectorAll('th[scope="row"] .activity-name')).some((e) => e.textContent === 'Activity 1');
        while (!drawn()) await new Promise((r) => setTimeout(r, 1));
        await new Promise((r) => requestAnimationFrame(() => r(null)));
        return performance.now() - start;
      },
      [title],
    );
    await expect(open).toHaveCount(0);
    console.log(`open ${title} from the Library to drawn: ${ms.toFixed(0)} ms`);
  }
});
