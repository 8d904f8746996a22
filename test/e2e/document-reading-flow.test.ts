import { beforeAll, describe, expect, it } from 'vitest';
import { api, useTestApp } from '../support/app.ts';
import { UNLIMITED } from '../support/abuse.ts';
import { passportMrz, photoJpeg } from '../support/browser.ts';
import { consoleSession, type ConsoleSession } from '../support/console.ts';
import { letterPdf, passportPng } from '../support/documents.ts';
import { documentsInReview } from '../support/review.ts';
import { CaptureClient, goodCapture } from './idv-capture-client.ts';

/**
 * Reading the documents people submit, end to end over HTTP with reading on (one thread): a client's
 * passport photo read after the capture is submitted (its zone agreeing or not), the account's automatic
 * approval, and an eligibility letter read after its upload is complete, as the API and the review
 * workbench show them.
 */

const t = useTestApp({ DOCUMENT_READING: 'on' });
const container = () => t.app.running.container;
let reviewer: ConsoleSession;

beforeAll(async () => {
  reviewer = await consoleSession(t.app.url, container(), { accountId: t.demo.accountId, roles: ['REVIEWER', 'VERIFIER'] });
});

const post = (path: string, body: unknown, token = t.demo.token) => api(`${t.app.url}${path}`, { token, body });
const page = async (path: string, who: ConsoleSession) => {
  const res = await fetch(`${t.app.url}${path}`, { headers: { cookie: who.cookie } });
  return { status: res.status, html: await res.text() };
};

/** Asks until `get` answers something (the reading job runs in the background); bounded. */
async function eventually<T>(get: () => Promise<T | null | undefined>, what: string): Promise<T> {
  for (let i = 0; i < 300; i++) {
    const v = await get();
    if (v) return v;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`never: ${what}`);
}

/** Every step of the capture page, the passport's photo a PNG, then submit. */
async function capture(link: string, client: { firstName: string; lastName: string; dateOfBirth: string }, front: Buffer) {
  const input = goodCapture(client);
  const c = new CaptureClient(link);
  const step = async (name: string, form: Record<string, string>) => {
    await c.open();
    const r = await c.post(name, form);
    expect(r.status, `${name}: ${r.html.slice(0, 300)}`).toBe(303);
  };
  await step('privacy', { accept: 'yes' });
  await step('identity', input.identity);
  await step('document', input.document);
  await c.open();
  expect((await c.put('front', front, 'image/png')).status).toBe(200);
  expect((await c.put('selfie', photoJpeg(720, 960))).status).toBe(200);
  await step('address', input.address);
  await step('submit', {});
}

let seq = 0;
/** A file with one client, who completes the capture with `front` as the passport's photo. */
async function capturedWith(front: (client: { firstName: string; lastName: string; dateOfBirth: string }) => Buffer, token = t.demo.token) {
  const client = {
    firstName: 'Ada',
    lastName: `Lovelace${String.fromCharCode(65 + (++seq % 26))}`,
    email: `reading${seq}-${Date.now()}@example.com`,
    phoneNumber: '+1 604 555 0100',
    dateOfBirth: '1985-04-12',
  };
  const r = await post(
    '/api/client/create-verification-request',
    { requesterReferenceId: `READ-${seq}-${Date.now()}`, clients: [client], sendLink: false },
    token,
  );
  expect(r.status, r.text).toBe(200);
  const req = r.json.data.requests[0];
  await capture(req.links[0].link, client, front(client));
  return { id: req.clientRequestId as string, file: r.json.data.fileReferenceId as string, client };
}

const reportInfo = (id: string, token = t.demo.token) => post('/api/client/report-info', { clientRequestId: id }, token);
const readCheck = (id: string, token = t.demo.token) =>
  eventually(async () => {
    const info = await reportInfo(id, token);
    return info.json.data?.checks?.find((c: any) => c.name === 'mrzFromImage') ? info.json.data : null;
  }, 'the photo is read');
const checkOf = (info: any, name: string) => info.checks.find((c: any) => c.name === name);

const mrzOf = (p: { firstName: string; lastName: string; dateOfBirth: string }) =>
  passportMrz({ lastName: p.lastName, firstName: p.firstName, number: 'AB123456', birth: p.dateOfBirth, expiry: '2031-01-31' });

describe('a client ID capture', () => {
  it('reads the passport zone from the photo: it agrees, and the reviewer sees it passed', async () => {
    const r = await capturedWith((c) => passportPng(mrzOf(c)).png);
    const info = await readCheck(r.id);
    expect(checkOf(info, 'mrzFromImage')).toMatchObject({ result: 'pass', highRisk: false });
    expect(checkOf(info, 'mrzFromImage').reason).toMatch(/TD3 zone read from the photo/);
    expect(checkOf(info, 'barcodeFromImage')).toMatchObject({ result: 'not-run' });
    expect(info.identityAnalysisResult).toBe('Pass');
    // Automatic approval is off: the report still waits for a reviewer.
    expect(info.reviewDecision).toBeNull();

    const item = await page(`/console/review/id-report/${r.id}`, reviewer);
    expect(item.status).toBe(200);
    const checks = item.html.slice(item.html.indexOf('id="checks-h"'));
    expect(checks).toContain('MRZ read from the photo');
    expect(checks.slice(checks.indexOf('MRZ read from the photo'), checks.indexOf('MRZ read from the photo') + 400)).toContain('Passed');
  });

  it('fails a photo whose zone names someone else, with the reason, and the report fails', async () => {
    const r = await capturedWith(
      () =>
        passportPng(passportMrz({ lastName: 'Martin', firstName: 'Paul', number: 'X1234567', birth: '1980-01-02', expiry: '2031-01-31' }))
          .png,
    );
    const info = await readCheck(r.id);
    expect(checkOf(info, 'mrzFromImage')).toMatchObject({ result: 'fail', highRisk: true });
    expect(checkOf(info, 'mrzFromImage').reason).toMatch(/disagrees on: last name, first name, date of birth/);
    expect(info.identityAnalysisResult).toBe('Fail');
    expect(info.fraudAnalysisResult).toBe('Fail');
    const item = await page(`/console/review/id-report/${r.id}`, reviewer);
    expect(item.html).toContain('disagrees on: last name, first name, date of birth');
  });

  it('with automatic approval on, approves a report whose every check passed, as Vouch, with the event', async () => {
    const other = await t.app.bootstrap();
    const bad = await api(`${t.app.url}/manage/v1/settings`, { token: other.token, method: 'PATCH', body: { autoApproveReports: 'yes' } });
    expect(bad.status).toBe(400);
    const set = await api(`${t.app.url}/manage/v1/settings`, { token: other.token, method: 'PATCH', body: { autoApproveReports: true } });
    expect(set.status, set.text).toBe(200);
    expect(set.json.autoApproveReports).toBe(true);

    const r = await capturedWith((c) => passportPng(mrzOf(c)).png, other.token);
    const info = await eventually(async () => {
      const i = (await reportInfo(r.id, other.token)).json.data;
      return i?.reviewDecision ? i : null;
    }, 'the report is decided');
    expect(info.reviewDecision).toBe('Approved');
    expect(info.reviewDecisionReason).toMatch(/Approved automatically/);
    expect(checkOf(info, 'mrzFromImage').result).toBe('pass');
    expect(info.clientVerifiedUntil).not.toBeNull();

    const events = await post('/api/casefile/events', { fileReferenceId: r.file }, other.token);
    expect(events.json.data.some((e: any) => e.eventId === 302 && e.clientRequestId === r.id)).toBe(true);
    const audit = await api(`${t.app.url}/manage/v1/audit?action=report.auto-approved`, { token: other.token });
    expect(audit.status, audit.text).toBe(200);
    const entry = audit.json.entries.find((e: any) => e.subject?.id === r.id);
    expect(entry).toMatchObject({ action: 'report.auto-approved', actor: { type: 'system' } });

    // A photo that disagrees is left to a reviewer, even with automatic approval on.
    const theirs = await capturedWith(
      () =>
        passportPng(passportMrz({ lastName: 'Martin', firstName: 'Paul', number: 'X1234567', birth: '1980-01-02', expiry: '2031-01-31' }))
          .png,
      other.token,
    );
    const left = await readCheck(theirs.id, other.token);
    expect(checkOf(left, 'mrzFromImage').result).toBe('fail');
    expect(left.reviewDecision).toBeNull();
  });
});

describe('an eligibility upload', () => {
  it('reads the letter naming the person, and the reviewer sees the text check pass with its evidence', async () => {
    const program = await api(`${t.app.url}/manage/v1/programs`, {
      token: t.demo.token,
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
    const letter = await letterPdf([
      'Night School',
      'Office of the Registrar',
      'This letter confirms that Grace Random',
      'is enrolled full time for the term starting September 1, 2025.',
    ]);
    const v = await documentsInReview(t.app.url, program.json.id, 'Grace', [
      { fileName: 'enrollment.pdf', bytes: letter, mimeType: 'application/pdf' },
    ]);
    const doc = await eventually(async () => {
      const q = await api(`${t.app.url}/rest/v2/review/queue?limit=200`, { token: t.demo.token });
      const item = q.json.find((x: any) => x.verificationId === v.id);
      const d = item?.documents?.find((x: any) => x.documentId === v.documents[0]);
      return d?.reading ? d : null;
    }, 'the letter is read');
    expect(doc.reading.check).toMatchObject({ name: 'documentText', result: 'pass' });
    expect(doc.reading.source).toBe('pdf-text');
    expect(doc.reading.evidence).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ part: 'name', word: 'GRACE', line: 2 }),
        expect.objectContaining({ part: 'name', word: 'RANDOM', line: 2 }),
      ]),
    );
    expect(doc.reading.dates).toEqual(expect.arrayContaining([expect.objectContaining({ date: '2025-09-01' })]));

    const item = await page(`/console/review/document/${v.id}`, reviewer);
    expect(item.status).toBe(200);
    expect(item.html).toContain("Document's text matches the person: Passed.");
    expect(item.html).toMatch(/GRACE on line 3 \(read “GRACE”\)/);
    expect(item.html).toContain('NIGHT on line 1');
    expect(item.html).toContain('2025-09-01');
  });
});
