import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSecretBox } from '../../src/platform/crypto/index.ts';
import { VALID_BODIES } from '../support/bodies.ts';
import { api, startTestApp, type Demo, type TestApp } from '../support/app.ts';
import { startSmtpSink, type SmtpSink } from '../support/smtp-sink.ts';
import { until } from '../support/wait.ts';

// One retry, at once: a job that keeps failing gives up within a few polls.
let app: TestApp;
let sink: SmtpSink;
beforeAll(async () => {
  sink = await startSmtpSink();
  app = await startTestApp({ SMTP_URL: sink.url, JOB_RETRY_LIMIT: '1', JOB_RETRY_DELAY_SECONDS: '0' });
});
afterAll(async () => {
  await app?.close();
  await sink?.close();
});

/** Data encrypted under another key, as rows written before a SECRET_KEY change: no run can ever read it. */
const foreignBox = createSecretBox(randomBytes(32));

async function studentVerification(demo: Demo) {
  const programId = demo.programs.student;
  const created = await api(`${app.url}/rest/v2/verification`, { body: { programId, metadata: { campaign: 'spring' } } });
  const submitted = await api(created.json.submissionUrl, { body: VALID_BODIES.collectStudentPersonalInfo });
  expect(submitted.json.currentStep).toBe('success');
  return { programId, verificationId: created.json.verificationId as string };
}

const db = () => app.running.container.store.db;
const get = (url: string, token: string) => api(url, { token });
/** Polls a report's download until it stops answering 202 (a report stuck pending would time out here). */
const settled = (reportId: string, token: string) =>
  until(
    () => get(`${app.url}/rest/v2/report/${reportId}`, token),
    (r) => r.status !== 202,
  );

async function requestReport(demo: Demo, programId: string) {
  const r = await api(`${app.url}/rest/v2/report/verification`, {
    token: demo.token,
    body: { format: 'CSV', programIds: [programId], verificationModeInclusion: 'ALL' },
  });
  expect(r.json.status).toBe('PENDING');
  return r.json.id as string;
}

describe('jobs that give up end what they were making, with the reason the API shows', () => {
  it('a verification report over data PostgreSQL refuses (SQLSTATE 22) is ERROR with the reason, not 202 for ever', async () => {
    const demo = await app.bootstrap();
    const { programId, verificationId } = await studentVerification(demo);
    // Metadata stored before input was checked for lone UTF-16 surrogates: the key is fine in JavaScript,
    // but PostgreSQL refuses it in the report's JSON parameters (22P02), on every attempt.
    await db()
      .updateTable('verifications')
      .set({ metadata_enc: app.running.container.box.encryptJson({ 'bad\ud800key': 'x' }) })
      .where('id', '=', verificationId)
      .execute();

    const reportId = await requestReport(demo, programId);
    const download = await settled(reportId, demo.token);
    expect(download.status).toBe(410);
    const expected = {
      id: reportId,
      status: 'ERROR',
      statusUrl: `${app.url}/rest/v2/report/${reportId}/status`,
      retrievalUrl: null,
      requester: expect.any(String),
      created: expect.any(Number),
      failureReason: expect.stringMatching(
        /^The report could not be prepared: the database refused a value it holds \(SQLSTATE 22P02\); retrying cannot help$/,
      ),
    };
    expect(download.json).toEqual(expected);
    const status = await get(`${app.url}/rest/v2/report/${reportId}/status`, demo.token);
    expect(status.status).toBe(200);
    expect(status.json).toEqual(expected);
  });

  it('a verification report whose job keeps failing is ERROR once its retries are used up', async () => {
    const demo = await app.bootstrap();
    const { programId, verificationId } = await studentVerification(demo);
    await db()
      .updateTable('verifications')
      .set({ metadata_enc: foreignBox.encryptJson({ campaign: 'spring' }) })
      .where('id', '=', verificationId)
      .execute();

    const reportId = await requestReport(demo, programId);
    const download = await settled(reportId, demo.token);
    expect(download.status).toBe(410);
    expect(download.json).toMatchObject({ id: reportId, status: 'ERROR', retrievalUrl: null });
    // The reason names the error's kind, never its message (which can quote stored data).
    expect(download.json.failureReason).toBe(
      'The report could not be prepared: it kept failing until its retries were used up (last error: Error)',
    );
  });

  it('a re-verification batch whose job gives up is FAILED with the reason, and its report is ERROR', async () => {
    const demo = await app.bootstrap();
    const { programId, verificationId } = await studentVerification(demo);
    const good = await studentVerification(demo);
    await db()
      .updateTable('verifications')
      .set({ person_enc: foreignBox.encryptJson(VALID_BODIES.collectStudentPersonalInfo) })
      .where('id', '=', verificationId)
      .execute();

    const batch = await api(`${app.url}/rest/v2/verification/reverify`, {
      token: demo.token,
      body: { programId, verificationIds: [good.verificationId, verificationId] },
    });
    expect(batch.status).toBe(200);
    const report = await api(batch.json.reportUrl, { token: demo.token, method: 'POST' });
    expect(report.json.status).toBe('PENDING');

    const status = await until(
      () => get(batch.json.statusUrl, demo.token),
      (r) => !['PENDING', 'RUNNING'].includes(r.json.status),
    );
    expect(status.json).toEqual({
      batchId: batch.json.batchId,
      created: expect.any(Number),
      status: 'FAILED',
      totalRecords: 2,
      recordsProcessed: 0,
      failureReason: 'The batch could not be processed: it kept failing until its retries were used up (last error: Error)',
    });
    const download = await settled(report.json.id, demo.token);
    expect(download.status).toBe(410);
    expect(download.json).toMatchObject({
      status: 'ERROR',
      failureReason: `The re-verification batch failed: ${status.json.failureReason}`,
    });
    // A report asked for after the batch failed fails as well.
    const later = await api(batch.json.reportUrl, { token: demo.token, method: 'POST' });
    expect((await settled(later.json.id, demo.token)).json).toMatchObject({
      status: 'ERROR',
      failureReason: `The re-verification batch failed: ${status.json.failureReason}`,
    });
  });

  it('a link mail the SMTP server keeps refusing gives up: file event 207 with the reason, the mail shown failed, its URL kept for the next round', async () => {
    const demo = await app.bootstrap();
    sink.failNext(1_000);
    try {
      const created = await api(`${app.url}/api/client/create-verification-request`, {
        token: demo.token,
        body: {
          requesterReferenceId: `JOB-FAIL-${Date.now()}`,
          clients: [{ firstName: 'Mia', lastName: 'Doe', email: 'mia@example.com', phoneNumber: '+1 604 555 0100' }],
        },
      });
      expect(created.status).toBe(200);
      const {
        fileReferenceId,
        requests: [request],
      } = created.json.data;
      const events = await until(
        () => api(`${app.url}/api/casefile/events`, { token: demo.token, body: { fileReferenceId } }),
        (r) => r.json.data.some((e: { eventId: number }) => e.eventId === 207),
      );
      expect(events.json.data.find((e: { eventId: number }) => e.eventId === 207)).toMatchObject({
        clientRequestId: request.clientRequestId,
        message: expect.stringMatching(
          /^The verification link could not be emailed to the client: it kept failing until its retries were used up \(last error: [A-Z]+, server reply 451\)$/,
        ),
      });
      const details = await api(`${app.url}/api/client/verification-details`, {
        token: demo.token,
        body: { clientRequestId: request.clientRequestId },
      });
      expect(details.json.data.links).toEqual([{ ...request.links[0], link: null, mailStatus: 'failed' }]);
      // The URL stays encrypted, so that a later round (or the server coming back) can still send it.
      const link = await db()
        .selectFrom('request_links')
        .select(['url_enc', 'mail_sent_at', 'mail_failures'])
        .where('id', '=', request.links[0].id)
        .executeTakeFirstOrThrow();
      expect(link).toMatchObject({ url_enc: expect.any(String), mail_sent_at: null, mail_failures: 1 });
      expect(app.running.container.box.decrypt(link.url_enc!)).toBe(request.links[0].link);
    } finally {
      sink.failNext(0);
    }
  });
});
