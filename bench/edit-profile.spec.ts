import { test, expect } from '@playwright/test';
import { editInFrames, importGenerated, percentile } from './harness';

// Where a one-cell edit's time goes, read from Chromium's own trace (CDP Tracing), at the sizes
// most workshops have, on this machine and with the CPU slowed four times (Chromium's CPU
// throttling, an older laptop). Each edit starts at a random point of a frame, as a key press
// does. Printed per edit: the time until the frame after the change was painted (p50/p95), and
// the main thread's work split into script (the app's wasm and its JavaScript glue), style
// recalculation, layout, and paint with the rest of the frame. A benchmark: nothing is asserted
// about time.

const EDITS = 40;
// EDIT_PROFILE_CSS adds a style rule to the page, to try a rendering idea without a build.
test.use({ bypassCSP: !!process.env.EDIT_PROFILE_CSS });
const sizes: [number, number][] = [
  [30, 8],
  [200, 30],
];

type TraceEvent = {
  name: string;
  ph: string;
  ts: number;
  dur?: number;
  /** Thread time: what the thread itself ran, without the time it waited for a core. */
  tdur?: number;
  pid: number;
  tid: number;
  args?: { name?: string; elementCount?: number; beginData?: { dirtyObjects?: number } };
};

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
    if (process.env.EDIT_PROFILE_CSS) await page.addStyleTag({ content: process.env.EDIT_PROFILE_CSS });
    for (const rate of [1, 4]) {
      await cdp.send('Emulation.setCPUThrottlingRate', { rate });
      const events: TraceEvent[] = [];
      cdp.on('Tracing.dataCollected', (e: { value: TraceEvent[] }) => events.push(...e.value));
      const complete = new Promise((r) => cdp.once('Tracing.tracingComplete', r));
      await cdp.send('Tracing.start', {
        categories: 'devtools.timeline,disabled-by-default-devtools.timeline,v8.execute,blink.user_timing',
        transferMode: 'ReportEvents',
      });
      const { painted } = await page.evaluate(editInFrames, { edits: EDITS });
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
      let styled = 0;
      let laidOut = 0;
      for (const e of onMain) {
        // How many elements the edit restyled and how many layout objects it dirtied: counts
        // that do not depend on how busy the machine is.
        if (e.name === 'UpdateLayoutTree') styled += e.args?.elementCount ?? 0;
        if (e.name === 'Layout') laidOut += e.args?.beginData?.dirtyObjects ?? 0;
        const phase = phases.find(([, names]) => names.includes(e.name))?.[0];
        if (!phase || e.ts < coveredUntil) continue;
        coveredUntil = e.ts + e.dur!;
        // Thread time where the trace has it: a loaded machine's waits are not the app's work.
        totals.set(phase, (totals.get(phase) ?? 0) + (e.tdur ?? e.dur!) / 1000);
      }
      if (process.env.EDIT_PROFILE_EVENTS) {
        const byName = new Map<string, number>();
        for (const e of onMain) byName.set(e.name, (byName.get(e.name) ?? 0) + (e.tdur ?? e.dur!) / 1000 / EDITS);
        // EDIT_PROFILE_EVENTS prints the trace events by name and the layers painted, to see where
        // the rendering time goes.
        const paints = onMain.filter((e) => e.name === 'Paint').slice(0, 12).map((e) => JSON.stringify((e.args as any)?.data) + ` ${((e.tdur ?? e.dur!) / 1000).toFixed(2)}ms`);
        console.log(paints.join('\n'));
        console.log(`${activities}x${roles} ${rate}x`, [...byName].sort((a, b) => b[1] - a[1]).slice(0, 25).map(([n, t]) => `${n} ${t.toFixed(2)}`).join(', '));
      }
      const per = (phase: string) => ((totals.get(phase) ?? 0) / EDITS).toFixed(1).padStart(5);
      const count = (n: number) => String(Math.round(n / EDITS)).padStart(6);
      lines.push(
        `${`${activities}x${roles}`.padStart(7)} | ${rate}x CPU | ${percentile(painted, 50).toFixed(1).padStart(5)} / ${percentile(painted, 95).toFixed(1).padStart(5)} ms | ${per('script')} | ${per('style')} | ${per('layout')} | ${per('paint')} ms | ${count(styled)} | ${count(laidOut)}`,
      );
    }
  }
  console.log('\none keyboard edit: painted p50 / p95, the main thread\'s work per edit (mean thread time), elements restyled and layout objects dirtied per edit');
  console.log(' matrix |  CPU   | painted p50 / p95 | script | style | layout | paint    | styled | dirtied');
  for (const line of lines) console.log(line);
});
