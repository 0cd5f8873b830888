// Renders the app's PNG icons from the hand-written SVGs in web/icons/ with Debian's Chromium (through
// Playwright, already a dev dependency). Run once when the icon changes; the PNGs are committed.
//   node scripts/make-icons.mjs
import { chromium } from 'playwright-core';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

const icons = join(dirname(fileURLToPath(import.meta.url)), '..', 'web', 'icons');
// name, source SVG, size in pixels. "Maskable" icons fill the square: launchers cut their own shape,
// and the letter stays inside the central safe circle (radius 40 %).
const outputs = [
  ['icon-192.png', 'icon.svg', 192],
  ['icon-512.png', 'icon.svg', 512],
  ['icon-maskable-512.png', 'icon-maskable.svg', 512],
  ['apple-touch-icon.png', 'icon-maskable.svg', 180],
];

const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
try {
  for (const [name, source, size] of outputs) {
    const page = await browser.newPage({ viewport: { width: size, height: size } });
    const svg = readFileSync(join(icons, source), 'utf8').replace('<svg ', `<svg width="${size}" height="${size}" `);
    await page.setContent(`<style>html,body{margin:0;background:transparent}svg{display:block}</style>${svg}`);
    await page.screenshot({ path: join(icons, name), omitBackground: true });
    await page.close();
    console.log(`wrote web/icons/${name}`);
  }
} finally {
  await browser.close();
}
