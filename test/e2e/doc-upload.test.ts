import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { api, useTestApp } from '../support/app.ts';
import { VALID_BODIES } from '../support/bodies.ts';
import { GIF_1x1, makeJpeg, makePdf, makePng, makePolyglotPng, put, putTruncated } from '../support/fixtures.ts';
import { until } from '../support/wait.ts';
import { UNLIMITED } from '../support/abuse.ts';

let liveProgram: string;
const t = useTestApp({ TEST_REVIEW_DELAY_SECONDS: '1' });
beforeAll(async () => {
  const p = await api(`${t.app.url}/manage/v1/programs`, {
    token: t.demo.token,
    // These cases send one person many times from one address: the abuse limits are test/e2e/abuse.test.ts's.
    body: {
      name: 'Live',
      segment: 'student',
      testMode: false,
      staticCode: 'DOCS-OK',
      maxDocUploadAttempts: 2,
      openOrgSearchEnabled: true,
      abuse: UNLIMITED,
    },
  });
  liveProgram = p.json.id;
});

const blobFiles = () => {
  const dir = path.join(t.app.running.container.config.dataDir, 'blobs');
  return fs.existsSync(dir) ? fs.readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).length : 0;
};

/** A verification of `programId` that has reached docUpload. */
async function atDocUpload(programId = t.demo.programs.student, firstName = 'UPLOAD') {
  const created = await api(`${t.app.url}/rest/v2/verification`, { body: { programId } });
  // Test programs: the UPLOAD trigger; live programs: an organization typed by the person (id 0), which no data source can confirm.
  const organization = programId === liveProgram ? { id: 0, name: 'Night School' } : { id: 1, name: 'Any' };
  const r = await api(created.json.submissionUrl, { body: { ...VALID_BODIES.collectStudentPersonalInfo, firstName, organization } });
  expect(r.json.currentStep).toBe('docUpload');
  return r.json;
}

const status = async (id: string) => (await api(`${t.app.url}/rest/v2/verification/${id}`)).json;

async function declare(v: { submissionUrl: string }, files: { fileName: string; bytes: Buffer; mimeType: string }[]) {
  const r = await api(v.submissionUrl, {
    body: files.map((f) => ({ fileName: f.fileName, mimeType: f.mimeType, fileSize: f.bytes.length })),
  });
  expect(r.status).toBe(200);
  return r.json;
}

async function uploadAll(v: { submissionUrl: string }, files: { fileName: string; bytes: Buffer; mimeType: string }[]) {
  const declared = await declare(v, files);
  for (const [i, f] of files.entries()) {
    const r = await put(declared.documents[i].uploadUrl, f.bytes, { 'content-type': f.mimeType, 'content-length': String(f.bytes.length) });
    expect(r.status).toBe(200);
  }
  return declared;
}

describe('docUpload step', () => {
  it('answers the seed example request with one document per file, in order, and a completeDocUpload URL', async () => {
    const v = await atDocUpload();
    const seed = [
      { fileName: 'foo.jpg', mimeType: 'image/jpeg', fileSize: 1111 },
      { fileName: 'bar.png', mimeType: 'image/png', fileSize: 2222 },
    ];
    const r = await api(v.submissionUrl, { body: seed });
    expect(r.status).toBe(200);
    expect(r.json.currentStep).toBe('docUpload');
    expect(r.json.submissionUrl).toBe(`${t.app.url}/rest/v2/verification/${v.verificationId}/step/completeDocUpload`);
    expect(r.json.documents).toHaveLength(2);
    expect(r.json.documents.map((d: any) => [d.status, d.mimeType, d.fileSize, d.errors])).toEqual([
      ['PENDING', 'image/jpeg', 1111, []],
      ['PENDING', 'image/png', 2222, []],
    ]);
    expect(new Set(r.json.documents.map((d: any) => d.documentId)).size).toBe(2);
    for (const d of r.json.documents)
      expect(d.uploadUrl).toMatch(new RegExp(`^${t.app.url}/rest/v2/document/upload/vup_[A-Za-z0-9_-]{43}$`));
    const wrapped = await api(v.submissionUrl.replace('completeDocUpload', 'docUpload'), { body: { files: seed } });
    expect(wrapped.json.documents).toHaveLength(2);
  });

  it('reports bad files per document and changes nothing', async () => {
    const v = await atDocUpload();
    const before = await status(v.verificationId);
    const r = await api(v.submissionUrl, {
      body: [
        { fileName: 'a.jpg', mimeType: 'image/jpeg', fileSize: 0 },
        { fileName: 'b.png', mimeType: 'image/png', fileSize: 10_000_001 },
        { fileName: 'c.exe', mimeType: 'application/x-msdownload', fileSize: 10 },
      ],
    });
    expect(r.status).toBe(200);
    expect(r.json.currentStep).toBe('docUpload');
    expect(r.json.errorIds).toEqual(['invalidFileSizeEmpty', 'invalidFileSizeMax', 'unsupportedDocMimeType']);
    expect(r.json.documents.map((d: any) => d.errors)).toEqual([['ZERO_SIZE'], ['TOO_LARGE'], ['UNSUPPORTED_TYPE']]);
    expect(await status(v.verificationId)).toEqual(before);
    const six = await api(v.submissionUrl, {
      body: Array.from({ length: 6 }, (_, i) => ({ fileName: `${i}.png`, mimeType: 'image/png', fileSize: 10 })),
    });
    expect(six.status).toBe(400);
    expect(six.json).toMatchObject({ currentStep: 'error', errorIds: ['invalidNumberOfFiles'] });
    expect(await status(v.verificationId)).toEqual(before);
  });
});

describe('upload, review and decision', () => {
  it('stores JPEG, PNG and PDF bytes, goes pending, and a reviewer approves with a reward code', async () => {
    const v = await atDocUpload(liveProgram, 'Grace');
    const files = [
      { fileName: 'id-front.jpg', bytes: makeJpeg(), mimeType: 'image/jpeg' },
      { fileName: 'schedule.png', bytes: makePng(), mimeType: 'image/png' },
      { fileName: 'tuition.pdf', bytes: makePdf(), mimeType: 'application/pdf' },
    ];
    const blobsBefore = blobFiles();
    const declared = await uploadAll(v, files);
    expect(blobFiles()).toBe(blobsBefore + 3);
    const afterUpload = await status(v.verificationId);
    expect(afterUpload.documents.map((d: any) => d.status)).toEqual(['FINISHED', 'FINISHED', 'FINISHED']);

    const pending = await api(declared.submissionUrl, { method: 'POST', raw: '', headers: { 'content-type': 'application/json' } });
    expect(pending.status).toBe(200);
    expect(pending.json).toMatchObject({
      currentStep: 'pending',
      statusUrl: `${t.app.url}/rest/v2/verification/${v.verificationId}`,
      awaitingStep: 'docUpload',
      maxReviewTime: '20_MIN',
      estimatedReviewTime: 'A_FEW_MINUTES',
      lastResponse: { currentStep: 'docUpload', verificationId: v.verificationId, rejectionReasons: [] },
    });
    expect(pending.json.lastResponse.documents).toHaveLength(3);
    expect((await status(v.verificationId)).currentStep).toBe('pending');

    const queue = await api(`${t.app.url}/rest/v2/review/queue`, { token: t.demo.token });
    const entry = queue.json.find((q: any) => q.verificationId === v.verificationId);
    expect(entry.person).toMatchObject({ firstName: 'Grace', email: 'randy@example.com' });
    expect(entry.documents.map((d: any) => d.fileName)).toEqual(['id-front.jpg', 'schedule.png', 'tuition.pdf']);
    expect(entry.documents[0].fraudSignals).toMatchObject({ sameFileOtherPeople: 0, sameFileOtherAccounts: 0 });
    expect(entry.documents[0].fraudSignals.uploadsFromSameIpLastHour).toBeGreaterThanOrEqual(3);

    const doc = await fetch(`${t.app.url}/rest/v2/review/${v.verificationId}/document/${declared.documents[2].documentId}`, {
      headers: { authorization: `Bearer ${t.demo.token}` },
    });
    expect(doc.status).toBe(200);
    expect(doc.headers.get('x-content-type-options')).toBe('nosniff');
    expect(doc.headers.get('content-disposition')).toBe('attachment; filename="tuition.pdf"');
    expect(Buffer.from(await doc.arrayBuffer()).equals(files[2].bytes)).toBe(true);
    const accesses = await t.app.running.container.store.db
      .selectFrom('document_accesses')
      .selectAll()
      .where('document_id', '=', declared.documents[2].documentId)
      .execute();
    expect(accesses).toHaveLength(1);

    const approved = await api(`${t.app.url}/rest/v2/review/${v.verificationId}/decision`, {
      token: t.demo.token,
      body: { decision: 'APPROVE' },
    });
    expect(approved.json).toMatchObject({ currentStep: 'success', rewardCode: 'DOCS-OK' });
    expect((await status(v.verificationId)).currentStep).toBe('success');
    expect(blobFiles()).toBe(blobsBefore);
    const purged = await api(`${t.app.url}/rest/v2/review/${v.verificationId}/document/${declared.documents[2].documentId}`, {
      token: t.demo.token,
    });
    expect(purged.status).toBe(410);
    const again = await api(`${t.app.url}/rest/v2/review/${v.verificationId}/decision`, {
      token: t.demo.token,
      body: { decision: 'REJECT', rejectionReasons: ['DOCUMENT_EXPIRED'] },
    });
    expect(again.status).toBe(409);
  });

  it('accepts a PDF carrying JavaScript and an open action, and flags it for the reviewer only', async () => {
    const v = await atDocUpload(liveProgram, 'Paula');
    const scripted = makePdf('Enrollment letter', {
      catalog: '/OpenAction 6 0 R',
      objects: ['<< /S /JavaScript /JS (app.alert\\(1\\)) >>'],
    });
    const declared = await uploadAll(v, [
      { fileName: 'letter.pdf', bytes: scripted, mimeType: 'application/pdf' },
      { fileName: 'plain.pdf', bytes: makePdf('Plain letter'), mimeType: 'application/pdf' },
    ]);
    const seen = await status(v.verificationId);
    expect(seen.documents.map((d: any) => d.status)).toEqual(['FINISHED', 'FINISHED']);
    expect(seen.documents[0]).not.toHaveProperty('flags');
    expect((await api(declared.submissionUrl, { method: 'POST' })).json.currentStep).toBe('pending');

    const queue = await api(`${t.app.url}/rest/v2/review/queue`, { token: t.demo.token });
    const entry = queue.json.find((q: any) => q.verificationId === v.verificationId);
    expect(entry.documents.map((d: any) => [d.fileName, d.flags])).toEqual([
      ['letter.pdf', ['PDF_OPEN_ACTION', 'PDF_JAVASCRIPT']],
      ['plain.pdf', []],
    ]);
    const doc = await fetch(`${t.app.url}/rest/v2/review/${v.verificationId}/document/${declared.documents[0].documentId}`, {
      headers: { authorization: `Bearer ${t.demo.token}` },
    });
    expect(doc.headers.get('document-flags')).toBe('PDF_OPEN_ACTION, PDF_JAVASCRIPT');
    expect(Buffer.from(await doc.arrayBuffer()).equals(scripted)).toBe(true);
    const plain = await fetch(`${t.app.url}/rest/v2/review/${v.verificationId}/document/${declared.documents[1].documentId}`, {
      headers: { authorization: `Bearer ${t.demo.token}` },
    });
    expect(plain.headers.get('document-flags')).toBeNull();
  });

  it('refuses completeDocUpload while a declared file is missing (recoverable)', async () => {
    const v = await atDocUpload();
    const declared = await declare(v, [{ fileName: 'a.png', bytes: makePng(), mimeType: 'image/png' }]);
    const r = await api(declared.submissionUrl, { method: 'POST' });
    expect(r.status).toBe(200);
    expect(r.json).toMatchObject({ currentStep: 'docUpload', errorIds: ['noValidFiles'] });
    expect((await status(v.verificationId)).currentStep).toBe('docUpload');
  });

  it('sends a rejection back to docUpload with its reasons, then ends after the last attempt', async () => {
    const v = await atDocUpload(liveProgram, 'Rita');
    for (let attempt = 1; attempt <= 2; attempt++) {
      const current = await status(v.verificationId);
      const declared = await uploadAll({ submissionUrl: current.submissionUrl }, [
        { fileName: `try${attempt}.gif`, bytes: GIF_1x1, mimeType: 'image/gif' },
      ]);
      expect((await api(declared.submissionUrl, { method: 'POST' })).json.currentStep).toBe('pending');
      const bad = await api(`${t.app.url}/rest/v2/review/${v.verificationId}/decision`, {
        token: t.demo.token,
        body: { decision: 'REJECT', rejectionReasons: ['NOT_A_REASON'] },
      });
      expect(bad.status).toBe(400);
      const rejected = await api(`${t.app.url}/rest/v2/review/${v.verificationId}/decision`, {
        token: t.demo.token,
        body: { decision: 'REJECT', rejectionReasons: ['DOCUMENT_EXPIRED', 'MISMATCH_PERSON_FIRST_NAME'] },
      });
      if (attempt === 1) {
        expect(rejected.json).toMatchObject({
          currentStep: 'docUpload',
          rejectionReasons: ['DOCUMENT_EXPIRED', 'MISMATCH_PERSON_FIRST_NAME'],
          documents: [],
        });
        expect(rejected.json.submissionUrl).toMatch(/\/step\/docUpload$/);
      } else {
        expect(rejected.json).toMatchObject({ currentStep: 'error', errorIds: ['docReviewLimitExceeded'] });
      }
    }
  });

  it('lets exactly one of two simultaneous decisions win', async () => {
    const v = await atDocUpload(liveProgram, 'Dora');
    const declared = await uploadAll(v, [{ fileName: 'x.png', bytes: makePng(), mimeType: 'image/png' }]);
    await api(declared.submissionUrl, { method: 'POST' });
    const results = await Promise.all([
      api(`${t.app.url}/rest/v2/review/${v.verificationId}/decision`, { token: t.demo.token, body: { decision: 'APPROVE' } }),
      api(`${t.app.url}/rest/v2/review/${v.verificationId}/decision`, {
        token: t.demo.token,
        body: { decision: 'REJECT', rejectionReasons: ['DOCUMENT_UNREADABLE'] },
      }),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
    const winner = results.find((r) => r.status === 200)!;
    expect((await status(v.verificationId)).currentStep).toBe(winner.json.currentStep);
    const decisions = await t.app.running.container.store.db
      .selectFrom('review_decisions')
      .selectAll()
      .where('verification_id', '=', v.verificationId)
      .execute();
    expect(decisions).toHaveLength(1);
  });

  it('keeps reviews to the REVIEWER role and to the account', async () => {
    const verifier = await api(`${t.app.url}/manage/v1/tokens`, { token: t.demo.token, body: { name: 'v', roles: ['VERIFIER'] } });
    expect((await api(`${t.app.url}/rest/v2/review/queue`, { token: verifier.json.token })).status).toBe(403);
    expect((await api(`${t.app.url}/rest/v2/review/queue`)).status).toBe(401);
    const other = await t.app.bootstrap();
    const v = await atDocUpload(liveProgram, 'Iris');
    const declared = await uploadAll(v, [{ fileName: 'x.png', bytes: makePng(), mimeType: 'image/png' }]);
    await api(declared.submissionUrl, { method: 'POST' });
    const queue = await api(`${t.app.url}/rest/v2/review/queue`, { token: other.token });
    expect(queue.json.find((q: any) => q.verificationId === v.verificationId)).toBeUndefined();
    const steal = await api(`${t.app.url}/rest/v2/review/${v.verificationId}/decision`, {
      token: other.token,
      body: { decision: 'APPROVE' },
    });
    expect(steal.status).toBe(404);
    const peek = await api(`${t.app.url}/rest/v2/review/${v.verificationId}/document/${declared.documents[0].documentId}`, {
      token: other.token,
    });
    expect(peek.status).toBe(404);
    expect((await status(v.verificationId)).currentStep).toBe('pending');
  });
});

describe('bad uploads are refused and keep nothing', () => {
  let v: any;
  let declared: any;
  const png = makePng();
  beforeAll(async () => {
    v = await atDocUpload();
    declared = await declare(v, [{ fileName: 'p.png', bytes: png, mimeType: 'image/png' }]);
  });
  const url = () => declared.documents[0].uploadUrl as string;
  const unchanged = async () => {
    const s = await status(v.verificationId);
    expect(s.documents[0].status).toBe('PENDING');
  };

  it('a Content-Type other than the declared one', async () => {
    const before = blobFiles();
    expect((await put(url(), png, { 'content-type': 'image/jpeg', 'content-length': String(png.length) })).status).toBe(400);
    expect(blobFiles()).toBe(before);
    await unchanged();
  });
  it('a Content-Length other than the declared one, or none', async () => {
    const bigger = Buffer.concat([png, Buffer.alloc(100)]);
    expect((await put(url(), bigger, { 'content-type': 'image/png', 'content-length': String(bigger.length) })).status).toBe(400);
    expect((await put(url(), png, { 'content-type': 'image/png', 'transfer-encoding': 'chunked' })).status).toBe(411);
    await unchanged();
  });
  it('bytes that are not the declared type', async () => {
    const jpegBytes = makeJpeg();
    const d = await declare(v, [{ fileName: 'fake.png', bytes: jpegBytes, mimeType: 'image/png' }]);
    const r = await put(d.documents[0].uploadUrl, jpegBytes, { 'content-type': 'image/png', 'content-length': String(jpegBytes.length) });
    expect(r.status).toBe(415);
    expect(r.json.errorIds).toEqual(['unsupportedDocMimeType']);
    declared = await declare(v, [{ fileName: 'p.png', bytes: png, mimeType: 'image/png' }]);
  });
  it('a polyglot (an image carrying a PDF)', async () => {
    const poly = makePolyglotPng();
    const d = await declare(v, [{ fileName: 'poly.png', bytes: poly, mimeType: 'image/png' }]);
    const before = blobFiles();
    const r = await put(d.documents[0].uploadUrl, poly, { 'content-type': 'image/png', 'content-length': String(poly.length) });
    expect(r.status).toBe(415);
    expect(blobFiles()).toBe(before);
    declared = await declare(v, [{ fileName: 'p.png', bytes: png, mimeType: 'image/png' }]);
  });
  it('an image with a script in its middle, far from its first and last KiB', async () => {
    const pad = 'x'.repeat(4096);
    const poly = makePolyglotPng(`${pad}<ScRiPt>alert(1)</script>${pad}`);
    const d = await declare(v, [{ fileName: 'poly.png', bytes: poly, mimeType: 'image/png' }]);
    const before = blobFiles();
    const r = await put(d.documents[0].uploadUrl, poly, { 'content-type': 'image/png', 'content-length': String(poly.length) });
    expect(r.status).toBe(415);
    expect(r.json.errorIds).toEqual(['unsupportedDocMimeType']);
    expect(blobFiles()).toBe(before);
    expect((await status(v.verificationId)).documents[0].status).toBe('PENDING');
    declared = await declare(v, [{ fileName: 'p.png', bytes: png, mimeType: 'image/png' }]);
  });
  it('a truncated body, after which the same URL still takes the whole file', async () => {
    const before = blobFiles();
    await putTruncated(url(), png, 'image/png', Math.floor(png.length / 2));
    // The server removes the partial file once it sees the connection end; wait for that, not for a time
    // (under load the removal can come a moment after the answer).
    const tmp = path.join(t.app.running.container.config.dataDir, 'blobs', 'tmp');
    await until(
      async () => ({ files: blobFiles(), partial: fs.readdirSync(tmp) }),
      (now) => now.files === before && now.partial.length === 0,
    );
    await unchanged();
    expect((await put(url(), png, { 'content-type': 'image/png', 'content-length': String(png.length) })).status).toBe(200);
  });
  it('a reused URL and an expired URL', async () => {
    const reused = await put(url(), png, { 'content-type': 'image/png', 'content-length': String(png.length) });
    expect(reused.status).toBe(404);
    expect(reused.json.errorIds).toEqual(['invalidDocUploadToken']);
    const d = await declare(v, [{ fileName: 'late.png', bytes: png, mimeType: 'image/png' }]);
    await t.app.running.container.store.db
      .updateTable('documents')
      .set({ upload_expires_at: new Date(Date.now() - 1000) })
      .where('id', '=', d.documents[0].documentId)
      .execute();
    const expired = await put(d.documents[0].uploadUrl, png, { 'content-type': 'image/png', 'content-length': String(png.length) });
    expect(expired.status).toBe(410);
  });
});

describe('a verification that ends takes no more files', () => {
  const png = makePng();
  const send = (url: string) => put(url, png, { 'content-type': 'image/png', 'content-length': String(png.length) });

  it('an upload URL not yet used stops working once its verification is expired, or its person data purged', async () => {
    for (const end of ['expire', 'purgePersonData']) {
      const v = await atDocUpload();
      const d = await declare(v, [{ fileName: 'late.png', bytes: png, mimeType: 'image/png' }]);
      const ended = await api(`${t.app.url}/rest/v2/verification/${v.verificationId}/${end}`, { token: t.demo.token, method: 'POST' });
      expect(ended.status, ended.text).toBe(200);
      const before = blobFiles();
      const r = await send(d.documents[0].uploadUrl);
      expect(r.status, JSON.stringify(r.json)).toBe(410);
      expect(r.json.errorIds).toEqual(['invalidDocUploadToken']);
      expect(blobFiles()).toBe(before);
      expect((await status(v.verificationId)).currentStep).toBe('error');
    }
  });

  it('so does one of a cancelled document upload; a verification still on docUpload keeps its URLs', async () => {
    const open = await atDocUpload();
    const kept = await declare(open, [{ fileName: 'kept.png', bytes: png, mimeType: 'image/png' }]);
    const v = await atDocUpload();
    const d = await declare(v, [{ fileName: 'late.png', bytes: png, mimeType: 'image/png' }]);
    const cancelled = await api(`${t.app.url}/rest/v2/verification/${v.verificationId}/step/docUpload`, { method: 'DELETE' });
    expect(cancelled.status, cancelled.text).toBe(200);
    expect((await send(d.documents[0].uploadUrl)).status).toBe(410);
    expect((await send(kept.documents[0].uploadUrl)).status).toBe(200);
  });
});

describe('test-mode document names', () => {
  for (const [fileName, expected] of [
    ['approve_sheerID_docReview_testMode.png', 'success'],
    ['reject_sheerID_docReview_testMode.png', 'docUpload'],
    ['needs_review_sheerID_docReview_testMode.png', 'pending'],
  ] as const) {
    it(`${fileName} leads to ${expected} after the delay`, async () => {
      const v = await atDocUpload();
      const declared = await uploadAll(v, [{ fileName, bytes: makePng(), mimeType: 'image/png' }]);
      expect((await api(declared.submissionUrl, { method: 'POST' })).json.currentStep).toBe('pending');
      expect((await status(v.verificationId)).currentStep).toBe('pending');
      await new Promise((r) => setTimeout(r, 1200));
      const after = await status(v.verificationId);
      expect(after.currentStep).toBe(expected);
      if (expected === 'docUpload') expect(after.rejectionReasons.length).toBeGreaterThan(0);
    });
  }
});

describe('declaration and decision bodies refused by their schemas, changing nothing', () => {
  const refusal = (r: Awaited<ReturnType<typeof api>>, message: string) => {
    expect(r.status, r.text).toBe(400);
    expect(r.json).toMatchObject({ currentStep: 'error', errorIds: ['invalidRequest'], systemErrorMessage: message });
  };

  it('a declaration names the file and the property; a file of a refused type stays a recoverable error', async () => {
    const v = await atDocUpload();
    const before = await status(v.verificationId);
    const file = { fileName: 'a.png', mimeType: 'image/png', fileSize: 10 };
    const bad = await api(v.submissionUrl, { body: [file, { ...file, checksum: 'x' }] });
    refusal(bad, "Unexpected property 'checksum' in file 2, expected one of: fileName, mimeType, fileSize");
    expect(bad.json.verificationId).toBe(v.verificationId);
    refusal(await api(v.submissionUrl, { body: { files: [file], note: 'x' } }), "Unexpected property 'note', expected one of: files");
    refusal(await api(v.submissionUrl, { body: [{ ...file, fileSize: 1.5 }] }), 'File 1: fileSize must be an integer number of bytes');
    refusal(
      await api(v.submissionUrl, { body: [{ ...file, fileName: 'a/b.png' }] }),
      'File 1: fileName must be a plain file name of 1 to 255 characters',
    );
    expect(await status(v.verificationId)).toEqual(before);
    const recoverable = await api(v.submissionUrl, { body: { files: [{ ...file, mimeType: 'image/webp' }] } });
    expect(recoverable.json).toMatchObject({ currentStep: 'docUpload', errorIds: ['unsupportedDocMimeType'] });

    const declared = await declare(v, [{ fileName: 'p.png', bytes: makePng(), mimeType: 'image/png' }]);
    refusal(await api(declared.submissionUrl, { body: { done: true } }), 'completeDocUpload takes an empty body');
    expect((await status(v.verificationId)).currentStep).toBe('docUpload');
  });

  it('a decision names what is wrong with it; the verification stays pending until a good one, whose reasons are kept once each', async () => {
    const v = await atDocUpload(liveProgram, 'Nora');
    const declared = await uploadAll(v, [{ fileName: 'n.png', bytes: makePng(), mimeType: 'image/png' }]);
    expect((await api(declared.submissionUrl, { method: 'POST' })).json.currentStep).toBe('pending');
    const decide = (body: unknown) => api(`${t.app.url}/rest/v2/review/${v.verificationId}/decision`, { token: t.demo.token, body });
    refusal(await decide({ decision: 'MAYBE' }), "decision must be 'APPROVE' or 'REJECT'");
    refusal(await decide({ decision: 'APPROVE', note: 'ok' }), "Unexpected property 'note', expected one of: decision, rejectionReasons");
    refusal(await decide({ decision: 'APPROVE', rejectionReasons: ['DOCUMENT_EXPIRED'] }), 'An approval carries no rejectionReasons');
    refusal(await decide({ decision: 'REJECT', rejectionReasons: [] }), 'A rejection needs at least one of the rejectionReasons');
    refusal(await decide({ decision: 'REJECT', rejectionReasons: ['DOCUMENT_EXPIRED', 'NOPE'] }), 'Unknown rejection reason "NOPE"');
    refusal(await decide([]), 'Request body must be a JSON object');
    expect((await status(v.verificationId)).currentStep).toBe('pending');
    const rejected = await decide({ decision: 'REJECT', rejectionReasons: ['DOCUMENT_EXPIRED', 'DOCUMENT_EXPIRED'] });
    expect(rejected.json).toMatchObject({ currentStep: 'docUpload', rejectionReasons: ['DOCUMENT_EXPIRED'] });
  });
});
