import { test, expect } from './test';
import * as path from 'path';
import { importPath } from './helpers';

// Each realistic fixture, imported through the page's file picker, shows its matrix and findings.
const fixtures = path.join(__dirname, '..', 'tests', 'fixtures');

type Case = {
  file: string;
  role: string;
  activity: string;
  findings: [rule: string, text: string][];
};

const cases: Case[] = [
  {
    file: 'Landing zone RACI-2024-03-15.csv',
    role: 'Compliance',
    activity: 'Tag policy',
    findings: [
      ['multiple-accountable', 'Tag policy'],
      ['missing-accountable', 'Patch base images'],
      ['unassigned-activity', 'Decommission legacy VPN'],
      ['role-without-ownership', 'Compliance'],
    ],
  },
  {
    file: 'assignments-long.csv',
    role: 'Service desk',
    activity: 'Incident response',
    findings: [
      ['multiple-accountable', 'Incident response'],
      ['unassigned-activity', 'Publish the RACI on the wiki'],
      ['idle-role', 'Service desk'],
    ],
  },
  {
    file: 'exploitation-cloud.csv',
    role: 'Réseau',
    activity: 'Sauvegardes quotidiennes',
    findings: [
      ['missing-accountable', 'Sauvegardes quotidiennes'],
      ['duplicate-name', 'Surveiller les coûts'],
    ],
  },
  {
    file: 'messy-cells.csv',
    role: 'Platform team',
    activity: 'Guardrail SCPs',
    findings: [
      ['multiple-accountable', 'Guardrail SCPs'],
      ['unresolved-cell', 'Service catalogue'],
    ],
  },
  {
    file: 'cloud-decisions.json',
    role: 'Platform team',
    activity: 'Pick the observability vendor',
    findings: [
      ['missing-accountable', 'Pick the observability vendor'],
      ['missing-responsible', 'Retire the old build servers'],
    ],
  },
  {
    file: 'transposed.csv',
    role: 'Networking',
    activity: 'Run game days',
    findings: [
      ['multiple-accountable', 'Run game days'],
      ['unassigned-activity', 'Document runbooks'],
    ],
  },
  {
    file: 'phases.csv',
    role: 'Security',
    activity: 'Choose regions',
    findings: [
      ['unassigned-activity', 'Choose regions'],
      ['missing-accountable', 'Tune cost alerts'],
    ],
  },
  {
    file: 'pasted-from-excel.tsv',
    role: 'Networking',
    activity: 'Renew TLS certificates',
    findings: [
      ['missing-accountable', 'Renew TLS certificates'],
      ['too-many-consulted', 'Retire unused accounts'],
      ['overloaded-role', 'Platform team'],
    ],
  },
  {
    file: 'unicode-text.txt',
    role: 'Networking',
    activity: 'Renew TLS certificates',
    findings: [['missing-accountable', 'Renew TLS certificates']],
  },
  {
    file: 'cloud-raci.md',
    role: 'Security',
    activity: 'Patch hosts',
    findings: [
      ['missing-accountable', 'Patch hosts'],
      ['unassigned-activity', 'Review access'],
    ],
  },
];

for (const c of cases) {
  test(`imports ${c.file} and shows its findings`, async ({ page }) => {
    await page.goto('/');
    await page.evaluate(() => localStorage.clear());
    await page.reload();
    await importPath(page, path.join(fixtures, c.file));
    await expect(page.getByLabel('Notes on the last file read')).toContainText(`Imported "${c.file}"`);
    const table = page.getByRole('table', { name: 'RACI matrix' });
    await expect(table.getByRole('columnheader', { name: c.role, exact: true })).toBeVisible();
    await expect(table.getByRole('rowheader', { name: c.activity }).first()).toBeVisible();
    const panel = page.getByRole('region', { name: 'Findings' });
    for (const [rule, text] of c.findings) {
      await expect(panel.locator(`[data-rule="${rule}"]`).filter({ hasText: text }).first()).toBeVisible();
    }
    await page.getByLabel('Notes on the last file read').locator('summary').click();
    await page.screenshot({ path: path.join(__dirname, 'screenshots', `fixture-${c.file}.png`) });
  });
}
