import { extractText, getDocumentProxy } from 'unpdf';
import { afterEach, describe, expect, it } from 'vitest';
import { expireDueReports } from '../../src/modules/id-reports/index.ts';
import { fixedClock } from '../../src/shared/clock.ts';
import { api, useTestApp } from '../support/app.ts';
import { passportMrz } from '../support/browser.ts';
import { completeCapture, goodCapture } from './idv-capture-client.ts';

const DAY = 86_400_000;
const start = new Date('2026-03-24T12:00:00Z');
const clock = fixedClock(start);
const t = useTestApp({}, { clock });
// A test that moves the clock and fails midway must not leave the next one at its date.
afterEach(() => clock.set(start));

const post = (p: string, body: unknown, token: string | undefined = t.demo.token) => api(`${t.app.url}${p}`, { token, body });
const idv = () => t.app.running.container.idv;
/** The store itself, for what a test reads beside the API. */
const db = () => t.app.running.container.store.db;
let seq = 0;
const person = () => ({
  firstName: 'Grace',
  lastName: `Hopper${++seq}`.replace(/\d/g, (d) => 'ABCDEFGHIJ'[Number(d)]),
  email: `rep${seq}-${Date.now()}@example.com`,
  phoneNumber: '+1 604 555 0100',
  dateOfBirth: '1976-12-09',
});
async function newFile(clients: ReturnType<typeof person>[], token = t.demo.token) {
  const r = await post(
    '/api/client/create-verification-request',
    { requesterReferenceId: `REP-${++seq}-${Date.now()}`, clients, sendLink: false },
    token,
  );
  expect(r.status).toBe(200);
  return r.json.data;
}
async function submittedFile(n = 1) {
  const clients = Array.from({ length: n }, person);
  const file = await newFile(clients);
  for (let i = 0; i < n; i++) await completeCapture(file.requests[i].links[0].link, goodCapture(clients[i]));
  return { file, ids: file.requests.map((r: any) => r.clientRequestId as string) };
}
const fileStatus = async (fileReferenceId: string) => (await post('/api/casefile/details', { fileReferenceId })).json.data.fileStatus;
const events = async (fileReferenceId: string) =>
  (await post('/api/casefile/events', { fileReferenceId })).json.data.map((e: any) => e.eventId);

describe('report lifetime', () => {
  it('is served until its expiry date, then refused clearly; the sweep purges the photos once, and the audit copy ends per setting', async () => {
    clock.set(start);
    expect(
      (
        await api(`${t.app.url}/manage/v1/settings`, {
          token: t.demo.token,
          method: 'PATCH',
          body: { reportLifetimeDays: 5, reportWarningDays: 1, reportAuditDays: 30 },
        })
      ).status,
    ).toBe(200);
    const {
      file,
      ids: [id],
    } = await submittedFile();
    const info = (await post('/api/client/report-info', { clientRequestId: id })).json.data;
    expect(info).toMatchObject({
      verificationReportExpiryDate: '2026-03-29T12:00:00',
      verificationReportExpiryWarningDate: '2026-03-28T12:00:00',
    });
    const rows = () => imageRows(id);
    const keys = (await rows()).map((r) => r.blob_key!);
    expect(keys).toHaveLength(2);
    for (const k of keys) expect(await idv().blobs.exists(k)).toBe(true);

    expect((await expireDueReports(idv())).warned).toBe(0);
    clock.set(new Date(start.getTime() + 4 * DAY)); // the warning date
    expect((await expireDueReports(idv())).warned).toBeGreaterThanOrEqual(1);
    expect((await expireDueReports(idv())).warned).toBe(0); // once
    expect((await events(file.fileReferenceId)).filter((e: number) => e === 305)).toHaveLength(1);
    clock.set(new Date(start.getTime() + 5 * DAY - 1000));
    expect((await post('/api/client/verification-report', { clientRequestId: id })).status).toBe(200);
    expect((await expireDueReports(idv())).expired).toBe(0);

    clock.set(new Date(start.getTime() + 5 * DAY));
    // Refused at read time even before the sweep has run.
    for (const path of ['/api/client/verification-report', '/api/client/report-info']) {
      const gone = await post(path, { clientRequestId: id });
      expect(gone.status).toBe(410);
      expect(gone.json).toMatchObject({ statusCode: 410, message: 'Gone', data: null });
      expect(gone.json.errors[0]).toMatch(/expired on 2026-03-29T12:00:00 and is no longer available/);
    }
    expect((await expireDueReports(idv())).expired).toBeGreaterThanOrEqual(1);
    expect((await expireDueReports(idv())).expired).toBe(0); // once
    for (const r of await rows()) expect(r).toMatchObject({ blob_key: null, purged_at: expect.any(Date) });
    for (const k of keys) expect(await idv().blobs.exists(k)).toBe(false);
    expect((await events(file.fileReferenceId)).filter((e: number) => e === 304)).toHaveLength(1);
    const report = () =>
      db()
        .selectFrom('idv_reports')
        .select(['content_enc', 'audit_purged_at', 'report_number'])
        .where('request_id', '=', id)
        .executeTakeFirstOrThrow();
    expect((await report()).content_enc).toMatch(/^v1:/); // kept encrypted for audit

    clock.set(new Date(start.getTime() + 35 * DAY));
    expect((await expireDueReports(idv())).auditPurged).toBeGreaterThanOrEqual(1);
    expect(await report()).toMatchObject({ content_enc: null, audit_purged_at: expect.any(Date), report_number: info.reportNumber });
    await api(`${t.app.url}/manage/v1/settings`, {
      token: t.demo.token,
      method: 'PATCH',
      body: { reportLifetimeDays: 14, reportWarningDays: 2, reportAuditDays: 365 },
    });
  });
});

/** Makes the blob store fail once when deleting `key`, as a process dying at that point would. */
/** A sweep that dies (throws) when it comes to delete the photo `key`; every other deletion happens. */
async function sweepDyingAtPhoto(key: string) {
  const blobs = idv().blobs;
  const original = blobs.delete;
  blobs.delete = async function (k: string) {
    if (k === key) throw new Error('simulated crash while deleting a photo');
    return original.call(this, k);
  };
  try {
    await expect(expireDueReports(idv())).rejects.toThrow(/simulated crash/);
  } finally {
    blobs.delete = original;
  }
}
/** The photo rows of a request, oldest first. */
const imageRows = (id: string) =>
  db().selectFrom('idv_capture_images').select(['blob_key', 'purged_at']).where('request_id', '=', id).orderBy('id').execute();

describe('purge after a crash', () => {
  it('an expired report whose photo deletion was interrupted is finished by the next sweep: no photo stays on disk', async () => {
    clock.set(start);
    expect(
      (
        await api(`${t.app.url}/manage/v1/settings`, {
          token: t.demo.token,
          method: 'PATCH',
          body: { reportLifetimeDays: 2, reportWarningDays: 1 },
        })
      ).status,
    ).toBe(200);
    const {
      file,
      ids: [id],
    } = await submittedFile();
    await api(`${t.app.url}/manage/v1/settings`, {
      token: t.demo.token,
      method: 'PATCH',
      body: { reportLifetimeDays: 14, reportWarningDays: 2 },
    });
    const rows = () => imageRows(id);
    const keys = (await rows()).map((r) => r.blob_key!);
    expect(keys).toHaveLength(2);
    clock.set(new Date(start.getTime() + 2 * DAY));
    // The first photo is deleted, then the process dies before the second.
    await sweepDyingAtPhoto(keys[1]);
    expect(await idv().blobs.exists(keys[0])).toBe(false);
    expect(await idv().blobs.exists(keys[1])).toBe(true);
    // The rows still point at the photos (readers skip a missing one), so the next sweep finds the report again.
    for (const r of await rows()) expect(r.purged_at).toBeNull();
    expect((await expireDueReports(idv())).expired).toBeGreaterThanOrEqual(1);
    for (const k of keys) expect(await idv().blobs.exists(k)).toBe(false);
    for (const r of await rows()) expect(r).toMatchObject({ blob_key: null, purged_at: expect.any(Date) });
    expect((await events(file.fileReferenceId)).filter((e: number) => e === 304)).toHaveLength(1);
  });

  it("a cancelled request's photo whose deletion was interrupted is deleted at the next sweep", async () => {
    clock.set(start);
    const client = person();
    const f = await newFile([client]);
    const id = f.requests[0].clientRequestId;
    await completeCapture(f.requests[0].links[0].link, goodCapture(client), { submit: false });
    await post('/api/client/cancel-verification', { clientRequestId: id });
    const rows = () => imageRows(id);
    const keys = (await rows()).map((r) => r.blob_key!);
    expect(keys).toHaveLength(2);
    await sweepDyingAtPhoto(keys[0]);
    expect(await idv().blobs.exists(keys[0])).toBe(true);
    expect((await rows())[0].purged_at).toBeNull();
    await expireDueReports(idv());
    for (const k of keys) expect(await idv().blobs.exists(k)).toBe(false);
    for (const r of await rows()) expect(r).toMatchObject({ blob_key: null, purged_at: expect.any(Date) });
  });
});

describe('report PDF', () => {
  it('shows a name in any script as the client entered it: Cyrillic, Greek, Han, Arabic, emoji, accented Latin', async () => {
    clock.set(start);
    const client = { ...person(), firstName: 'Ёлка Σοφία', lastName: '李小龍 محمد 😀 Zoë' };
    const file = await newFile([client]);
    // A passport's zone holds the name in Latin letters, as real ones do.
    const mrz = passportMrz({ lastName: 'LI', firstName: 'ZOE', number: 'AB123456', birth: client.dateOfBirth, expiry: '2031-01-31' });
    await completeCapture(file.requests[0].links[0].link, goodCapture(client, { document: { mrz } }));
    const r = await post('/api/client/verification-report', { clientRequestId: file.requests[0].clientRequestId });
    expect(r.status).toBe(200);
    const pdf = await getDocumentProxy(new Uint8Array(Buffer.from(r.json.data.report, 'base64')));
    const { text } = await extractText(pdf, { mergePages: true });
    // As entered by the client and as the organization recorded it; the Arabic word reads back in its own order.
    expect(text.split('\n').filter((line) => line === 'Name: Ёлка Σοφία 李小龍 محمد 😀 Zoë')).toHaveLength(2);
    expect(text).toContain('Name: ZOE LI');
  });
});

describe('review', () => {
  it('approves with an optional reason: the client is verified until the validity date; the file follows its other clients', async () => {
    clock.set(start);
    const {
      file,
      ids: [a, b],
    } = await submittedFile(2);
    expect(await fileStatus(file.fileReferenceId)).toBe('Action Required');
    const approved = await post('/api/client/review-report', { clientRequestId: a, decision: 'APPROVE' });
    expect(approved.status).toBe(200);
    expect(approved.json.data).toEqual({
      clientRequestId: a,
      requestStatus: 'Approved',
      reviewDecisionDate: '2026-03-24T12:00:00',
      clientVerifiedUntil: '2027-03-24T12:00:00',
      sampleReport: false,
    });
    expect(await fileStatus(file.fileReferenceId)).toBe('Action Required'); // b still awaits review
    const rejected = await post('/api/client/review-report', {
      clientRequestId: b,
      decision: 'REJECT',
      reason: 'The photo does not match the client we met',
    });
    expect(rejected.json.data).toMatchObject({ requestStatus: 'Rejected', clientVerifiedUntil: null });
    expect(await fileStatus(file.fileReferenceId)).toBe('In Progress');
    const info = (await post('/api/client/report-info', { clientRequestId: b })).json.data;
    expect(info).toMatchObject({
      reviewDecision: 'Rejected',
      reviewDecisionReason: 'The photo does not match the client we met',
      clientVerifiedUntil: null,
    });
    expect((await post('/api/client/report-info', { clientRequestId: a })).json.data).toMatchObject({
      reviewDecision: 'Approved',
      clientVerifiedUntil: '2027-03-24T12:00:00',
    });
    expect((await post('/api/client/verification-details', { clientRequestId: a })).json.data.requestStatus).toBe('Approved');
    expect((await events(file.fileReferenceId)).filter((e: number) => e >= 300)).toEqual([301, 301, 302, 303]);
    // A decided report cannot be decided again.
    const again = await post('/api/client/review-report', { clientRequestId: a, decision: 'REJECT', reason: 'changed my mind' });
    expect(again.status).toBe(400);
    expect(again.json).toMatchObject({ data: false });
    expect(again.json.errors[0]).toMatch(/is Approved; only a report in 'Review Report'/);
  });

  it('refuses bad decisions in the envelope, changing nothing', async () => {
    const {
      ids: [id],
    } = await submittedFile();
    const cases: [unknown, RegExp][] = [
      [{ clientRequestId: id, decision: 'REJECT' }, /reason is required to reject/],
      [{ clientRequestId: id, decision: 'MAYBE' }, /decision must be 'APPROVE' or 'REJECT'/],
      [{ clientRequestId: id, decision: 'APPROVE', extra: true }, /Unexpected property 'extra'/],
      [{ clientRequestId: id, decision: 'APPROVE', reason: 12 }, /reason must be a string/],
      ['nope', /JSON object/],
    ];
    for (const [body, message] of cases) {
      const r = await post('/api/client/review-report', body);
      expect(r.status).toBe(400);
      expect(r.json.errors.join(' ')).toMatch(message);
    }
    expect((await post('/api/client/review-report', { clientRequestId: 'unknown', decision: 'APPROVE' })).status).toBe(404);
    const pending = await newFile([person()]);
    const notYet = await post('/api/client/review-report', { clientRequestId: pending.requests[0].clientRequestId, decision: 'APPROVE' });
    expect(notYet.status).toBe(400);
    const other = await t.app.bootstrap();
    expect((await post('/api/client/review-report', { clientRequestId: id, decision: 'APPROVE' }, other.token)).status).toBe(404);
    expect((await post('/api/client/verification-details', { clientRequestId: id })).json.data.requestStatus).toBe('Review Report');
  });
});

describe('transaction key', () => {
  it('gives a third party without an account a read-only view: clients, statuses and report summaries, no images, within the report lifetime', async () => {
    clock.set(start);
    const {
      file,
      ids: [id],
    } = await submittedFile();
    const view = await api(`${t.app.url}/api/casefile/transaction`, { body: { transactionKey: file.transactionKey } });
    expect(view.status).toBe(200);
    expect(view.json.data).toMatchObject({ fileName: file.fileName, fileStatus: 'Action Required', transactionKey: file.transactionKey });
    expect(view.json.data.clients).toHaveLength(1);
    const c = view.json.data.clients[0];
    expect(Object.keys(c)).toEqual([
      'clientRequestId',
      'firstName',
      'lastName',
      'requestStatus',
      'report',
      'reportExpired',
      'sampleReport',
      'clientVerifiedUntil',
    ]);
    expect(c.clientVerifiedUntil).toBeNull();
    expect(c).toMatchObject({
      clientRequestId: id,
      firstName: 'Grace',
      requestStatus: 'Review Report',
      reportExpired: false,
      sampleReport: false,
    });
    expect(Object.keys(c.report)).toEqual([
      'reportNumber',
      'identityAnalysisResult',
      'fraudAnalysisResult',
      'reviewStatusDate',
      'verificationReportExpiryDate',
      'reviewDecision',
      'reviewDecisionDate',
    ]);
    expect(view.text).not.toMatch(/base64|email|dateOfBirth|@example\.com/);
    expect((await api(`${t.app.url}/api/casefile/transaction`, { body: { transactionKey: 'TK-AAAAAAAAAAAAAAAAAAAA' } })).status).toBe(404);
    expect((await api(`${t.app.url}/api/casefile/transaction`, { body: { transactionKey: 'x' } })).status).toBe(400);
    expect((await api(`${t.app.url}/api/casefile/transaction`, { body: {} })).status).toBe(400);
    // Read-only: no way to change anything with the key.
    expect((await api(`${t.app.url}/api/client/review-report`, { body: { clientRequestId: id, decision: 'APPROVE' } })).status).toBe(401);
    await post('/api/client/review-report', { clientRequestId: id, decision: 'APPROVE' });
    const approved = await api(`${t.app.url}/api/casefile/transaction`, { body: { transactionKey: file.transactionKey } });
    expect(approved.json.data).toMatchObject({ fileStatus: 'In Progress' });
    expect(approved.json.data.clients[0]).toMatchObject({
      requestStatus: 'Approved',
      clientVerifiedUntil: '2027-03-24T12:00:00',
      report: { reviewDecision: 'Approved' },
    });
    clock.set(new Date(start.getTime() + 15 * DAY));
    const later = await api(`${t.app.url}/api/casefile/transaction`, { body: { transactionKey: file.transactionKey } });
    expect(later.json.data.clients[0]).toMatchObject({ report: null, reportExpired: true });
  });
});

describe('sandbox sample reports', () => {
  it('are refused for an account not in test mode', async () => {
    const other = await t.app.bootstrap();
    const f = await newFile([person()], other.token);
    const r = await post(
      '/api/client/generate-sample-report',
      { clientRequestId: f.requests[0].clientRequestId, criteria: { recommendationValue: 'APPROVE' } },
      other.token,
    );
    expect(r.status).toBe(403);
    expect(r.json).toMatchObject({ data: false });
    expect(r.json.errors[0]).toMatch(/test-mode account/);
  });

  it('APPROVE and REJECT make a report and the same state changes as a real submission', async () => {
    clock.set(start);
    const sandbox = await t.app.bootstrap();
    expect(
      (await api(`${t.app.url}/manage/v1/settings`, { token: sandbox.token, method: 'PATCH', body: { testMode: true } })).json.testMode,
    ).toBe(true);
    const f = await newFile([person(), person()], sandbox.token);
    const [a, b] = f.requests.map((r: any) => r.clientRequestId);
    const ok = await post(
      '/api/client/generate-sample-report',
      {
        clientRequestId: a,
        criteria: { id: { sessionId: 'string', mediaId01: 'string', mediaId02: 'string' }, recommendationValue: 'APPROVE' },
      },
      sandbox.token,
    );
    expect(ok.status).toBe(200);
    expect(ok.json.data).toBe(true);
    const info = (await post('/api/client/report-info', { clientRequestId: a }, sandbox.token)).json.data;
    expect(info).toMatchObject({
      identityAnalysisResult: 'Pass',
      fraudAnalysisResult: 'Pass',
      sampleReport: true,
      recommendation: { value: 'APPROVE', reason: null },
    });
    expect((await post('/api/client/verification-details', { clientRequestId: a }, sandbox.token)).json.data.requestStatus).toBe(
      'Review Report',
    );
    expect(
      await (async () =>
        (await post('/api/casefile/details', { fileReferenceId: f.fileReferenceId }, sandbox.token)).json.data.fileStatus)(),
    ).toBe('Action Required');
    // The link is used: the client's page says it is finished.
    const page = await fetch(f.requests[0].links[0].link);
    expect(await page.text()).toContain('Thank you');

    const badReason = await post(
      '/api/client/generate-sample-report',
      { clientRequestId: b, criteria: { recommendationValue: 'REJECT', recommendationReason: 'BECAUSE' } },
      sandbox.token,
    );
    expect(badReason.status).toBe(400);
    expect(badReason.json.errors[0]).toMatch(/recommendationReason must be one of: DOCUMENT_EXPIRED/);
    for (const inherited of ['toString', 'constructor', '__proto__', 'hasOwnProperty']) {
      const r = await post(
        '/api/client/generate-sample-report',
        { clientRequestId: b, criteria: { recommendationValue: 'REJECT', recommendationReason: inherited } },
        sandbox.token,
      );
      expect(r.status).toBe(400);
      expect(r.json.errors[0]).toMatch(/recommendationReason must be one of/);
    }
    expect((await post('/api/client/verification-details', { clientRequestId: b }, sandbox.token)).json.data.requestStatus).toBe('pending');
    const rejected = await post(
      '/api/client/generate-sample-report',
      { clientRequestId: b, criteria: { recommendationValue: 'REJECT', recommendationReason: 'DOCUMENT_TAMPERED' } },
      sandbox.token,
    );
    expect(rejected.json.data).toBe(true);
    const rInfo = (await post('/api/client/report-info', { clientRequestId: b }, sandbox.token)).json.data;
    expect(rInfo).toMatchObject({ identityAnalysisResult: 'Fail', fraudAnalysisResult: 'Fail' });
    expect(rInfo.checks.find((c: any) => c.name === 'mrzCheckDigits')).toMatchObject({ result: 'fail', highRisk: true });
    const pdf = await post('/api/client/verification-report', { clientRequestId: b }, sandbox.token);
    expect(Buffer.from(pdf.json.data.report, 'base64').subarray(0, 5).toString()).toBe('%PDF-');
    // A second sample for a request already in review is refused.
    const twice = await post(
      '/api/client/generate-sample-report',
      { clientRequestId: b, criteria: { recommendationValue: 'APPROVE' } },
      sandbox.token,
    );
    expect(twice.status).toBe(400);
    expect(twice.json.data).toBe(false);
  });

  it('approving a sample never verifies the client, even once test mode is off; every view says it is a sample', async () => {
    clock.set(start);
    const sandbox = await t.app.bootstrap();
    const settings = (testMode: boolean) =>
      api(`${t.app.url}/manage/v1/settings`, { token: sandbox.token, method: 'PATCH', body: { testMode } });
    expect((await settings(true)).status).toBe(200);
    const f = await newFile([person()], sandbox.token);
    const id = f.requests[0].clientRequestId;
    expect(
      (
        await post(
          '/api/client/generate-sample-report',
          { clientRequestId: id, criteria: { recommendationValue: 'APPROVE' } },
          sandbox.token,
        )
      ).status,
    ).toBe(200);
    expect((await settings(false)).json.testMode).toBe(false);

    const approved = await post('/api/client/review-report', { clientRequestId: id, decision: 'APPROVE' }, sandbox.token);
    expect(approved.status).toBe(200);
    expect(approved.json.data).toEqual({
      clientRequestId: id,
      requestStatus: 'Approved',
      reviewDecisionDate: '2026-03-24T12:00:00',
      clientVerifiedUntil: null,
      sampleReport: true,
    });
    const client = await db()
      .selectFrom('idv_clients as c')
      .innerJoin('client_requests as r', 'r.client_id', 'c.id')
      .select(['c.verified_at', 'c.verified_until'])
      .where('r.id', '=', id)
      .executeTakeFirstOrThrow();
    expect(client).toEqual({ verified_at: null, verified_until: null });

    const view = await api(`${t.app.url}/api/casefile/transaction`, { body: { transactionKey: f.transactionKey } });
    expect(view.json.data.clients[0]).toMatchObject({
      requestStatus: 'Approved',
      sampleReport: true,
      clientVerifiedUntil: null,
      report: { reviewDecision: 'Approved' },
    });
    expect((await post('/api/client/report-info', { clientRequestId: id }, sandbox.token)).json.data).toMatchObject({
      sampleReport: true,
      clientVerifiedUntil: null,
      reviewDecision: 'Approved',
    });
    expect((await post('/api/client/verification-report', { clientRequestId: id }, sandbox.token)).json.data).toMatchObject({
      sampleReport: true,
    });
  });
});
