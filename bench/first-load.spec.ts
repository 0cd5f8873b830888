import { test, expect, Browser } from '@playwright/test';

// Prints the first visit: navigation until the example matrix is on screen and can be edited, on a
// cold cache over Chromium's emulated networks, and what the page transferred until then. The
// server (bench/serve.mjs) answers with the build's pre-compressed copies, as a host that serves
// them does. A benchmark, not a test: it asserts only that the page came up. The same page's first
// visit in a browser that just started is printed too ("fresh browser"), where the renderer's
// font set-up alone takes hundreds of milliseconds on this machine.

const networks = [
  // Chromium DevTools' presets.
  { name: 'fast 4G', down: 9, up: 1.5, latency: 60 },
  { name: 'slow 4G', down: 1.6, up: 0.75, latency: 150 },
  { name: 'no throttling', down: 0, up: 0, latency: 0 },
];
const RUNS = 3;

async function firstVisit(browser: Browser, network: (typeof networks)[number], encoding: string, warm = true) {
  const context = await browser.newContext({ extraHTTPHeaders: { 'Accept-Encoding': encoding } });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  if (network.down > 0) {
    await cdp.send('Network.emulateNetworkConditions', {
      offline: false,
      latency: network.latency,
      downloadThroughput: (network.down * 1_000_000) / 8,
      uploadThroughput: (network.up * 1_000_000) / 8,
    });
  }
  // The browser is already running, as a user's is: its one-time font set-up is done on a page of
  // text first (see bench/serve.mjs). The HTTP cache stays disabled, so the app comes cold.
  if (warm) {
    await page.goto('/__warm-up');
    await page.evaluate(() => document.body.getBoundingClientRect());
  }
  const bytes = new Map<string, number>();
  cdp.on('Network.loadingFinished', (e) => bytes.set(e.requestId, e.encodedDataLength));
  await page.goto('/', { waitUntil: 'commit' });
  // Usable: the example matrix's cells are in the page, ready for the keyboard.
  const usable = await page.waitForFunction(
    () => (document.querySelector('table[aria-label="RACI matrix"] td[data-activity]') ? performance.now() : 0),
    null,
    { polling: 5, timeout: 60_000 },
  );
  const ms = (await usable.jsonValue()) as number;
  const transferred = [...bytes.values()].reduce((a, b) => a + b, 0);
  await expect(page.getByRole('table', { name: 'RACI matrix' })).toBeVisible();
  await context.close();
  return { ms, transferred };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

test('first visit', async ({ browser }) => {
  const lines: string[] = [];
  for (const network of networks) {
    for (const encoding of ['br, gzip', 'gzip']) {
      const runs = [];
      for (let i = 0; i < RUNS; i++) runs.push(await firstVisit(browser, network, encoding));
      lines.push(
        `${network.name.padStart(13)} | ${encoding.padEnd(8)} | ${median(runs.map((r) => r.ms)).toFixed(0).padStart(5)} ms | ${(median(runs.map((r) => r.transferred)) / 1024).toFixed(0).padStart(4)} KB`,
      );
    }
  }
  const fresh = [];
  for (let i = 0; i < RUNS; i++) fresh.push(await firstVisit(browser, networks[0], 'br, gzip', false));
  lines.push(
    `fast 4G, fresh browser | br, gzip | ${median(fresh.map((r) => r.ms)).toFixed(0).padStart(5)} ms | ${(median(fresh.map((r) => r.transferred)) / 1024).toFixed(0).padStart(4)} KB`,
  );
  console.log(`\nfirst visit, cold cache (median of ${RUNS}): navigation to a usable matrix, and what it transferred`);
  console.log('      network | accepts  | usable  | transferred');
  for (const line of lines) console.log(line);
});
