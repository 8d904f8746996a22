import { describe, expect, it } from 'vitest';
import { browserSuite, CONSOLE_SHOTS } from '../support/browser-suite.ts';
import { api } from '../support/app.ts';
import { UNLIMITED } from '../support/abuse.ts';
import { axeFindings, DESKTOP, passportMrz, photoJpeg, screenshots, watchedPage } from '../support/browser.ts';
import { consolePerson, signInInBrowser } from '../support/console.ts';
import { letterPdf, passportPng } from '../support/documents.ts';
import { documentsInReview } from '../support/review.ts';
import { CaptureClient, goodCapture } from '../e2e/idv-capture-client.ts';

const suite = browserSuite({ DOCUMENT_READING: 'on' });

const newPage = () => watchedPage(suite.browser, { viewport: DESKTOP });

describe('reading the documents, in a browser', () => {
  it('an administrator turns automatic approval of ID reports on and off on the settings page', async () => {
    const person = await consolePerson(suite.app.running.container, { accountId: suite.demo.accountId, roles: ['ADMIN'] });
    const { page, problems } = await newPage();
    await signInInBrowser(page, suite.app.url, person, '/console/account');
    const box = page.getByLabel('Approve client ID reports automatically');
    expect(await box.isChecked()).toBe(false);
    await box.check();
    await page.getByRole('button', { name: 'Save settings' }).click();
    await expect.poll(() => page.getByRole('status').first().textContent()).toContain('Settings saved.');
    expect((await api(`${suite.app.url}/manage/v1/settings`, { token: suite.demo.token })).json.autoApproveReports).toBe(true);
    expect(await page.getByLabel('Approve client ID reports automatically').isChecked()).toBe(true);
    expect(await axeFindings(page, problems)).toEqual([]);
    await screenshots(page, CONSOLE_SHOTS, 'account-settings-auto-approve');

    // A bad number refuses the whole form: the box stays as ticked, nothing is saved.
    await page.getByLabel(/Link lifetime/).fill('soon');
    await page.getByLabel('Approve client ID reports automatically').uncheck();
    await page.getByRole('button', { name: 'Save settings' }).click();
    await expect.poll(() => page.locator('#s-linkLifetimeHours-error').textContent()).toContain('Enter a whole number');
    expect(await page.getByLabel('Approve client ID reports automatically').isChecked()).toBe(false);
    expect((await api(`${suite.app.url}/manage/v1/settings`, { token: suite.demo.token })).json.autoApproveReports).toBe(true);
    problems.splice(0);

    await page.getByLabel(/Link lifetime/).fill('72');
    await page.getByRole('button', { name: 'Save settings' }).click();
    await expect.poll(() => page.getByRole('status').first().textContent()).toContain('Settings saved.');
    expect((await api(`${suite.app.url}/manage/v1/settings`, { token: suite.demo.token })).json.autoApproveReports).toBe(false);
  });

  it('a reviewer sees what reading an enrollment letter found, with its evidence', async () => {
    const program = await api(`${suite.app.url}/manage/v1/programs`, {
      token: suite.demo.token,
      body: {
        name: 'Reading',
        segment: 'student',
        testMode: false,
        staticCode: 'OK',
        maxDocUploadAttempts: 3,
        openOrgSearchEnabled: true,
        abuse: UNLIMITED,
      },
    });
    expect(program.status, program.text).toBe(201);
    // A letter that names someone else: the reviewer is told the name was not found.
    const letter = await letterPdf([
      'Night School',
      'This letter confirms that Paul Martin',
      'is enrolled for the term starting 1 September 2025.',
    ]);
    const v = await documentsInReview(suite.app.url, program.json.id, 'Grace', [
      { fileName: 'enrollment.pdf', bytes: letter, mimeType: 'application/pdf' },
    ]);
    const reviewer = await consolePerson(suite.app.running.container, { accountId: suite.demo.accountId, roles: ['REVIEWER'] });
    const { page, problems } = await newPage();
    await signInInBrowser(page, suite.app.url, reviewer, `/console/review/document/${v.id}`);
    for (let i = 0; i < 100 && (await page.getByText("The document's text has not been read.").count()) > 0; i++) {
      await new Promise((r) => setTimeout(r, 200));
      await page.reload();
    }
    const reading = page.locator('.reading');
    await expect.poll(() => reading.textContent()).toContain("Document's text matches the person: Failed.");
    expect(await reading.textContent()).toContain('GRACE not found');
    expect(await reading.textContent()).toContain('RANDOM not found');
    expect(await reading.textContent()).toContain('NIGHT on line 1');
    expect(await axeFindings(page, problems)).toEqual([]);
    await screenshots(page, CONSOLE_SHOTS, 'review-document-reading');
  });

  it("a reviewer sees the zone read from a client's passport photo among the report's checks", async () => {
    const client = {
      firstName: 'Ada',
      lastName: 'Lovelace',
      email: `reading-${Date.now()}@example.com`,
      phoneNumber: '+1 604 555 0100',
      dateOfBirth: '1985-04-12',
    };
    const r = await api(`${suite.app.url}/api/client/create-verification-request`, {
      token: suite.demo.token,
      body: { requesterReferenceId: `READ-${Date.now()}`, clients: [client], sendLink: false },
    });
    expect(r.status, r.text).toBe(200);
    const req = r.json.data.requests[0];
    const input = goodCapture(client);
    const c = new CaptureClient(req.links[0].link);
    for (const [name, form] of [
      ['privacy', { accept: 'yes' }],
      ['identity', input.identity],
      ['document', input.document],
    ] as const) {
      await c.open();
      expect((await c.post(name, form)).status).toBe(303);
    }
    await c.open();
    const mrz = passportMrz({ lastName: 'Lovelace', firstName: 'Ada', number: 'AB123456', birth: '1985-04-12', expiry: '2031-01-31' });
    expect((await c.put('front', passportPng(mrz).png, 'image/png')).status).toBe(200);
    expect((await c.put('selfie', photoJpeg(720, 960))).status).toBe(200);
    for (const [name, form] of [
      ['address', input.address],
      ['submit', {}],
    ] as const) {
      await c.open();
      expect((await c.post(name, form)).status).toBe(303);
    }
    for (let i = 0; i < 300; i++) {
      const info = await api(`${suite.app.url}/api/client/report-info`, {
        token: suite.demo.token,
        body: { clientRequestId: req.clientRequestId },
      });
      if (info.json.data?.checks?.some((x: any) => x.name === 'mrzFromImage')) break;
      await new Promise((done) => setTimeout(done, 200));
    }
    const reviewer = await consolePerson(suite.app.running.container, { accountId: suite.demo.accountId, roles: ['REVIEWER'] });
    const { page, problems } = await newPage();
    await signInInBrowser(page, suite.app.url, reviewer, `/console/review/id-report/${req.clientRequestId}`);
    const row = page.locator('tr', { hasText: 'MRZ read from the photo' });
    expect(await row.textContent()).toContain('Passed');
    expect(await axeFindings(page, problems)).toEqual([]);
    await screenshots(page, CONSOLE_SHOTS, 'review-id-report-reading');
  });
});
