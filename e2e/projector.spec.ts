import * as path from 'path';
import { test, expect, Page } from './test';
import { axeViolations, importFile } from './helpers';

// The whole matrix on the projector: compact columns when the roles do not fit (15 roles at
// 1280 px beside the findings, 10 at 1024 px), and a presentation mode that leaves the room the
// grid and its findings.

const shots = path.join(__dirname, 'screenshots');
const grid = (page: Page) => page.getByRole('table', { name: 'RACI matrix' });

function wideCsv(roles: number) {
  const names = ['Cloud CoE', 'Platform team', 'Security', 'Networking', 'FinOps', 'App teams', 'Enterprise architecture',
    'Service desk', 'Data platform', 'Legal and compliance', 'Procurement', 'Site reliability', 'Identity team', 'Release management',
    'Vendor management', 'Internal audit', 'Finance', 'HR', 'Facilities', 'Communications'];
  const header = ['Activity', ...names.slice(0, roles)].join(',');
  const letters = ['R', 'A', 'C', 'I', '', 'A/R', 'C', ''];
  const rows = Array.from({ length: 12 }, (_, a) =>
    [`Activity ${a + 1} of the landing zone`, ...Array.from({ length: roles }, (_, r) => letters[(a + r) % letters.length])].join(','));
  return `${header}\n${rows.join('\n')}\n`;
}

/** How many pixels of the grid are out of sight sideways. */
const hiddenSideways = (page: Page) =>
  page.locator('.grid-scroll').evaluate((div) => div.scrollWidth - div.clientWidth);

test.beforeEach(async ({ page }) => {
  await page.goto('/');
  await page.evaluate(() => localStorage.clear());
  await page.reload();
  await expect(grid(page)).toBeVisible();
});

for (const [width, height, roles] of [[1280, 800, 15], [1024, 768, 10]] as const) {
  test(`${roles} roles fit at ${width} px in compact columns, names readable`, async ({ page }) => {
    await page.setViewportSize({ width, height });
    await importFile(page, `Wide ${roles}.csv`, wideCsv(roles));
    await expect(grid(page)).toHaveClass(/compact/);
    expect(await hiddenSideways(page)).toBeLessThanOrEqual(0);
    // Nothing is out of view, and the edge shadow says so.
    await expect(page.locator('.grid-frame .overflow-cue-right')).toBeHidden();
    // The full name on hover, and in each cell's name for screen readers.
    await expect(grid(page).locator('th.role-header').nth(1)).toHaveAttribute('title', /Platform team/);
    await expect(grid(page).locator('td[aria-label^="Platform team, Activity 1 of the landing zone:"]')).toBeVisible();
    // And on focus: the focused cell's column header shows its whole name, uncut.
    const header = grid(page).locator('th.role-header', { hasText: 'Enterprise architecture' }).locator('.role-name');
    const cut = () => header.evaluate((e) => e.scrollHeight > e.clientHeight + 1);
    expect(await cut()).toBe(true);
    await grid(page).locator('td[aria-label^="Enterprise architecture, Activity 2 of the landing zone:"]').click();
    await expect.poll(cut).toBe(false);
    await page.screenshot({ path: path.join(shots, `compact-${roles}-roles-${width}.png`) });
    // Comfortable columns, chosen: the matrix scrolls sideways instead.
    await page.getByLabel('Density').selectOption('Comfortable');
    await expect(grid(page)).not.toHaveClass(/compact/);
    expect(await hiddenSideways(page)).toBeGreaterThan(0);
    await page.getByLabel('Density').selectOption('Fit to width');
    // Large type keeps working.
    await page.getByRole('button', { name: 'Large type' }).click();
    await expect(grid(page)).toHaveClass(/compact/);
    await page.screenshot({ path: path.join(shots, `compact-${roles}-roles-${width}-large.png`) });
  });
}

test('a few roles keep comfortable columns', async ({ page }) => {
  await importFile(page, 'Small.csv', wideCsv(4));
  await expect(grid(page)).not.toHaveClass(/compact/);
});

test('presentation mode hides the editing controls and comes back with Escape or its button', async ({ page }) => {
  test.slow();
  await page.setViewportSize({ width: 1024, height: 768 });
  const top = async () => (await grid(page).boundingBox())!.y;
  const before = await top();
  await page.getByRole('button', { name: 'Presentation mode' }).click();
  await expect(page.getByRole('button', { name: 'Import' })).toBeHidden();
  await expect(page.getByRole('button', { name: 'Add activity' })).toBeHidden();
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  expect(await top()).toBeLessThan(before - 80);
  expect(await top()).toBeLessThan(140);
  await page.screenshot({ path: path.join(shots, 'presentation-1024x768.png') });
  // Editing still works from the keyboard.
  await grid(page).locator('td[aria-label^="Networking, Design the account structure:"]').click();
  await page.keyboard.press('r');
  await expect(grid(page).locator('td[aria-label^="Networking, Design the account structure:"]')).toHaveAttribute('aria-label', /Responsible/);
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    expect(await axeViolations(page), scheme).toEqual([]);
  }
  await page.getByRole('button', { name: 'Exit presentation' }).click();
  await expect(page.getByRole('button', { name: 'Import' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Presentation mode' })).toBeFocused();
  // Escape from the page leaves it too.
  await page.getByRole('button', { name: 'Presentation mode' }).click();
  await page.locator('body').press('Escape');
  await expect(page.getByRole('button', { name: 'Import' })).toBeVisible();
});
