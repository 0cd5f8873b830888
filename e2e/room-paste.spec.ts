import { test, expect, Page } from './test';
import { importPreview } from './helpers';

// Issue 12, section 4: paste and copy like a spreadsheet.

const grid = (page: Page) => page.getByRole('table', { name: 'RACI matrix' });
const cell = (page: Page, role: string, activity: string) =>
  grid(page).locator(`td[aria-label^="${role}, ${activity}:"]`);
const status = (page: Page) => page.locator('.grid-status');

/** Pastes text where the keyboard is, as Ctrl+V does with the system clipboard. */
async function paste(page: Page, text: string) {
  await page.evaluate((text) => {
    const data = new DataTransfer();
    data.setData('text/plain', text);
    const target = document.activeElement ?? document.body;
    target.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  }, text);
}

test.beforeEach(async ({ page }) => {
  await page.goto('/');
  await page.evaluate(() => localStorage.clear());
  await page.reload();
  await expect(grid(page)).toBeVisible();
});

test('a block of letters copied from a spreadsheet fills the grid from the selected cell, as one undo step', async ({ page }) => {
  const activity = 'Define backup and restore policy';
  await cell(page, 'Cloud CoE', activity).click();
  await paste(page, 'C\tI\r\nr/a\tA\r\n');
  await expect(importPreview(page)).toHaveCount(0);
  await expect(cell(page, 'Cloud CoE', activity)).toHaveAttribute('aria-label', `Cloud CoE, ${activity}: Consulted`);
  await expect(cell(page, 'Platform team', activity)).toHaveAttribute('aria-label', `Platform team, ${activity}: Informed`);
  await expect(cell(page, 'Cloud CoE', 'Manage identity and access')).toHaveAttribute(
    'aria-label',
    'Cloud CoE, Manage identity and access: Accountable and Responsible',
  );
  await expect(cell(page, 'Platform team', 'Manage identity and access')).toHaveAttribute(
    'aria-label',
    'Platform team, Manage identity and access: Accountable',
  );
  await expect(status(page)).toHaveText('Pasted 4 cells. Read as letters: "r/a" as A/R.');
  // The block is selected, as a spreadsheet selects what it pasted.
  await expect(grid(page).locator('td.selected')).toHaveCount(4);

  await page.keyboard.press('Control+z');
  await expect(cell(page, 'Cloud CoE', activity)).toHaveAttribute('aria-label', `Cloud CoE, ${activity}: empty`);
  await expect(cell(page, 'Cloud CoE', 'Manage identity and access')).toHaveAttribute(
    'aria-label',
    'Cloud CoE, Manage identity and access: Informed',
  );
});

test('cells beyond the matrix edge are reported, not dropped silently', async ({ page }) => {
  await cell(page, 'Enterprise architecture', 'Maintain the tagging strategy').click();
  await paste(page, 'R\tA\nC\tI\n');
  await expect(cell(page, 'Enterprise architecture', 'Maintain the tagging strategy')).toHaveAttribute(
    'aria-label',
    'Enterprise architecture, Maintain the tagging strategy: Responsible',
  );
  await expect(status(page)).toHaveText("Pasted 1 cell. 3 cells beyond the matrix's edge were not pasted.");
});

test('a table with a header row still opens the import preview, and other text says nothing was pasted', async ({ page }) => {
  await cell(page, 'Security', 'Provision new accounts').click();
  await paste(page, 'Just a sentence from an email');
  await expect(status(page)).toContainText('Nothing was pasted');
  await expect(importPreview(page)).toHaveCount(0);
  await paste(page, 'Activity\tDev\tOps\nDeploy\tR\tA\nRollback\tA/R\tC\n');
  await expect(importPreview(page)).toBeVisible();
});

test('Ctrl+C copies the selected range as tab-separated letters, and it pastes back elsewhere', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await cell(page, 'Cloud CoE', 'Define cloud strategy and guardrails').click();
  await page.keyboard.press('Shift+ArrowRight');
  await page.keyboard.press('Shift+ArrowDown');
  await page.keyboard.press('Control+c');
  await expect(status(page)).toHaveText('Copied 4 cells as tab-separated letters.');
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  expect(copied).toBe('A/R\tC\nA/R\tC');

  await cell(page, 'Networking', 'Define backup and restore policy').click();
  await paste(page, copied);
  await expect(cell(page, 'FinOps', 'Manage identity and access')).toHaveAttribute(
    'aria-label',
    'FinOps, Manage identity and access: Consulted',
  );
});
