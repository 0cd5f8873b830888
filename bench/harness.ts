import { expect, Page } from '@playwright/test';

// What the browser benchmarks share: generated matrices, importing one through the page as a user
// does, and one keyboard edit at a time.

/** A wide CSV of `activities` x `roles`: one Accountable per row, about 30 % of cells filled. */
export function generate(activities: number, roles: number, seed = 42): string {
  const random = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
  const names = Array.from({ length: roles }, (_, r) => `Role ${r + 1}`);
  const lines = [['Activity', ...names].join(',')];
  for (let a = 0; a < activities; a++) {
    const cells = names.map((_, r) => {
      const x = random();
      if (r === a % roles) return 'A';
      if (x < 0.12) return 'R';
      if (x < 0.2) return 'C';
      if (x < 0.28) return 'I';
      return '';
    });
    lines.push([`Activity ${a + 1}`, ...cells].join(','));
  }
  return lines.join('\n');
}

/** Chooses a generated matrix's file for Import; the preview then offers to replace the matrix. */
async function chooseGenerated(page: Page, activities: number, roles: number) {
  await page.getByLabel('Import', { exact: true }).setInputFiles({
    name: `bench-${activities}x${roles}.csv`,
    mimeType: 'text/csv',
    buffer: Buffer.from(generate(activities, roles)),
  });
}

/** Imports a generated matrix through Import and the preview, replacing the current one. */
export async function importGenerated(page: Page, activities: number, roles: number) {
  await chooseGenerated(page, activities, roles);
  await page.getByRole('button', { name: 'Replace current matrix' }).click({ timeout: 120_000 });
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`bench-${activities}x${roles}`);
}

/**
 * Imports a generated matrix through Import and the preview, timed from the click on "Replace
 * current matrix" until the new matrix's first rows are on screen (large matrices draw only the
 * rows in view) and their frame was painted.
 */
export async function importToPainted(page: Page, activities: number, roles: number) {
  await chooseGenerated(page, activities, roles);
  await expect(page.getByRole('button', { name: 'Replace current matrix' })).toBeVisible({ timeout: 120_000 });
  return page.evaluate(async (title) => {
    const button = Array.from(document.querySelectorAll('button')).find((b) => b.textContent?.includes('Replace current matrix'))!;
    const start = performance.now();
    button.click();
    const drawn = () =>
      document.querySelector('h1')?.textContent === title &&
      Array.from(document.querySelectorAll('th[scope="row"] .activity-name')).some((e) => e.textContent === 'Activity 1');
    while (!drawn()) await new Promise((r) => setTimeout(r, 1));
    await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
    return performance.now() - start;
  }, `bench-${activities}x${roles}`);
}

export function percentile(values: number[], p: number) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

/**
 * In the page (pass it to `page.evaluate`): `edits` keyboard edits on cells in view, each started
 * at a random point of a frame as a key press is, timed until the page held it (the cell's new
 * name and the findings summary: `dom`) and until its frame was painted (`painted`). Each edit
 * lies between the marks `edit-start` and `edit-painted`, for traces. With `plain`, the same
 * cells change their letter by plain DOM calls instead, and no app code runs: what the browser
 * alone needs to show a one-cell change in this page (the floor under an edit).
 */
export async function editInFrames({ edits, plain = false }: { edits: number; plain?: boolean }): Promise<{ dom: number[]; painted: number[] }> {
  const frame = () => new Promise((r) => requestAnimationFrame(() => r(null)));
  const afterPaint = () => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
  const summary = () => document.querySelector('[aria-label="Findings"] .findings-summary');
  const dom: number[] = [];
  const painted: number[] = [];
  for (let i = 0; i < edits; i++) {
    const view = document.querySelector('.grid-scroll')!.getBoundingClientRect();
    const rows = Array.from(document.querySelectorAll('tr[data-activity-row]')).filter((r) => {
      const box = r.getBoundingClientRect();
      return box.top >= view.top + 60 && box.bottom <= view.bottom;
    });
    // Cells only: a wide matrix's rows also hold spacer cells.
    const cells = rows[(i * 7) % rows.length].querySelectorAll('td[data-activity]');
    const td = cells[(i * 3) % cells.length] as HTMLElement;
    const selector = `td[data-activity="${td.dataset.activity}"][data-role="${td.dataset.role}"]`;
    td.dispatchEvent(new MouseEvent('mousedown', { bubbles: true, button: 0 }));
    window.dispatchEvent(new MouseEvent('mouseup', { bubbles: true, button: 0 }));
    await afterPaint();
    await frame();
    await new Promise((r) => setTimeout(r, Math.random() * 16));
    const target = document.querySelector(selector) as HTMLElement;
    const before = target.getAttribute('aria-label');
    performance.mark('edit-start');
    const start = performance.now();
    if (plain) {
      const letter = target.querySelector('.letter');
      if (letter) letter.textContent = letter.textContent === 'I' ? 'C' : 'I';
      else target.insertAdjacentHTML('afterbegin', '<span class="letter letter-I">I</span>');
      target.setAttribute('aria-label', `${before} (changed)`);
    } else {
      target.dispatchEvent(new KeyboardEvent('keydown', { key: 'i', bubbles: true, cancelable: true }));
    }
    // The app updates the page in microtasks after the key: wait for those, then for tasks.
    const held = () => document.querySelector(selector)?.getAttribute('aria-label') !== before && summary() !== null;
    for (let m = 0; m < 50 && !held(); m++) await Promise.resolve();
    while (!held() && performance.now() - start < 2000) await new Promise((r) => setTimeout(r, 0));
    dom.push(performance.now() - start);
    await afterPaint();
    painted.push(performance.now() - start);
    performance.mark('edit-painted');
  }
  return { dom, painted };
}
