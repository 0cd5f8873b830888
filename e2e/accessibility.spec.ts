import { test, expect } from './test';
import { axeViolations as violations, pickFile } from './helpers';

// Every screen a facilitator uses, checked by axe-core against WCAG 2.1 A and AA: names of controls,
// contrast, roles and ARIA attributes.

test.beforeEach(async ({ page }) => {
  await page.goto('/');
  await page.evaluate(() => localStorage.clear());
  await page.reload();
  await expect(page.getByRole('table', { name: 'RACI matrix' })).toBeVisible();
});

for (const scheme of ['light', 'dark'] as const) {
  test(`the matrix with its findings, a focused cell and its callout (${scheme})`, async ({ page }) => {
    await page.emulateMedia({ colorScheme: scheme });
    await page.locator('td[aria-label^="Platform team, Define backup and restore policy:"]').click();
    await expect(page.locator('#cell-callout')).toBeVisible();
    expect(await violations(page)).toEqual([]);
  });

  test(`the rules and the role view (${scheme})`, async ({ page }) => {
    await page.emulateMedia({ colorScheme: scheme });
    await page.getByRole('tab', { name: 'Rules' }).click();
    expect(await violations(page)).toEqual([]);
    await page.getByRole('tab', { name: 'Role view' }).click();
    await page.locator('#role-view-role').selectOption({ label: 'Security' });
    expect(await violations(page)).toEqual([]);
  });

  test(`a refused name, a paste report, the shortcut sheet and the collapsed pane (${scheme})`, async ({ page }) => {
    await page.emulateMedia({ colorScheme: scheme });
    await page.getByPlaceholder('Search activities').fill('budget');
    await page.getByRole('table', { name: 'RACI matrix' }).getByRole('columnheader', { name: 'Security' }).dblclick();
    await page.getByLabel('Role name').fill('FinOps');
    await page.getByLabel('Role name').press('Enter');
    await expect(page.locator('.rename-error')).toBeVisible();
    expect(await violations(page)).toEqual([]);
    await page.getByLabel('Role name').press('Escape');
    await page.getByPlaceholder('Search activities').fill('');
    await page.locator('td[aria-label^="Security, Provision new accounts:"]').click();
    await page.evaluate(() => {
      const data = new DataTransfer();
      data.setData('text/plain', 'C\tI\nr/a\tx\n');
      document.activeElement!.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
    });
    await expect(page.locator('.grid-status')).toContainText('Pasted');
    await page.getByRole('button', { name: 'Hide panel' }).click();
    expect(await violations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Shortcuts' }).click();
    await expect(page.getByRole('dialog', { name: 'Keyboard shortcuts' })).toBeVisible();
    expect(await violations(page)).toEqual([]);
  });
}

test('the import preview, the library and large type', async ({ page }) => {
  await pickFile(page, 'tests/fixtures/messy-cells.csv');
  expect(await violations(page)).toEqual([]);
  await page.getByRole('button', { name: 'Cancel' }).click();
  await page.getByRole('button', { name: 'Library', exact: true }).click();
  await expect(page.getByRole('region', { name: 'Library' })).toBeVisible();
  expect(await violations(page)).toEqual([]);
  await page.getByRole('button', { name: 'Library', exact: true }).click();
  await page.getByRole('button', { name: 'Large type' }).click();
  expect(await violations(page)).toEqual([]);
});
