import { describe, expect, it } from 'vitest';
import { api, type Demo, useTestApp } from '../support/app.ts';
import { VALID_BODIES } from '../support/bodies.ts';
import { makeJpeg, makePdf, put } from '../support/fixtures.ts';
import { asJpeg, asPng, card, pdfDate, pdfWith, resize, withExifSoftware } from '../fixtures/documents/pictures.ts';

const t = useTestApp();

/** An account of its own (so other cases' uploads are not its earlier documents) with a live program. */
async function liveAccount() {
  const demo = await t.app.bootstrap();
  const p = await api(`${t.app.url}/manage/v1/programs`, {
    token: demo.token,
    body: { name: 'Live', segment: 'student', testMode: false, staticCode: 'DOCS-OK', maxDocUploadAttempts: 2, openOrgSearchEnabled: true },
  });
  expect(p.status).toBe(201);
  return { demo, programId: p.json.id as string };
}

type File = { fileName: string; bytes: Buffer; mimeType: string };

/** A verification of `firstName` (the same name is the same person) that uploads `files` and goes pending. */
async function submit(account: { programId: string }, firstName: string, files: File[]) {
  const created = await api(`${t.app.url}/rest/v2/verification`, { body: { programId: account.programId } });
  const v = await api(created.json.submissionUrl, {
    body: { ...VALID_BODIES.collectStudentPersonalInfo, firstName, organization: { id: 0, name: 'Night School' } },
  });
  expect(v.json.currentStep).toBe('docUpload');
  const declared = await api(v.json.submissionUrl, {
    body: files.map((f) => ({ fileName: f.fileName, mimeType: f.mimeType, fileSize: f.bytes.length })),
  });
  expect(declared.status).toBe(200);
  const answers = [];
  for (const [i, f] of files.entries()) {
    const r = await put(declared.json.documents[i].uploadUrl, f.bytes, {
      'content-type': f.mimeType,
      'content-length': String(f.bytes.length),
    });
    expect(r.status).toBe(200);
    answers.push(r.json);
  }
  expect((await api(declared.json.submissionUrl, { method: 'POST' })).json.currentStep).toBe('pending');
  return {
    verificationId: v.json.verificationId as string,
    documentIds: declared.json.documents.map((d: any) => d.documentId) as string[],
    answers,
  };
}

async function reviewed(demo: Demo, verificationId: string) {
  const queue = await api(`${t.app.url}/rest/v2/review/queue?limit=200`, { token: demo.token });
  expect(queue.status).toBe(200);
  return queue.json.find((q: any) => q.verificationId === verificationId)?.documents as any[];
}

const others = (doc: any) => doc.fraudSignals.sameDocumentElsewhere.map((m: any) => [m.verificationId, m.kind]);

describe('the same document for different people', () => {
  it('flags both uploads of the same bytes and names the other verification on each side', async () => {
    const a = await liveAccount();
    const bytes = asJpeg(card(21));
    const first = await submit(a, 'Alice', [{ fileName: 'id.jpg', bytes, mimeType: 'image/jpeg' }]);
    const second = await submit(a, 'Bruno', [{ fileName: 'card.jpg', bytes, mimeType: 'image/jpeg' }]);
    const [one] = await reviewed(a.demo, first.verificationId);
    const [two] = await reviewed(a.demo, second.verificationId);
    expect(one.flags).toEqual(['DUPLICATE_DOCUMENT']);
    expect(two.flags).toEqual(['DUPLICATE_DOCUMENT']);
    expect(others(one)).toEqual([[second.verificationId, 'DUPLICATE_DOCUMENT']]);
    expect(others(two)).toEqual([[first.verificationId, 'DUPLICATE_DOCUMENT']]);
    expect(two.fraudSignals.sameDocumentElsewhere[0]).toMatchObject({ documentId: first.documentIds[0], distance: 0 });
    // The uploader sees none of it: not in the upload's answer, not in the verification's status.
    expect(second.answers[0]).not.toHaveProperty('flags');
    const status = await api(`${t.app.url}/rest/v2/verification/${second.verificationId}`);
    expect(JSON.stringify(status.json)).not.toMatch(/DUPLICATE|sameDocument/);
  });

  it('flags both of two simultaneous uploads of the same bytes', async () => {
    const a = await liveAccount();
    const bytes = asJpeg(card(24));
    const atUpload = async (firstName: string) => {
      const created = await api(`${t.app.url}/rest/v2/verification`, { body: { programId: a.programId } });
      const v = await api(created.json.submissionUrl, {
        body: { ...VALID_BODIES.collectStudentPersonalInfo, firstName, organization: { id: 0, name: 'Night School' } },
      });
      const declared = await api(v.json.submissionUrl, { body: [{ fileName: 'id.jpg', mimeType: 'image/jpeg', fileSize: bytes.length }] });
      return { verificationId: v.json.verificationId as string, declared: declared.json };
    };
    const [x, y] = [await atUpload('Kofi'), await atUpload('Lena')];
    const headers = { 'content-type': 'image/jpeg', 'content-length': String(bytes.length) };
    const puts = await Promise.all([x, y].map((v) => put(v.declared.documents[0].uploadUrl, bytes, headers)));
    expect(puts.map((r) => r.status)).toEqual([200, 200]);
    for (const v of [x, y]) expect((await api(v.declared.submissionUrl, { method: 'POST' })).json.currentStep).toBe('pending');
    expect(others((await reviewed(a.demo, x.verificationId))[0])).toEqual([[y.verificationId, 'DUPLICATE_DOCUMENT']]);
    expect(others((await reviewed(a.demo, y.verificationId))[0])).toEqual([[x.verificationId, 'DUPLICATE_DOCUMENT']]);
  });

  it('flags a resized, re-encoded copy of a picture, and neither a different picture nor the same person again', async () => {
    const a = await liveAccount();
    const picture = card(22, 400, 250);
    const first = await submit(a, 'Carla', [{ fileName: 'id.jpg', bytes: asJpeg(picture, 90), mimeType: 'image/jpeg' }]);
    const copy = await submit(a, 'Dmitri', [{ fileName: 'id.png', bytes: asPng(resize(picture, 360, 225)), mimeType: 'image/png' }]);
    const different = await submit(a, 'Erin', [{ fileName: 'id.jpg', bytes: asJpeg(card(23, 400, 250)), mimeType: 'image/jpeg' }]);
    const samePerson = await submit(a, 'Erin', [{ fileName: 'again.jpg', bytes: asJpeg(card(23, 400, 250), 60), mimeType: 'image/jpeg' }]);

    const [c] = await reviewed(a.demo, copy.verificationId);
    expect(c.flags).toEqual(['NEAR_DUPLICATE_IMAGE']);
    expect(others(c)).toEqual([[first.verificationId, 'NEAR_DUPLICATE_IMAGE']]);
    expect(c.fraudSignals.sameDocumentElsewhere[0].distance).toBeLessThanOrEqual(10);
    const [f] = await reviewed(a.demo, first.verificationId);
    expect(others(f)).toEqual([[copy.verificationId, 'NEAR_DUPLICATE_IMAGE']]);
    expect((await reviewed(a.demo, different.verificationId))[0].flags).toEqual([]);
    expect((await reviewed(a.demo, samePerson.verificationId))[0].flags).toEqual([]);
  });

  it('never compares with another account: the same bytes there flag nothing, and no id of it is shown', async () => {
    const a = await liveAccount();
    const b = await liveAccount();
    const bytes = makeJpeg(48, 32);
    const inA = await submit(a, 'Farah', [{ fileName: 'id.jpg', bytes, mimeType: 'image/jpeg' }]);
    const inB = await submit(b, 'Goran', [{ fileName: 'id.jpg', bytes, mimeType: 'image/jpeg' }]);
    expect((await reviewed(a.demo, inA.verificationId))[0].flags).toEqual([]);
    const [doc] = await reviewed(b.demo, inB.verificationId);
    expect(doc.flags).toEqual([]);
    expect(doc.fraudSignals.sameDocumentElsewhere).toEqual([]);
    expect(await reviewed(b.demo, inA.verificationId)).toBeUndefined();
  });
});

describe('signs of a made document', () => {
  it('flags a PDF from an HTML renderer, dated minutes before its upload, of a screen-sized page, and tells the reviewer only', async () => {
    const a = await liveAccount();
    const now = new Date(Date.now() - 3 * 60_000);
    const made = pdfWith(
      { Producer: '(Qt 4.8.7)', Creator: '(wkhtmltopdf 0.12.6)', CreationDate: pdfDate(now), ModDate: pdfDate(now) },
      [1080, 1920],
    );
    const scanned = pdfWith({ Producer: '(Epson Scan 2)', CreationDate: "(D:20240105093000+01'00')" }, [595, 842]);
    const v = await submit(a, 'Hana', [
      { fileName: 'letter.pdf', bytes: made, mimeType: 'application/pdf' },
      { fileName: 'scan.pdf', bytes: scanned, mimeType: 'application/pdf' },
      { fileName: 'plain.pdf', bytes: makePdf('Nothing to see'), mimeType: 'application/pdf' },
    ]);
    expect(v.answers[0]).toEqual({ documentId: v.documentIds[0], status: 'FINISHED', fileSize: made.length, sha256: expect.any(String) });
    const [letter, scan, plain] = await reviewed(a.demo, v.verificationId);
    expect(letter.flags).toEqual(['EDITED_WITH_SOFTWARE', 'MADE_JUST_BEFORE_UPLOAD', 'IMPLAUSIBLE_PAGE_SIZE']);
    expect(letter.signals).toEqual({
      editedWith: ['wkhtmltopdf'],
      minutesBeforeUpload: expect.any(Number),
      implausiblePageSizes: [{ width: 1080, height: 1920 }],
    });
    expect(letter.signals.minutesBeforeUpload).toBeGreaterThanOrEqual(2);
    expect(letter.signals.minutesBeforeUpload).toBeLessThanOrEqual(4);
    expect([scan.flags, scan.signals]).toEqual([[], {}]);
    expect(plain.flags).toEqual([]);
    const doc = await fetch(`${t.app.url}/rest/v2/review/${v.verificationId}/document/${v.documentIds[0]}`, {
      headers: { authorization: `Bearer ${a.demo.token}` },
    });
    expect(doc.headers.get('document-flags')).toBe('EDITED_WITH_SOFTWARE, MADE_JUST_BEFORE_UPLOAD, IMPLAUSIBLE_PAGE_SIZE');
    const status = await api(`${t.app.url}/rest/v2/verification/${v.verificationId}`);
    expect(JSON.stringify(status.json)).not.toMatch(/EDITED|wkhtmltopdf|signals/);
  });

  it("flags a JPEG whose EXIF names an editor, showing the editor's name from the list and never the file's text", async () => {
    const a = await liveAccount();
    const edited = withExifSoftware(asJpeg(card(31)), 'Adobe Photoshop 25.1 (Windows) for Jane Roe');
    const camera = withExifSoftware(asJpeg(card(32)), 'HDR+ 1.0.540104767zd');
    const v = await submit(a, 'Ivan', [
      { fileName: 'id.jpg', bytes: edited, mimeType: 'image/jpeg' },
      { fileName: 'back.jpg', bytes: camera, mimeType: 'image/jpeg' },
    ]);
    const [front, back] = await reviewed(a.demo, v.verificationId);
    expect([front.flags, front.signals]).toEqual([['EDITED_WITH_SOFTWARE'], { editedWith: ['Adobe Photoshop'] }]);
    expect(JSON.stringify(front)).not.toContain('Jane Roe');
    expect(back.flags).toEqual([]);
  });

  it('stores hostile images as any other file: a header of huge dimensions and a broken image body get no hash and no error', async () => {
    const a = await liveAccount();
    const png = asPng(card(41, 16, 16));
    const huge = Buffer.from(png);
    huge.writeUInt32BE(200_000, 16);
    huge.writeUInt32BE(200_000, 20);
    const jpg = asJpeg(card(42, 64, 64));
    const broken = Buffer.concat([jpg.subarray(0, 300), Buffer.alloc(5000, 0xff), Buffer.from([0xff, 0xd9])]);
    const v = await submit(a, 'Jonas', [
      { fileName: 'huge.png', bytes: huge, mimeType: 'image/png' },
      { fileName: 'broken.jpg', bytes: broken, mimeType: 'image/jpeg' },
    ]);
    const docs = await reviewed(a.demo, v.verificationId);
    expect(docs.map((d) => d.flags)).toEqual([[], []]);
  });
});

describe('a program that refuses reused documents', () => {
  it('ends the verifications that send another person’s document (fraudRulesReject): one document for three people', async () => {
    const a = await liveAccount();
    const strict = await api(`${t.app.url}/manage/v1/programs`, {
      token: a.demo.token,
      body: {
        name: 'Strict',
        segment: 'student',
        testMode: false,
        staticCode: 'DOCS-OK',
        openOrgSearchEnabled: true,
        abuse: { refuseDuplicateDocuments: true },
      },
    });
    expect(strict.status, strict.text).toBe(201);
    const account = { programId: strict.json.id as string };
    const bytes = asJpeg(card(33));
    await submit(account, 'Alice', [{ fileName: 'id.jpg', bytes, mimeType: 'image/jpeg' }]);
    for (const firstName of ['Bruno', 'Dana']) {
      const created = await api(`${t.app.url}/rest/v2/verification`, { body: { programId: account.programId } });
      const v = await api(created.json.submissionUrl, {
        body: { ...VALID_BODIES.collectStudentPersonalInfo, firstName, organization: { id: 0, name: 'Night School' } },
      });
      const declared = await api(v.json.submissionUrl, {
        body: [{ fileName: 'card.jpg', mimeType: 'image/jpeg', fileSize: bytes.length }],
      });
      await put(declared.json.documents[0].uploadUrl, bytes, { 'content-type': 'image/jpeg', 'content-length': String(bytes.length) });
      const done = await api(declared.json.submissionUrl, { method: 'POST' });
      expect(done.json, firstName).toMatchObject({ currentStep: 'error', errorIds: ['fraudRulesReject'] });
      expect(done.json.systemErrorMessage).not.toMatch(/duplicate|same/i);
    }
    // Another person's own document is not refused.
    const other = await submit(account, 'Chloe', [{ fileName: 'own.jpg', bytes: asJpeg(card(34)), mimeType: 'image/jpeg' }]);
    expect((await api(`${t.app.url}/rest/v2/verification/${other.verificationId}`)).json.currentStep).toBe('pending');
  });
});
