import { defineConfig } from '@playwright/test';
import * as path from 'path';
import base from '../playwright.config';

const port = Number(process.env.E2E_PORT ?? 8765);

// The browser benchmark: same server and browser as the end-to-end tests, its own folder, no
// timeouts tight enough to matter, figures printed rather than asserted.
export default defineConfig({
  ...base,
  testDir: '.',
  timeout: 600_000,
  reporter: 'list',
  // A server that answers with the pre-compressed copies, as hosts that serve them do. BENCH_DIST
  // serves another build (to compare two in turns).
  webServer: { ...(base.webServer as object), command: `node bench/serve.mjs ${process.env.BENCH_DIST ?? 'dist'} ${port}`, cwd: path.join(__dirname, '..') } as typeof base.webServer,
});
