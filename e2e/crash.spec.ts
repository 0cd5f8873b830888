import { test, expect, chromium, Browser } from '@playwright/test';
import { spawn, ChildProcess } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

// An edit one second old survives a crash: Chromium runs with a profile on disk, the edit is
// made, and a second later every process of the browser is killed (SIGKILL, as a crash or a
// dead battery would). Relaunched on the same profile, the app shows the edit.
//
// Chromium is launched here, not by Playwright, so that its process id is known (a persistent
// context from Playwright does not give it); Playwright connects over the DevTools protocol.

const chromiumArgs = [
  '--headless=new',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--no-default-browser-check',
];

async function launch(profile: string, port: number): Promise<{ browser: Browser; child: ChildProcess }> {
  const child = spawn('/usr/bin/chromium', [...chromiumArgs, `--user-data-dir=${profile}`, `--remote-debugging-port=${port}`, 'about:blank'], {
    detached: true,
    stdio: 'ignore',
  });
  for (let tries = 0; ; tries++) {
    try {
      const browser = await chromium.connectOverCDP(`http://127.0.0.1:${port}`);
      return { browser, child };
    } catch (e) {
      if (tries > 100) throw e;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}

function killAll(child: ChildProcess | undefined) {
  // The whole process group: the browser and its renderer, network and storage processes.
  try {
    if (child?.pid) process.kill(-child.pid, 'SIGKILL');
  } catch {
    // Gone already.
  }
}

test('an edit one second old survives the browser being killed', async ({}, testInfo) => {
  const baseURL = testInfo.project.use.baseURL!;
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'raci-crash-'));
  const port = 9300 + (process.pid % 500);
  const errors: string[] = [];
  let child: ChildProcess | undefined;
  try {
    let browser: Browser;
    ({ browser, child } = await launch(profile, port));
    let page = await browser.contexts()[0].newPage();
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(baseURL);
    const cell = () => page.getByRole('table', { name: 'RACI matrix' }).locator('td[aria-label^="Security, Provision new accounts:"]');
    await expect(page.locator('h1.matrix-title')).toHaveText('Cloud operating model');
    // The first visit's own writes are done (the example is saved) before the edit.
    await page.waitForTimeout(1000);
    await cell().click();
    await page.keyboard.press('a');
    await expect(cell()).toHaveAttribute('aria-label', /Accountable/);
    await page.waitForTimeout(1000);
    killAll(child);
    await new Promise((r) => setTimeout(r, 500));

    ({ browser, child } = await launch(profile, port));
    page = await browser.contexts()[0].newPage();
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(baseURL);
    await expect(page.locator('h1.matrix-title')).toHaveText('Cloud operating model');
    await expect(cell()).toHaveAttribute('aria-label', /Accountable/);
    await browser.close();
  } finally {
    killAll(child);
    fs.rmSync(profile, { recursive: true, force: true });
  }
  expect(errors).toEqual([]);
});
