import { expect, Page } from '@playwright/test';

// What the browser benchmarks share: generated matrices, importing one through the page as a user
// does, and one keyboard edit at a time.

/** A wide CSV of `activities` x `roles`: one Accountable per row, about 30 % of cells filled. */
export function generate(activities: number, roles: number, seed = 42): string {
  const random = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
  const names = Array.from({ length: roles }, (_, r) => `Role ${r + 1}`);
  const lines = [['Activity', ...names].join(',')];
  for (let a = 0; a < activities; a++) {
    const cells = names.map((_, r) => {
      const x = random();
      if (r === a % roles) return 'A';
      if (x < 0.12) return 'R';
      if (x < 0.2) return 'C';
      if (x < 0.28) return 'I';
      return '';
    });
    lines.push([`Activity ${a + 1}`, ...cells].join(','));
  }
  return lines.join('\n');
}

/** Imports a generated matrix through Import and the preview, replacing the current one. */
export async function importGenerated(page: Page, activities: number, roles: number) {
  await page.getByLabel('Import', { exact: true }).setInputFiles({
    name: `bench-${activities}x${roles}.csv`,
    mimeType: 'text/csv',
    buffer: Buffer.from(generate(activities, roles)),
  });
  await page.getByRole('button', { name: 'Replace current matrix' }).click({ timeout: 120_000 });
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`bench-${activities}x${roles}`);
}

export function percentile(values: number[], p: number) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}
