import { test, expect, Page } from './test';
import AxeBuilder from '@axe-core/playwright';
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as http from 'http';
import * as os from 'os';
import * as path from 'path';
import type { AddressInfo } from 'net';

// A new deployment while the app is open: the page keeps running on the build it started with, says
// "A new version is available", and Reload brings the whole new build. The test serves its own copy
// of dist/ (on a port of its own, so the service worker there is its own too) and deploys a second
// build into it: index.html changes, and the post-build hook writes sw.js again, as a rebuild does.

const root = path.join(__dirname, '..');
const shots = path.join(__dirname, 'screenshots');
const types: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.webmanifest': 'application/manifest+json',
};

/** Serves `dir` as a static host does; what it serves changes when the files do. */
async function serve(dir: string) {
  const server = http.createServer((request, response) => {
    let file = decodeURIComponent(new URL(request.url ?? '/', 'http://localhost').pathname);
    if (file.endsWith('/')) file += 'index.html';
    const full = path.join(dir, path.normalize(file));
    if (!full.startsWith(dir) || !fs.existsSync(full) || !fs.statSync(full).isFile()) {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200, {
      'Content-Type': types[path.extname(full)] ?? 'application/octet-stream',
      'Cache-Control': 'no-cache',
    });
    response.end(fs.readFileSync(full));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/` };
}

/** A second build: index.html differs, so the hook gives sw.js a new version. */
function deploy(dir: string) {
  const index = path.join(dir, 'index.html');
  fs.writeFileSync(index, fs.readFileSync(index, 'utf8').replace('<title>', '<meta name="deployment" content="2" /><title>'));
  execFileSync('node', [path.join(root, 'scripts', 'post-build.mjs')], {
    env: { ...process.env, TRUNK_STAGING_DIR: dir, TRUNK_SOURCE_DIR: root, TRUNK_PROFILE: 'debug' },
  });
}

const prompt = (page: Page) => page.getByRole('status').filter({ hasText: 'A new version is available' });
// Which deployment the page runs (null while it is being reloaded).
const deployment = (page: Page) =>
  page
    .evaluate(() => document.querySelector('meta[name="deployment"]')?.getAttribute('content') ?? null)
    .catch(() => null);
const cacheNames = (page: Page) => page.evaluate(() => caches.keys());

test('a new deployment is announced, and Reload brings all of it', async ({ page, context }) => {
  // Two builds are cached along the way (about 2.7 MB each), and axe runs twice.
  test.setTimeout(90_000);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'raci-deploy-'));
  fs.cpSync(path.join(root, 'dist'), dir, { recursive: true });
  const { server, url } = await serve(dir);
  try {
    await page.setViewportSize({ width: 1024, height: 768 });
    await page.goto(url);
    await expect(page.getByRole('table', { name: 'RACI matrix' })).toBeVisible();
    await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
    // A first visit caches the build and announces nothing, nor does opening it again.
    await page.reload();
    await expect(page.getByRole('table', { name: 'RACI matrix' })).toBeVisible();
    const first = await cacheNames(page);
    expect(first).toHaveLength(1);
    await expect(prompt(page)).toHaveCount(0);

    deploy(dir);
    // The browser looks for a new build when the page is opened (offline.js also looks hourly and
    // when the tab comes back into view).
    await page.reload();
    // Once the new build is fetched and cached (seconds on a busy machine).
    await expect(prompt(page)).toBeVisible({ timeout: 20_000 });
    // Still the build it started with, until the user says so.
    expect(await deployment(page)).toBeNull();

    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      await page.screenshot({ path: path.join(shots, `update-prompt-${scheme}-1024x768.png`) });
      const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
      expect(results.violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
    }
    await page.emulateMedia({ colorScheme: null });

    // "Later" puts it away; the next opening asks again.
    await prompt(page).getByRole('button', { name: 'Later' }).click();
    await expect(prompt(page)).toHaveCount(0);
    await page.reload();
    await expect(prompt(page)).toBeVisible();
    expect(await deployment(page)).toBeNull();

    // A second tab of the app, on the old build too.
    const other = await context.newPage();
    await other.goto(url);
    await expect(prompt(other)).toBeVisible({ timeout: 20_000 });
    expect(await deployment(other)).toBeNull();

    // Reload works from the keyboard, as a plain button.
    await prompt(page).getByRole('button', { name: 'Reload' }).focus();
    await expect(prompt(page).getByRole('button', { name: 'Reload' })).toBeFocused();
    await page.keyboard.press('Enter');
    await expect.poll(() => deployment(page), { timeout: 10_000 }).toBe('2');
    // The other tab follows: no page runs on a build whose cache is gone.
    await expect.poll(() => deployment(other), { timeout: 10_000 }).toBe('2');
    await expect(prompt(other)).toHaveCount(0);
    await expect(page.getByRole('table', { name: 'RACI matrix' })).toBeVisible();
    await expect(prompt(page)).toHaveCount(0);
    // Only the new build's cache is left.
    const after = await cacheNames(page);
    expect(after).toHaveLength(1);
    expect(after).not.toEqual(first);
  } finally {
    server.closeAllConnections();
    server.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
