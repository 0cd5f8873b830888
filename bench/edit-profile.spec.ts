import { test, expect } from '@playwright/test';
import { importGenerated, percentile } from './harness';

// Where a one-cell edit's time goes, read from Chromium's own trace (CDP Tracing), at the sizes
// most workshops have, on this machine and with the CPU slowed four times (Chromium's CPU
// throttling, an older laptop). Each edit starts at a random point of a frame, as a key press
// does. Printed per edit: the time until the frame after the change was painted (p50/p95), and
// the main thread's work split into script (the app's wasm and its JavaScript glue), style
// recalculation, layout, and paint with the rest of the frame. A benchmark: nothing is asserted
// about time.

const EDITS = 40;
const sizes: [number, number][] = [
  [30, 8],
  [200, 30],
];

type TraceEvent = { name: string; ph: string; ts: number; dur?: number; pid: number; tid: number; args?: { name?: string } };

const phases: [string, string[]][] = [
  ['script', ['FunctionCall', 'EventDispatch', 'TimerFire', 'FireAnimationFrame', 'RunMicrotasks', 'v8.callFunction']],
  ['style', ['UpdateLayoutTree']],
  ['layout', ['Layout']],
  ['paint', ['PrePaint', 'Paint', 'Layerize', 'Commit', 'UpdateLayer', 'CompositeLayers']],
];

test('where an edit goes', async ({ page }) => {
  const lines: string[] = [];
  await page.goto('/');
  await expect(page.getByRole('table', { name: 'RACI matrix' })).toBeVisible();
  const cdp = await page.context().newCDPSession(page);
  for (const [activities, roles] of sizes) {
    await page.evaluate(() => localStorage.clear());
    await page.reload();
    await importGenerated(page, activities, roles);
    for (const rate of [1, 4]) {
      await cdp.send('Emulation.setCPUThrottlingRate', { rate });
      const events: TraceEvent[] = [];
      cdp.on('Tracing.dataCollected', (e: { value: TraceEvent[] }) => events.push(...e.value));
      const complete = new Promise((r) => cdp.once('Tracing.tracingComplete', r));
      await cdp.send('Tracing.start', {
        categories: 'devtools.timeline,disabled-by-default-devtools.timeline,v8.execute,blink.user_timing',
        transferMode: 'ReportEvents',
      });
      const painted = await page.evaluate(editAndWaitForPaint, EDITS);
      await cdp.send('Tracing.end');
      await complete;
      cdp.removeAllListeners('Tracing.dataCollected');
      await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
      // The renderer's main thread; nested events are counted once, at their outermost phase.
      const mainThread = events.find((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain');
      // Only what happens between a key press and the paint of its frame counts (marks set by the
      // page), not the selection before it.
      const marks = (name: string) => events.filter((e) => e.name === name).map((e) => e.ts).sort((a, b) => a - b);
      const starts = marks('edit-start');
      const ends = marks('edit-painted');
      const inAnEdit = (ts: number) => starts.some((s, i) => ts >= s && ts < (ends[i] ?? s));
      const onMain = events
        .filter((e) => mainThread && e.pid === mainThread.pid && e.tid === mainThread.tid && e.ph === 'X' && e.dur && inAnEdit(e.ts))
        .sort((a, b) => a.ts - b.ts);
      const totals = new Map<string, number>();
      let coveredUntil = 0;
      for (const e of onMain) {
        const phase = phases.find(([, names]) => names.includes(e.name))?.[0];
        if (!phase || e.ts < coveredUntil) continue;
        coveredUntil = e.ts + e.dur!;
        totals.set(phase, (totals.get(phase) ?? 0) + e.dur! / 1000);
      }
      const per = (phase: string) => ((totals.get(phase) ?? 0) / EDITS).toFixed(1).padStart(5);
      lines.push(
        `${`${activities}x${roles}`.padStart(7)} | ${rate}x CPU | ${percentile(painted, 50).toFixed(1).padStart(5)} / ${percentile(painted, 95).toFixed(1).padStart(5)} ms | ${per('script')} | ${per('style')} | ${per('layout')} | ${per('paint')} ms`,
      );
    }
  }
  console.log('\none keyboard edit: painted p50 / p95, and the main thread\'s work per edit (mean)');
  console.log(' matrix |  CPU   | painted p50 / p95 | script | style | layout | paint');
  for (const line of lines) console.log(line);
});

/** In the page: `edits` keyboard edits on cells in view, each until the next frame was painted. */
async function editAndWaitForPaint(edits: number): Promise<number[]> {
  const frame = () => new Promise((r) => requestAnimationFrame(() => r(null)));
  const afterPaint = () => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
  const painted: number[] = [];
  for (let i = 0; i < edits; i++) {
    const view = document.querySelector('.grid-scroll')!.getBoundingClientRect();
    const rows = Array.from(document.querySelectorAll('tr[data-activity-row]')).filter((r) => {
      const box = r.getBoundingClientRect();
      return box.top >= view.top + 60 && box.bottom <= view.bottom;
    });
    const row = rows[(i * 7) % rows.length];
    const cells = row.querySelectorAll('td[data-activity]');
    const td = cells[(i * 3) % cells.length] as HTMLElement;
    td.dispatchEvent(new MouseEvent('mousedown', { bubbles: true, button: 0 }));
    window.dispatchEvent(new MouseEvent('mouseup', { bubbles: true, button: 0 }));
    await afterPaint();
    // A key press lands anywhere in a frame.
    await frame();
    await new Promise((r) => setTimeout(r, Math.random() * 16));
    const { activity, role } = td.dataset;
    const target = document.querySelector(`td[data-activity="${activity}"][data-role="${role}"]`)!;
    performance.mark('edit-start');
    const start = performance.now();
    target.dispatchEvent(new KeyboardEvent('keydown', { key: 'i', bubbles: true, cancelable: true }));
    // The frame that shows the change, then the moment after it was painted.
    await afterPaint();
    painted.push(performance.now() - start);
    performance.mark('edit-painted');
  }
  return painted;
}
