import { test as base, expect } from '@playwright/test';

// Every end-to-end test fails if the page throws or logs an error (a Rust panic prints one), or if
// the page's Content-Security-Policy refuses anything (a script, a style attribute, a connection),
// even when what the test looked at came out right.
export const test = base.extend<{ failOnPageErrors: void }>({
  failOnPageErrors: [
    async ({ context }, use, testInfo) => {
      const errors: string[] = [];
      // The page reports each refusal as a `securitypolicyviolation` event; this makes it an error
      // in the console, which the watch below collects (Chromium's own "Refused to..." line too).
      await context.addInitScript(() => {
        document.addEventListener(
          'securitypolicyviolation',
          (event) => {
            const where = event.sourceFile ? ` at ${event.sourceFile}:${event.lineNumber}` : '';
            console.error(`CSP violation: ${event.effectiveDirective} refused ${event.blockedURI || 'inline code'}${where}`);
          },
          true,
        );
      });
      const watch = (page: import('@playwright/test').Page) => {
        page.on('pageerror', (error) => errors.push(`page error: ${error.message}`));
        page.on('console', (message) => {
          if (message.type() === 'error') errors.push(`console error: ${message.text()}`);
        });
      };
      context.pages().forEach(watch);
      context.on('page', watch);
      await use();
      // A test that blocks a file on purpose says so with the annotation "blocks-a-file"; the
      // browser's own line about that failed load is then expected, and the line of the loader
      // of the parts that load on first use (__wasm_split.js) about the failed fetch.
      const blocks = testInfo.annotations.some((a) => a.type === 'blocks-a-file');
      const expected = (e: string) => e.includes('Failed to load resource') || e.includes('TypeError: Failed to fetch');
      const unexpected = errors.filter((e) => !(blocks && expected(e)));
      expect(unexpected, 'errors in the page').toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };
export type { Page } from '@playwright/test';
