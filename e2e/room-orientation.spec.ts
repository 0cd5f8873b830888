import { test, expect, Page } from './test';
import { pickFile, importPreview } from './helpers';

// Issue 12, sections 6 and 7: a newcomer knows where they are and what comes next, and the small
// things seen on the way.

const grid = (page: Page) => page.getByRole('table', { name: 'RACI matrix' });

test.beforeEach(async ({ page }) => {
  await page.goto('/');
  await page.evaluate(() => localStorage.clear());
  await page.reload();
  await expect(grid(page)).toBeVisible();
});

test('a first visit says the matrix is an example, with the two next steps', async ({ page }) => {
  const notice = page.getByRole('region', { name: 'Example matrix' });
  await expect(notice).toContainText('This is an example matrix');
  await expect(notice.getByRole('button', { name: 'Import your own matrix' })).toBeVisible();
  await notice.getByRole('button', { name: 'Start blank' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Untitled matrix');
  await expect(notice).toHaveCount(0);
  // The empty matrix says what to do next.
  await expect(page.locator('.grid-empty')).toContainText('No letters yet');
});

test('deleting every activity leaves a matrix that says what to do next', async ({ page }) => {
  await grid(page).locator('td').first().click();
  const rows = grid(page).locator('th[scope="row"]');
  for (let left = 14; left >= 0; left--) {
    await page.keyboard.press('Alt+Delete');
    await expect(rows).toHaveCount(left);
  }
  await expect(page.locator('.grid-empty')).toHaveText(/No activities yet\. Add one with "Add activity"/);
});

test('"?" and the Shortcuts button open the keyboard shortcut sheet', async ({ page }) => {
  await grid(page).locator('td').first().click();
  await page.keyboard.press('?');
  const sheet = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(sheet).toBeVisible();
  await expect(sheet).toContainText('Alt+Enter');
  await expect(sheet).toContainText('Ctrl+V');
  await page.keyboard.press('Escape');
  await expect(sheet).toHaveCount(0);
  await page.getByRole('button', { name: 'Shortcuts' }).click();
  await expect(sheet).toBeVisible();
  await sheet.getByRole('button', { name: 'Close' }).click();
  await expect(sheet).toHaveCount(0);
});

test('an import can open as a new matrix and keep the current one', async ({ page }) => {
  await pickFile(page, { name: 'Ops review.csv', contents: 'Activity,Ops,Security\nPatch,R,A\n' });
  await expect(importPreview(page).getByRole('button', { name: 'Replace current matrix' })).toBeVisible();
  await importPreview(page).getByRole('button', { name: 'Open as a new matrix' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Ops review');
  await page.getByRole('button', { name: 'Library', exact: true }).click();
  const library = page.getByRole('region', { name: 'Library' });
  await expect(library).toContainText('Cloud operating model');
  await expect(library).toContainText('Ops review');
});

test('the export "More" menu closes on Escape and on a click elsewhere', async ({ page }) => {
  const more = page.locator('details.more-exports');
  await more.locator('summary').click();
  await expect(page.getByRole('button', { name: 'Export long CSV' })).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByRole('button', { name: 'Export long CSV' })).toBeHidden();
  await more.locator('summary').click();
  await expect(page.getByRole('button', { name: 'Export long CSV' })).toBeVisible();
  await page.getByRole('heading', { name: 'Findings' }).click();
  await expect(page.getByRole('button', { name: 'Export long CSV' })).toBeHidden();
});

test('the Rules tab opens at its top, with each checkbox on the line of its label', async ({ page }) => {
  const pane = page.locator('.side-pane');
  await pane.evaluate((e) => (e.scrollTop = e.scrollHeight));
  await page.getByRole('tab', { name: 'Rules' }).click();
  expect(await pane.evaluate((e) => e.scrollTop)).toBe(0);
  const rules = page.locator('#panel-rules');
  const checks = rules.locator('input[type="checkbox"]');
  const count = await checks.count();
  expect(count).toBeGreaterThan(3);
  for (let i = 0; i < count; i++) {
    const same = await checks.nth(i).evaluate((box) => {
      const label = box.closest('label')!;
      const text = [...label.querySelectorAll('span')].find((s) => s.textContent!.trim() && !s.contains(box))!;
      const a = box.getBoundingClientRect();
      const b = text.getBoundingClientRect();
      return Math.abs(a.top + a.height / 2 - (b.top + Math.min(b.height, 24) / 2)) < 12;
    });
    expect(same, `checkbox ${i} sits on its label's line`).toBe(true);
  }
});

test('the Activity column lines its row borders up with the rest of the row', async ({ page }) => {
  const rows = grid(page).locator('tbody tr[data-activity-row]');
  const count = await rows.count();
  for (let i = 0; i < count; i++) {
    const gap = await rows.nth(i).evaluate((tr) => {
      const th = tr.querySelector('th')!.getBoundingClientRect();
      const td = tr.querySelector('td')!.getBoundingClientRect();
      return Math.abs(th.bottom - td.bottom) + Math.abs(th.top - td.top);
    });
    expect(gap).toBeLessThan(0.5);
  }
});

test('on paper, role headers wrap between words, never inside one', async ({ page }) => {
  await page.getByRole('button', { name: 'Add role' }).click();
  await page.keyboard.type('Incident Commander');
  await page.keyboard.press('Enter');
  for (let i = 0; i < 5; i++) {
    await page.getByRole('button', { name: 'Add role' }).click();
    await page.keyboard.type(`Service Owner ${i + 1}`);
    await page.keyboard.press('Enter');
  }
  await page.emulateMedia({ media: 'print' });
  const broken = await grid(page).locator('thead .role-name').evaluateAll((names) =>
    names.flatMap((name) => {
      const text = name.firstChild!;
      const words: string[] = [];
      const value = text.textContent!;
      let at = 0;
      for (const word of value.split(' ')) {
        const range = document.createRange();
        range.setStart(text, at);
        range.setEnd(text, at + word.length);
        const lines = new Set([...range.getClientRects()].map((r) => Math.round(r.top)));
        if (lines.size > 1) words.push(word);
        at += word.length + 1;
      }
      return words;
    }),
  );
  expect(broken).toEqual([]);
});
