import { test, expect, Page } from '@playwright/test';
import { editInFrames, importGenerated, percentile } from './harness';

// The floor under an edit: how long the browser alone takes to show a one-cell change, next to a
// keyboard edit through the app. Three ways, each started at a random point of a frame and timed
// until the frame after it was painted, at 1x and with the CPU slowed four times:
// - the app's keyboard edit (as in the summary);
// - the same cells' letters changed by plain DOM calls in the app's page (no app code runs);
// - the same change in a bare table of the same size on an empty page (no app, no styles of ours).
// A benchmark: nothing is asserted about time.

const EDITS = 40;
const sizes: [number, number][] = [
  [30, 8],
  [200, 30],
];

/** A bare table shaped like the grid (the harness finds its rows and cells the same way). */
async function bareTable(page: Page, activities: number, roles: number) {
  const head = Array.from({ length: roles }, (_, r) => `<th>Role ${r + 1}</th>`).join('');
  const body = Array.from({ length: activities }, (_, a) => {
    const cells = Array.from({ length: roles }, (_, r) => {
      const letter = 'ARCI '[(a + r) % 5].trim();
      const label = `Role ${r + 1}, Activity ${a + 1}: ${letter || 'empty'}`;
      const inner = letter ? `<span class="letter">${letter}</span>` : '';
      return `<td data-activity="${a}" data-role="${r}" aria-label="${label}">${inner}</td>`;
    }).join('');
    return `<tr data-activity-row><th scope="row">Activity ${a + 1}</th>${cells}</tr>`;
  }).join('');
  await page.setContent(`<!doctype html><html lang="en"><title>Bare table</title>
    <style>body{font:16px system-ui;margin:0} .grid-scroll{height:100vh;overflow:auto}
    table{border-collapse:collapse} th,td{border:1px solid #ccc;padding:0.5rem 0.75rem}</style>
    <section aria-label="Findings"><p class="findings-summary">No findings</p></section>
    <div class="grid-scroll"><table><thead><tr><th>Activity</th>${head}</tr></thead><tbody>${body}</tbody></table></div>`);
}

test('the floor under an edit', async ({ page }) => {
  const lines: string[] = [];
  const cdp = await page.context().newCDPSession(page);
  const row = (what: string, painted: number[]) =>
    `${what.padEnd(44)} | ${percentile(painted, 50).toFixed(1).padStart(6)} | ${percentile(painted, 95).toFixed(1).padStart(6)} ms`;
  for (const [activities, roles] of sizes) {
    await page.goto('/');
    await page.evaluate(() => localStorage.clear());
    await page.reload();
    await expect(page.getByRole('table', { name: 'RACI matrix' })).toBeVisible();
    await importGenerated(page, activities, roles);
    // Each round at a CPU rate starts with 5 untimed changes: the first edits after an import
    // compile code and fill caches.
    const atRate = async (rate: number, plain: boolean) => {
      await cdp.send('Emulation.setCPUThrottlingRate', { rate });
      await page.evaluate(editInFrames, { edits: 5, plain });
      const { painted } = await page.evaluate(editInFrames, { edits: EDITS, plain });
      await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
      return painted;
    };
    for (const rate of [1, 4]) {
      const at = `${activities} x ${roles}, ${rate}x CPU`;
      lines.push(row(`${at}: keyboard edit`, await atRate(rate, false)));
      lines.push(row(`${at}: plain DOM change, this page`, await atRate(rate, true)));
    }
    await bareTable(page, activities, roles);
    for (const rate of [1, 4]) {
      lines.push(row(`${activities} x ${roles}, ${rate}x CPU: plain DOM change, bare table`, await atRate(rate, true)));
    }
  }
  console.log(`\nthe floor under an edit (${EDITS} changes each, started at a random point of a frame): painted p50 / p95`);
  for (const line of lines) console.log(line);
});
