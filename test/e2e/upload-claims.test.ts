import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { claimLeaseMs } from '../../src/modules/documents/domain/upload-lease.ts';
import { fixedClock } from '../../src/shared/clock.ts';
import { api, useTestApp } from '../support/app.ts';
import { VALID_BODIES } from '../support/bodies.ts';
import { makePng, put } from '../support/fixtures.ts';
import { TEST_STORE } from '../support/stores.ts';
import { until } from '../support/wait.ts';

// The server's clock only moves when a test moves it. Bodies may pause for five minutes of real time, so
// a busy machine never cuts off the uploads these tests hold open (the lease is derived from that grace).
const clock = fixedClock(new Date('2026-05-04T10:00:00Z'));
const t = useTestApp({ BODY_TIMEOUT_MS: '300000' }, { clock });

const png = makePng(200, 150);
const header = { 'content-type': 'image/png', 'content-length': String(png.length) };

/** A person at docUpload of the test student program, with one PNG declared. */
async function declaredUpload() {
  const created = await api(`${t.app.url}/rest/v2/verification`, { body: { programId: t.demo.programs.student } });
  const at = await api(created.json.submissionUrl, { body: { ...VALID_BODIES.collectStudentPersonalInfo, firstName: 'UPLOAD' } });
  const declared = await api(at.json.submissionUrl, { body: [{ fileName: 'card.png', mimeType: 'image/png', fileSize: png.length }] });
  expect(declared.status).toBe(200);
  return { id: created.json.verificationId as string, docUploadUrl: at.json.submissionUrl as string, declared: declared.json };
}

/** A PUT that sends its first KiB now and the rest when told: an upload still streaming meanwhile. */
function startPut(uploadUrl: string) {
  let answer: (r: { status: number; json: any }) => void;
  const answered = new Promise<{ status: number; json: any }>((resolve) => (answer = resolve));
  const req = http.request(uploadUrl, { method: 'PUT', headers: header }, (res) => {
    let text = '';
    res.on('data', (c) => (text += c));
    res.on('end', () => answer({ status: res.statusCode ?? 0, json: text ? JSON.parse(text) : undefined }));
  });
  req.on('error', (e) => answer({ status: 0, json: { error: e.message } }));
  req.write(png.subarray(0, 1024));
  return {
    finish: () => {
      req.end(png.subarray(1024));
      return answered;
    },
  };
}

const claimOf = (documentId: string) =>
  t.app.running.container.store.db
    .selectFrom('documents')
    .select(['status', 'upload_claimed_at'])
    .where('id', '=', documentId)
    .executeTakeFirstOrThrow();

const blobFiles = () => {
  const dir = path.join(t.app.running.container.config.dataDir, 'blobs');
  return fs.readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile() && !e.name.endsWith('.part')).length;
};

describe(`upload claims (${TEST_STORE})`, () => {
  it('a new declaration supersedes an upload still streaming: completeDocUpload judges the new one alone', async () => {
    const v = await declaredUpload();
    const old = v.declared.documents[0];
    const streaming = startPut(old.uploadUrl);
    await until(
      () => claimOf(old.documentId),
      (d) => d.status === 'UPLOADING',
    );

    const again = await api(v.docUploadUrl, { body: [{ fileName: 'card-2.png', mimeType: 'image/png', fileSize: png.length }] });
    expect(again.status).toBe(200);
    expect((await put(old.uploadUrl, png, header)).status).toBe(404);
    expect((await put(again.json.documents[0].uploadUrl, png, header)).status).toBe(200);
    const done = await api(again.json.submissionUrl, { method: 'POST' });
    expect(done.json.currentStep).toBe('pending');
    expect(done.json.lastResponse.documents.map((d: any) => [d.documentId, d.status])).toEqual([
      [again.json.documents[0].documentId, 'FINISHED'],
    ]);

    // The superseded upload, finishing late, keeps nothing.
    const blobs = blobFiles();
    expect((await streaming.finish()).status).toBe(404);
    expect(blobFiles()).toBe(blobs);
  });

  it('a claim older than its lease is taken over, and the request that held it can no longer store its file', async () => {
    const v = await declaredUpload();
    const doc = v.declared.documents[0];
    const claimedAt = clock.now().getTime();
    const first = startPut(doc.uploadUrl);
    await until(
      () => claimOf(doc.documentId),
      (d) => d.status === 'UPLOADING',
    );
    const lease = claimLeaseMs(t.app.running.container.documents.uploadLease, png.length);
    // The derived lease of a small file is well within the URL's lifetime.
    expect(lease).toBeLessThan(t.app.running.container.config.uploadUrlTtlSeconds * 1000);

    clock.set(new Date(claimedAt + lease - 1000));
    const early = await put(doc.uploadUrl, png, header);
    expect(early.status).toBe(409);
    expect(early.json.errorIds).toEqual(['invalidDocUploadToken']);

    clock.set(new Date(claimedAt + lease));
    const second = startPut(doc.uploadUrl);
    await until(
      () => claimOf(doc.documentId),
      (d) => d.upload_claimed_at?.getTime() === claimedAt + lease,
    );
    const blobs = blobFiles();
    // The first request was not dead after all: its file is refused, the claim is not its own any more.
    expect((await first.finish()).status).toBe(404);
    expect(blobFiles()).toBe(blobs);
    const stored = await second.finish();
    expect(stored).toMatchObject({ status: 200, json: { documentId: doc.documentId, status: 'FINISHED' } });
    expect(blobFiles()).toBe(blobs + 1);
    expect((await api(`${t.app.url}/rest/v2/verification/${v.id}/step/completeDocUpload`, { method: 'POST' })).json.currentStep).toBe(
      'pending',
    );
  });

  it('an expired URL whose upload was cut off answers 410, not 409 for ever', async () => {
    const v = await declaredUpload();
    const doc = v.declared.documents[0];
    const cut = startPut(doc.uploadUrl);
    await until(
      () => claimOf(doc.documentId),
      (d) => d.status === 'UPLOADING',
    );
    clock.set(new Date(clock.now().getTime() + t.app.running.container.config.uploadUrlTtlSeconds * 1000));
    expect((await put(doc.uploadUrl, png, header)).status).toBe(410);
    await cut.finish();
  });
});
