import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, startTestApp, type TestApp } from '../support/app.ts';
import { VALID_BODIES } from '../support/bodies.ts';
import { axeFindings, DESKTOP, launchChromium, screenshots, watchedPage } from '../support/browser.ts';
import { consolePerson, signInInBrowser } from '../support/console.ts';

const SHOTS = process.env.VOUCH_SCREENSHOTS ?? path.join(os.tmpdir(), 'vouch-console-screens');

let app: TestApp;
let browser: Browser;
let demo: Awaited<ReturnType<TestApp['bootstrap']>>;
const ids: string[] = [];

beforeAll(async () => {
  app = await startTestApp();
  demo = await app.bootstrap();
  browser = await launchChromium();
  for (const firstName of ['Grace', 'Alan']) {
    const created = await api(`${app.url}/rest/v2/verification`, { body: { programId: demo.programs.student } });
    await api(created.json.submissionUrl, { body: { ...VALID_BODIES.collectStudentPersonalInfo, firstName } });
    ids.push(created.json.verificationId);
  }
}, 60_000);
afterAll(async () => {
  await browser?.close();
  await app?.close();
});

const newPage = () => watchedPage(browser, { viewport: DESKTOP, acceptDownloads: true });

/** The file the link downloads, as bytes. */
async function downloaded(page: Page, name: string): Promise<Buffer> {
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name }).first().click()]);
  return fs.readFileSync((await file.path())!);
}

const apiCsv = async (reportId: string) =>
  Buffer.from(
    await (await fetch(`${app.url}/rest/v2/report/${reportId}`, { headers: { authorization: `Bearer ${demo.token}` } })).arrayBuffer(),
  );

describe('re-verify and reports in a browser', () => {
  it('starts a batch from a chosen CSV file, follows it and downloads its report; requests a verification report; every page passes axe', async () => {
    const person = await consolePerson(app.running.container, { accountId: demo.accountId, roles: ['BULK_VERIFIER', 'REPORTER'] });
    const { page, problems } = await newPage();
    await signInInBrowser(page, app.url, person, '/console/bulk');
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Re-verify and reports');
    expect(await axeFindings(page, problems)).toEqual([]);
    await screenshots(page, SHOTS, 'bulk');

    await page.getByRole('link', { name: 'Re-verification' }).click();
    await page.waitForURL((u) => u.pathname === '/console/bulk/batches');
    expect(await axeFindings(page, problems)).toEqual([]);
    await screenshots(page, SHOTS, 'bulk-batches');

    // A file with a bad line: the form says which, and nothing starts.
    await page.getByLabel('Program', { exact: true }).selectOption(demo.programs.student);
    await page.getByLabel('CSV file of verification ids').setInputFiles({
      name: 'ids.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(`verificationId\n${ids[0]}\nnot an id\n`),
    });
    await page.getByRole('button', { name: 'Start the batch' }).click();
    await expect.poll(() => page.getByRole('alert').first().textContent()).toContain('Line 3');
    // The refusal is answered 400, which the browser logs as a failed load: expected here.
    expect(problems.splice(0)).toEqual([expect.stringContaining('400')]);
    expect(await axeFindings(page, problems)).toEqual([]);
    await screenshots(page, SHOTS, 'bulk-batches-refused');

    await page.getByLabel('Program', { exact: true }).selectOption(demo.programs.student);
    await page.getByLabel('CSV file of verification ids').setInputFiles({
      name: 'ids.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(`verificationId\n${ids[0]}\n${ids[1]}\nabcdefabcdefabcdefabcdef\n`),
    });
    await page.getByRole('button', { name: 'Start the batch' }).click();
    await page.waitForURL((u) => /^\/console\/bulk\/batches\/[0-9a-f]{32}$/.test(u.pathname));
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toMatch(/^Batch [0-9a-f]{32}$/);
    expect(await axeFindings(page, problems)).toEqual([]);
    await screenshots(page, SHOTS, 'bulk-batch');

    // The page reloads itself until the batch has ended and its report is ready.
    const link = page.getByRole('link', { name: 'Download the report (CSV)' });
    await link.waitFor({ timeout: 30_000 });
    expect(await page.getByText('3 of 3').count()).toBeGreaterThan(0);
    expect(await axeFindings(page, problems)).toEqual([]);
    await screenshots(page, SHOTS, 'bulk-batch-complete');
    const reportId = /\/console\/bulk\/reports\/([0-9a-f]{24})\/download/.exec((await link.getAttribute('href')) ?? '')![1];
    const csv = await downloaded(page, 'Download the report (CSV)');
    expect(csv.equals(await apiCsv(reportId))).toBe(true);
    expect(csv.toString('utf8').trimEnd().split('\n')).toHaveLength(4);

    // A verification report over the last days.
    await page.goto(`${app.url}/console/bulk/reports`);
    expect(await axeFindings(page, problems)).toEqual([]);
    await screenshots(page, SHOTS, 'bulk-reports');
    await page.getByLabel('Verifications', { exact: true }).selectOption('ALL');
    await page.getByRole('button', { name: 'Request the report' }).click();
    await page.waitForURL((u) => /^\/console\/bulk\/reports\/[0-9a-f]{24}$/.test(u.pathname));
    const report = page.getByRole('link', { name: 'Download the report (CSV)' });
    await report.waitFor({ timeout: 30_000 });
    expect(await axeFindings(page, problems)).toEqual([]);
    await screenshots(page, SHOTS, 'bulk-report');
    const id = new URL(page.url()).pathname.split('/').at(-1)!;
    const verifications = await downloaded(page, 'Download the report (CSV)');
    expect(verifications.equals(await apiCsv(id))).toBe(true);
    for (const v of ids) expect(verifications.toString('utf8')).toContain(v);

    await page.goto(`${app.url}/console/bulk/reports`);
    expect(await axeFindings(page, problems)).toEqual([]);
    await screenshots(page, SHOTS, 'bulk-reports-listed');
    expect(problems).toEqual([]);
  }, 120_000);
});
