import * as path from 'path';
import { test, expect, Page } from './test';
import { axeViolations as axe, importFile } from './helpers';

// Who owns what, for people who were not in the room: the lookup in the editor, a share link
// that carries the matrix in its fragment, opened in a fresh browser with nothing saved, saved
// into that browser's library; and broken links that leave the user's own library as it was.

const shots = path.join(__dirname, 'screenshots');
const grid = (page: Page) => page.getByRole('table', { name: 'RACI matrix' });
const lookup = (page: Page) => page.getByRole('region', { name: 'Who owns...?' });

test.beforeEach(async ({ page }) => {
  await page.goto('/');
  await page.evaluate(() => localStorage.clear());
  await page.reload();
  await expect(grid(page)).toBeVisible();
});

/** Makes a share link of the open matrix and returns it. */
async function shareLink(page: Page) {
  await page.getByRole('button', { name: 'Copy share link' }).click();
  const field = page.getByLabel('Share link');
  await expect(field).toHaveValue(/#share=1\./);
  await expect(field).toBeFocused();
  return field.inputValue();
}

test('the editor answers who owns an activity, one click away', async ({ page }) => {
  await page.getByRole('tab', { name: 'Who owns' }).click();
  const field = lookup(page).getByLabel('Who owns...?');
  await field.fill('exceptions');
  const answer = lookup(page).locator('.lookup-answer');
  await expect(answer).toHaveCount(1);
  await expect(answer).toContainText('Approve exceptions to guardrails');
  await expect(answer.locator('[data-letter="A"] dd')).toHaveText('Cloud CoE, Security');
  await expect(lookup(page).getByRole('status')).toHaveText('Found 1 activity.');
  // Nobody holds a letter: said in words.
  await field.fill('backup restore');
  await expect(lookup(page).locator('.lookup-answer [data-letter="A"] dd')).toHaveText('nobody');
  // The name goes to the activity's row in the grid.
  await lookup(page).getByRole('button', { name: 'Define backup and restore policy' }).click();
  await expect(page.locator('td[aria-label^="Cloud CoE, Define backup and restore policy:"]')).toBeFocused();
  // A role's name finds the role.
  await field.fill('finops');
  await expect(lookup(page).locator('.lookup-role')).toContainText('FinOps');
});

test('a share link opens read-only in a fresh browser, finds an owner and saves a copy', async ({ page, browser }) => {
  // A matrix of the user's own, so the link carries it and not the example.
  await importFile(page, 'Payments.csv', 'Activity,Dev,Ops,Security\nDeploy to production,R,A,C\nRotate keys,,R,A\nRestore backups,,R,\n');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Payments');
  const link = await shareLink(page);
  await expect(page.locator('.share-length')).toContainText('characters');
  await page.screenshot({ path: path.join(shots, 'share-link-1280x800.png') });

  // A colleague's browser: nothing saved.
  const context = await browser.newContext({ baseURL: undefined });
  const other = await context.newPage();
  const errors: string[] = [];
  other.on('pageerror', (e) => errors.push(e.message));
  await other.goto(link);
  await expect(lookup(other).getByLabel('Who owns...?')).toBeFocused();
  await expect(other.getByRole('heading', { level: 1 })).toHaveText('Payments');
  await lookup(other).getByLabel('Who owns...?').fill('rotate');
  await expect(lookup(other).locator('.lookup-answer [data-letter="A"] dd')).toHaveText('Security');
  await expect(lookup(other).locator('.lookup-answer [data-letter="R"] dd')).toHaveText('Ops');
  // The grid and findings are there, and nothing can be edited.
  await expect(grid(other).locator('td[aria-label="Ops, Deploy to production: Accountable"]')).toBeVisible();
  await expect(other.getByRole('region', { name: 'Findings' }).locator('[data-rule="missing-accountable"]')).toContainText('Restore backups');
  await expect(other.locator('[contenteditable], td[tabindex]')).toHaveCount(0);
  await expect(other.getByRole('button', { name: 'Export CSV' })).toHaveCount(0);
  expect(await other.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('raci')).length)).toBe(0);
  await other.screenshot({ path: path.join(shots, 'shared-view-1280x800.png'), fullPage: true });

  await other.getByRole('button', { name: 'Save a copy to my library' }).click();
  await expect(other.locator('.banner-notice')).toContainText('Saved a copy of "Payments"');
  await expect(other.getByRole('table', { name: 'RACI matrix' }).locator('td[aria-label^="Ops, Deploy to production:"]')).toBeVisible();
  expect(new URL(other.url()).hash).toBe('');
  // Saved: a reload opens the copy in the editor.
  await other.waitForTimeout(600);
  await other.reload();
  await expect(other.getByRole('heading', { level: 1 })).toHaveText('Payments');
  await expect(other.getByRole('button', { name: 'Export CSV' })).toBeVisible();
  expect(errors).toEqual([]);
  await context.close();
});

test('a damaged or newer link says so and opens the user\'s own library untouched', async ({ page }) => {
  await importFile(page, 'Payments.csv', 'Activity,Dev,Ops\nDeploy,R,A\n');
  const link = await shareLink(page);
  await page.waitForTimeout(600);
  const saved = await page.evaluate(() => JSON.stringify(localStorage));

  await page.goto(link.slice(0, Math.floor(link.length * 0.6)));
  await expect(page.locator('.banner-problem')).toContainText('damaged or cut short');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Payments');
  expect(new URL(page.url()).hash).toBe('');

  const base = link.split('#')[0];
  await page.goto(`${base}#share=9.AAAA`);
  await expect(page.locator('.banner-problem')).toContainText('newer version of RACI Workshop');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Payments');
  await page.waitForTimeout(600);
  const after = JSON.parse(await page.evaluate(() => JSON.stringify(localStorage)));
  const before = JSON.parse(saved);
  for (const key of Object.keys(before).filter((k) => !k.includes('view'))) {
    expect(after[key], key).toBe(before[key]);
  }
});

// A share link's page is a part of its own (src/ui/on_demand.rs): fetched on a share link only.
test('a share link whose page cannot be fetched says so, keeps the link, and opens once it can', async ({ page, browser }) => {
  await importFile(page, 'Payments.csv', 'Activity,Dev,Ops\nDeploy,R,A\n');
  const link = await shareLink(page);

  const context = await browser.newContext({ baseURL: undefined });
  const other = await context.newPage();
  const blocked = /raci-workshop-shared_page-[0-9a-f]{16}\.wasm$/;
  await other.route(blocked, (route) => route.abort());
  await other.goto(link);
  await expect(other.locator('.banner-problem')).toContainText('The shared matrix could not be opened: its page could not be fetched');
  await expect(other.getByRole('table', { name: 'RACI matrix' })).toBeVisible();
  expect(new URL(other.url()).hash).toMatch(/^#share=1\./);

  await other.unroute(blocked);
  await other.reload();
  await expect(other.getByRole('heading', { level: 1 })).toHaveText('Payments');
  await expect(other.getByRole('button', { name: 'Save a copy to my library' })).toBeVisible();
  await context.close();
});

test('a long matrix gets a warning that chat may cut the link short', async ({ page }) => {
  const rows = Array.from({ length: 120 }, (_, i) => `Activity number ${i} ${Math.random().toString(36).slice(2)},R,A,C,I,,R,C`);
  await importFile(page, 'Big.csv', `Activity,Dev,Ops,Security,Finance,Legal,Data,Support\n${rows.join('\n')}\n`);
  await shareLink(page);
  await expect(page.locator('.share-banner')).toHaveClass(/banner-warning/);
  await expect(page.locator('.share-length')).toContainText('exported file');
});

for (const scheme of ['light', 'dark'] as const) {
  test(`the lookup and the shared view pass axe-core (${scheme}), also at 360 px`, async ({ page }) => {
    // Four full axe-core runs.
    test.slow();
    await page.emulateMedia({ colorScheme: scheme });
    await page.getByRole('tab', { name: 'Who owns' }).click();
    await lookup(page).getByLabel('Who owns...?').fill('account');
    await expect(lookup(page).locator('.lookup-answer').first()).toBeVisible();
    expect(await axe(page), 'lookup in the editor').toEqual([]);
    const link = await shareLink(page);
    expect(await axe(page), 'share link field').toEqual([]);
    await page.goto(link);
    await lookup(page).getByLabel('Who owns...?').fill('network');
    await expect(lookup(page).locator('.lookup-answer').first()).toBeVisible();
    expect(await axe(page), 'shared view').toEqual([]);
    await page.setViewportSize({ width: 360, height: 740 });
    expect(await axe(page), 'shared view at 360 px').toEqual([]);
    await page.screenshot({ path: path.join(shots, `shared-view-360-${scheme}.png`) });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow, 'no sideways scrolling of the page').toBeLessThanOrEqual(0);
  });
}
