import * as fs from 'fs';
import * as path from 'path';
import { test, expect, Page } from './test';
import { axeViolations, importFile } from './helpers';

// The matrix for people who were not in the room, on paper and as files: role cards printed one
// per page, the role handbook in Markdown, and a self-contained web page with a working search
// that makes no request and breaks no rule of its own Content-Security-Policy.

const shots = path.join(__dirname, 'screenshots');
const grid = (page: Page) => page.getByRole('table', { name: 'RACI matrix' });

test.beforeEach(async ({ page }) => {
  await page.goto('/');
  await page.evaluate(() => localStorage.clear());
  await page.reload();
  await expect(grid(page)).toBeVisible();
});

async function exportMore(page: Page, name: string) {
  await page.getByText('More', { exact: true }).click();
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name }).click()]);
  return download;
}

test('role cards: the role view shows whom to escalate to, and prints every card on its own page', async ({ page }) => {
  await page.getByRole('tab', { name: 'Role view' }).click();
  await page.getByRole('combobox', { name: 'Role', exact: true }).selectOption({ label: 'Security' });
  await expect(page.locator('.role-escalation')).toContainText('Escalation owner');
  // The printout: window.print is left out, the page is looked at as paper.
  await page.evaluate(() => { window.print = () => {}; });
  await page.getByRole('button', { name: 'Print role cards' }).click();
  const cards = page.locator('.print-cards .role-card');
  await expect(cards).toHaveCount(7);
  await page.emulateMedia({ media: 'print' });
  await expect(cards.first()).toBeVisible();
  await expect(grid(page)).toBeHidden();
  await expect(cards.nth(2)).toContainText('Security');
  await expect(cards.nth(2)).toContainText('Accountable for');
  const breaks = await cards.evaluateAll((all) => all.map((c) => getComputedStyle(c).breakAfter));
  expect(new Set(breaks)).toEqual(new Set(['page']));
  await page.screenshot({ path: path.join(shots, 'role-cards-print.png') });
  // After printing, the editor is back as it was.
  await page.evaluate(() => window.dispatchEvent(new Event('afterprint')));
  await page.emulateMedia({ media: 'screen' });
  await expect(page.locator('.print-cards')).toHaveCount(0);
  await expect(grid(page)).toBeVisible();
});

test('Export role handbook writes one Markdown section per role', async ({ page }) => {
  const download = await exportMore(page, 'Export role handbook');
  expect(download.suggestedFilename()).toMatch(/role handbook-\d{4}-\d{2}-\d{2}\.md$/);
  const text = fs.readFileSync(await download.path(), 'utf8');
  expect(text).toMatch(/^# Role handbook: /);
  expect(text.match(/\n## /g)?.length).toBe(7);
  expect(text).toContain('### Accountable for');
  expect(text).toContain('### Escalation');
});

test('Export web page opens from a file, searches, and requests nothing', async ({ page, browser }) => {
  await importFile(page, 'Payments.csv', 'Activity,Group,Dev,<b>Ops</b>\n<script>alert(1)</script>,Run,R,A\nRotate keys,Run,,A/R\n');
  const download = await exportMore(page, 'Export web page');
  expect(download.suggestedFilename()).toMatch(/\.html$/);
  const file = path.join(shots, 'exported-web-page.html');
  await download.saveAs(file);

  const context = await browser.newContext();
  const reader = await context.newPage();
  const requests: string[] = [];
  const problems: string[] = [];
  reader.on('request', (r) => { if (!r.url().startsWith('file:')) requests.push(r.url()); });
  reader.on('console', (m) => { if (m.type() === 'error') problems.push(m.text()); });
  reader.on('pageerror', (e) => problems.push(e.message));
  await reader.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => console.error(`CSP violation: ${e.violatedDirective}`));
  });
  await reader.goto(`file://${file}`);
  await expect(reader.getByRole('heading', { level: 1 })).toHaveText('Payments');
  // Names are text, not markup.
  await expect(reader.getByRole('table')).toContainText('<b>Ops</b>');
  const field = reader.getByLabel('A few words of an activity');
  await field.fill('rotate');
  await expect(reader.locator('.answer:visible')).toHaveCount(1);
  await expect(reader.locator('.answer:visible')).toContainText('Rotate keys');
  await expect(reader.getByRole('status')).toHaveText('Found 1 activity.');
  await field.fill('script');
  await expect(reader.locator('.answer:visible h3')).toHaveText('<script>alert(1)</script>');
  await expect(reader.locator('.card')).toHaveCount(2);
  for (const scheme of ['light', 'dark'] as const) {
    await reader.emulateMedia({ colorScheme: scheme });
    expect(await axeViolations(reader), scheme).toEqual([]);
  }
  await reader.screenshot({ path: path.join(shots, 'exported-web-page.png'), fullPage: true });
  expect(requests).toEqual([]);
  expect(problems).toEqual([]);
  await context.close();
});

for (const scheme of ['light', 'dark'] as const) {
  test(`the role card and the lookup in the editor pass axe-core (${scheme}), also at 360 px`, async ({ page }) => {
    // Four full axe-core runs.
    test.slow();
    await page.emulateMedia({ colorScheme: scheme });
    const check = async (what: string) => expect(await axeViolations(page), what).toEqual([]);
    for (const width of [1280, 360]) {
      await page.setViewportSize({ width, height: 800 });
      await page.getByRole('tab', { name: 'Role view' }).click();
      await page.getByRole('combobox', { name: 'Role', exact: true }).selectOption({ label: 'Platform team' });
      await expect(page.locator('.role-escalation')).toBeVisible();
      await check(`role card at ${width}`);
      await page.getByRole('tab', { name: 'Who owns' }).click();
      await page.getByRole('region', { name: 'Who owns...?' }).getByLabel('Who owns...?').fill('platform');
      await expect(page.locator('.lookup-answer').first()).toBeVisible();
      await check(`lookup at ${width}`);
    }
    await page.screenshot({ path: path.join(shots, `lookup-editor-360-${scheme}.png`), fullPage: false });
  });
}
