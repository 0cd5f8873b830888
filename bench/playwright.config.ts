import { defineConfig } from '@playwright/test';
import base from '../playwright.config';

// The browser benchmark: same server and browser as the end-to-end tests, its own folder, no
// timeouts tight enough to matter, figures printed rather than asserted.
export default defineConfig({
  ...base,
  testDir: '.',
  timeout: 600_000,
  reporter: 'list',
  webServer: { ...(base.webServer as object), command: (base.webServer as { command: string }).command.replace('-d dist', '-d ../dist') } as typeof base.webServer,
});
