import { test, expect, Page } from '@playwright/test';
import { importToPainted, percentile } from './harness';

// Prints, for generated matrices: import to painted (see harness.ts), one keyboard edit to the updated
// cell and findings on screen (p50/p95 over 100 edits), memory, and the long tasks (over 200 ms)
// of the import and of the edits. The first visit's time and transfer are in first-load.spec.ts.
// A benchmark, not a test: it asserts only that the page did what was asked.

const only = process.env.BENCH_SIZES;
const allSizes: [number, number][] = [
  [30, 8],
  [200, 30],
  [1000, 60],
  [5000, 100],
  [20000, 100],
];
// BENCH_SIZES=30x8,200x30 runs only those sizes.
const sizes = only
  ? allSizes.filter(([a, r]) => only.split(',').includes(`${a}x${r}`))
  : allSizes;
const EDITS = 100;

async function heapMB(page: Page) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  await cdp.send('HeapProfiler.collectGarbage');
  const { metrics } = await cdp.send('Performance.getMetrics');
  const metric = (name: string) => metrics.find((m: { name: string }) => m.name === name)?.value ?? 0;
  await cdp.detach();
  return { heap: metric('JSHeapUsedSize') / 1048576, nodes: metric('Nodes') };
}

/** Times EDITS keyboard edits on cells in view (see the comment inside). */
async function measureEdits(page: Page): Promise<{ work: number[]; frame: number[] }> {
  // One keyboard edit to the updated cell and findings on screen: select a cell, press a
  // letter, and time until the cell shows the new letter, the findings summary is there, and
  // the browser has laid the page out again (forced by reading positions). That is the work an
  // edit costs. The display then shows it at its next frame, which can be up to one frame
  // (16.7 ms at 60 Hz) later whatever the work: "next frame" is printed as well.
return page.evaluate(async (edits) => {
    const channel = new MessageChannel();
    const tick = () =>
      new Promise((r) => {
        channel.port1.onmessage = () => r(null);
        channel.port2.postMessage(0);
      });
    const summary = () => document.querySelector('[aria-label="Findings"] .findings-summary');
    const work: number[] = [];
    const frame: number[] = [];
    for (let i = 0; i < edits; i++) {
      // Rows are looked up afresh (new rows are drawn as the grid scrolls), among those in view:
      // a cell outside it would scroll the grid when selected.
      const view = document.querySelector('.grid-scroll')!.getBoundingClientRect();
      const rows = Array.from(document.querySelectorAll('tr[data-activity-row]')).filter((r) => {
        const box = r.getBoundingClientRect();
        return box.top >= view.top + 60 && box.bottom <= view.bottom;
      });
      const row = rows[(i * 7) % rows.length];
      // Cells only: a wide matrix's rows also hold spacer cells.
      const cells = row.querySelectorAll('td[data-activity]');
      const td = cells[(i * 3) % cells.length] as HTMLElement;
      const { activity, role } = td.dataset;
      const selector = `td[data-activity="${activity}"][data-role="${role}"]`;
      td.dispatchEvent(new MouseEvent('mousedown', { bubbles: true, button: 0 }));
      window.dispatchEvent(new MouseEvent('mouseup', { bubbles: true, button: 0 }));
      await new Promise((r) => requestAnimationFrame(() => r(null)));
      await tick();
      const target = document.querySelector(selector) as HTMLElement;
      const before = target.getAttribute('aria-label');
      const start = performance.now();
      target.dispatchEvent(new KeyboardEvent('keydown', { key: 'i', bubbles: true, cancelable: true }));
      // The app updates the page in microtasks after the key; poll those first, then tasks.
      const updated = () => document.querySelector(selector)?.getAttribute('aria-label') !== before && summary() !== null;
      for (let m = 0; m < 50 && !updated(); m++) await Promise.resolve();
      while (!updated() && performance.now() - start < 2000) await tick();
      document.querySelector(selector)?.getBoundingClientRect();
      summary()?.getBoundingClientRect();
      work.push(performance.now() - start);
      await new Promise((r) => requestAnimationFrame(() => r(null)));
      await tick();
      frame.push(performance.now() - start);
    }
    return { work, frame };
}, EDITS);
}

/** Starts collecting the page's long tasks (Chromium's Long Tasks API). */
async function watchLongTasks(page: Page) {
  await page.evaluate(() => {
    const w = window as unknown as { longTasks: number[] };
    w.longTasks = [];
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) w.longTasks.push(entry.duration);
    }).observe({ type: 'longtask' });
  });
}

/** The long tasks over 200 ms since the last call, as "count (longest)". */
async function takeLongTasks(page: Page) {
  const tasks: number[] = await page.evaluate(() => {
    const w = window as unknown as { longTasks: number[] };
    return w.longTasks.splice(0);
  });
  const long = tasks.filter((d) => d > 200);
  return long.length ? `${long.length} (longest ${Math.max(...long).toFixed(0)} ms)` : '0';
}

test('browser benchmark', async ({ page }) => {
  const rows: string[] = [];
  const markedRows: string[] = [];
  const longRows: string[] = [];
  await page.goto('/');
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  for (const [activities, roles] of sizes) {
    await page.evaluate(() => localStorage.clear());
    await page.reload();
    await expect(page.getByRole('table', { name: 'RACI matrix' })).toBeVisible();
    await watchLongTasks(page);
    const render = await importToPainted(page, activities, roles);

    // Let the tasks that follow the first render finish before counting the import's.
    await page.waitForTimeout(500);
    const importLong = await takeLongTasks(page);
    const times = await measureEdits(page);
    const editLong = await takeLongTasks(page);
    longRows.push(`${`${activities}x${roles}`.padStart(9)} | ${importLong.padStart(20)} | ${editLong.padStart(20)}`);
    // The same edits while "Show changes" marks what changed since the baseline: each edit is
    // then diffed against the baseline too.
    await page.getByLabel('Show changes').check();
    const marked = await measureEdits(page);
    await page.getByLabel('Show changes').uncheck();
    console.log(`${activities}x${roles}: render ${render.toFixed(0)} ms, edit p50 / p95 ${percentile(times.work, 50).toFixed(1)} / ${percentile(times.work, 95).toFixed(1)} ms, to next frame p50 / p95 ${percentile(times.frame, 50).toFixed(1)} / ${percentile(times.frame, 95).toFixed(1)} ms`);
    const memory = await heapMB(page);
    const ms = (v: number) => `${v.toFixed(1).padStart(6)} ms`;
    rows.push(
      `${`${activities}x${roles}`.padStart(9)} | ${render.toFixed(0).padStart(6)} ms | ${ms(percentile(times.work, 50))} | ${ms(percentile(times.work, 95))} | ${ms(percentile(times.frame, 50))} | ${ms(percentile(times.frame, 95))} | ${memory.heap.toFixed(1).padStart(5)} MB | ${String(memory.nodes).padStart(6)}`,
    );
    markedRows.push(
      `${`${activities}x${roles}`.padStart(9)} | ${ms(percentile(marked.work, 50))} | ${ms(percentile(marked.work, 95))} | ${ms(percentile(marked.frame, 50))} | ${ms(percentile(marked.frame, 95))}`,
    );
  }
  console.log('\nlong tasks over 200 ms: import (from choosing the file to the first render) | 100 edits');
  for (const row of longRows) console.log(row);
  console.log('\n   matrix | import to render | edit p50 | edit p95 | to next frame p50 | p95 | JS heap | DOM nodes');
  for (const row of rows) console.log(row);
  console.log('\nwith "Show changes" on (every edit also diffed against the baseline and marked)');
  console.log('   matrix | edit p50 | edit p95 | to next frame p50 | p95');
  for (const row of markedRows) console.log(row);
});
