import { test, expect, Page } from './test';

// The page's Content-Security-Policy (index.html, hashes filled in by scripts/post-build.mjs): strict,
// in force, and the app works under it. Every other test also fails on any refusal (e2e/test.ts).

const grid = (page: Page) => page.getByRole('table', { name: 'RACI matrix' });
const cell = (page: Page, role: string, activity: string) => grid(page).locator(`td[aria-label^="${role}, ${activity}:"]`);

test('the page declares a strict Content-Security-Policy that refuses injected scripts', async ({ browser, baseURL }) => {
  // A context of its own: the refusal below is expected, and the shared guard would count it.
  const context = await browser.newContext();
  const page = await context.newPage();
  const violations: string[] = [];
  page.on('console', (message) => {
    if (message.text().includes('Content Security Policy')) violations.push(message.text());
  });
  await page.goto(baseURL!);
  await expect(grid(page)).toBeVisible();
  const policy = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
  expect(policy).toContain("default-src 'none'");
  expect(policy).toMatch(/script-src 'self' 'wasm-unsafe-eval' 'sha256-[A-Za-z0-9+/]+=*'/);
  expect(policy).not.toContain('unsafe-inline');
  expect(policy).toContain("connect-src 'self'");

  const injected = await page.evaluate(() => {
    const script = document.createElement('script');
    script.textContent = 'window.injectedScriptRan = true';
    document.head.append(script);
    return (window as unknown as { injectedScriptRan?: boolean }).injectedScriptRan ?? false;
  });
  expect(injected).toBe(false);
  await expect.poll(() => violations.length).toBeGreaterThan(0);
  await context.close();
});

test('styles the app sets at run time still apply under the policy', async ({ page }) => {
  await page.goto('/');
  await expect(grid(page)).toBeVisible();
  // The callout's place (set through the style object).
  await cell(page, 'Platform team', 'Define backup and restore policy').click();
  const callout = page.locator('#cell-callout');
  await expect(callout).toBeVisible();
  expect(await callout.evaluate((e) => e.style.top)).toMatch(/^\d+px$/);
  // The role view's highlighted column (a rule in a constructed style sheet).
  await page.getByRole('tab', { name: 'Role view' }).click();
  await page.locator('#role-view-role').selectOption({ label: 'Security' });
  const securityCell = grid(page).locator('td[aria-label^="Security, Provision new accounts:"]');
  await expect.poll(() => securityCell.evaluate((e) => getComputedStyle(e).boxShadow)).toContain('inset');
});
