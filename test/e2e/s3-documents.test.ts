import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFacts } from '../../src/main/banner.ts';
import { api, startTestApp, type Demo, type TestApp } from '../support/app.ts';
import { UNLIMITED } from '../support/abuse.ts';
import { makePdf, makePng, put } from '../support/fixtures.ts';
import { runToEnd } from '../support/refused-start.ts';
import { documentsInReview } from '../support/review.ts';
import { type S3TestServer, startS3Server } from '../support/s3-server.ts';
import { prepareServerProcess, type ServerProcessSetup } from '../support/server-process.ts';
import { VALID_BODIES } from '../support/bodies.ts';
import { until } from '../support/wait.ts';

const BUCKET = 'vouch-documents';
let s3: S3TestServer;
let app: TestApp;
let demo: Demo;
let liveProgram: string;
const setups: ServerProcessSetup[] = [];

beforeAll(async () => {
  s3 = await startS3Server();
  await s3.createBucket(BUCKET);
  app = await startTestApp({ BLOB_URL: s3.blobUrl(BUCKET) });
  demo = await app.bootstrap();
  const p = await api(`${app.url}/manage/v1/programs`, {
    token: demo.token,
    body: { name: 'Live', segment: 'student', testMode: false, staticCode: 'S3-OK', openOrgSearchEnabled: true, abuse: UNLIMITED },
  });
  liveProgram = p.json.id;
});
afterAll(async () => {
  await app?.close();
  for (const s of setups) await s.cleanup();
  await s3?.close();
});

const objects = () => s3.objects(BUCKET);
const blobDir = () => path.join(app.running.container.config.dataDir, 'blobs');

describe('documents in an S3 bucket (BLOB_URL)', () => {
  it('takes an upload into the bucket, encrypted, and a reviewer reads it back; the decision purges it', async () => {
    const text = 'Enrollment of Grace Hopper at Night School';
    const files = [
      { fileName: 'student-card.png', bytes: makePng(64, 40), mimeType: 'image/png' },
      { fileName: 'enrollment.pdf', bytes: makePdf(text), mimeType: 'application/pdf' },
    ];
    const before = objects().length;
    const v = await documentsInReview(app.url, liveProgram, 'Grace', files);
    const stored = objects().slice(before);
    expect(stored).toHaveLength(2);
    for (const o of stored) {
      expect(o.key).toMatch(/^([0-9a-f]{2})\/\1[0-9a-f]{30}$/);
      expect(o.bytes.includes(Buffer.from('Grace Hopper'))).toBe(false);
      expect(o.bytes.includes(Buffer.from('%PDF'))).toBe(false);
    }
    expect(stored.map((o) => o.bytes.length).sort((a, b) => a - b)).toEqual(files.map((f) => f.bytes.length + 28).sort((a, b) => a - b));
    // Nothing under DATA_DIR: the bucket is the only store.
    expect(fs.existsSync(blobDir())).toBe(false);

    const doc = await fetch(`${app.url}/rest/v2/review/${v.id}/document/${v.documents[1]}`, {
      headers: { authorization: `Bearer ${demo.token}` },
    });
    expect(doc.status).toBe(200);
    expect(doc.headers.get('content-disposition')).toBe('attachment; filename="enrollment.pdf"');
    const read = Buffer.from(await doc.arrayBuffer());
    expect(read.equals(files[1]!.bytes)).toBe(true);
    expect(read.includes(Buffer.from(text))).toBe(true);

    const approved = await api(`${app.url}/rest/v2/review/${v.id}/decision`, { token: demo.token, body: { decision: 'APPROVE' } });
    expect(approved.json).toMatchObject({ currentStep: 'success', rewardCode: 'S3-OK' });
    expect(objects()).toHaveLength(before);
    expect((await api(`${app.url}/rest/v2/review/${v.id}/document/${v.documents[1]}`, { token: demo.token })).status).toBe(410);
  });

  it('refuses a file that is not what it declared: no object, no open upload', async () => {
    const before = objects().length;
    const created = await api(`${app.url}/rest/v2/verification`, { body: { programId: liveProgram } });
    const v = await api(created.json.submissionUrl, {
      body: { ...VALID_BODIES.collectStudentPersonalInfo, firstName: 'Ada', organization: { id: 0, name: 'Night School' } },
    });
    const fake = Buffer.from('MZ this is no PNG at all');
    const declared = await api(v.json.submissionUrl, { body: [{ fileName: 'card.png', mimeType: 'image/png', fileSize: fake.length }] });
    const r = await put(declared.json.documents[0].uploadUrl, fake, { 'content-type': 'image/png', 'content-length': String(fake.length) });
    expect(r.status).toBeGreaterThanOrEqual(400);
    expect(r.status).toBeLessThan(500);
    expect(objects()).toHaveLength(before);
    expect(s3.openUploads(BUCKET)).toEqual([]);
  });

  it('names the bucket in the start-up summary and checks it for readiness', async () => {
    expect((await startFacts(app.running)).blobs).toBe(`S3 bucket ${BUCKET} at ${s3.endpoint} (encrypted)`);
    expect((await api(`${app.url}/ready`)).json).toEqual({ status: 'ready', checks: { store: 'ok', jobs: 'ok', key: 'ok', blobs: 'ok' } });
  });

  it('refuses to start with a BLOB_URL that is wrong, or whose bucket does not answer, in one line without the secret', async () => {
    const setup = await prepareServerProcess();
    setups.push(setup);
    const secret = 'hunter2-very-secret';
    const bad = await runToEnd(['serve'], { ...setup.env, BLOB_URL: `s3://KEYID:${secret}@Not_A_Bucket?region=eu-west-1` }, setup.url);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/^vouch: .*BLOB_URL names the bucket 'Not_A_Bucket', which is not a bucket name/m);
    expect(bad.stderr).not.toContain(secret);

    const unknown = await runToEnd(['serve'], { ...setup.env, BLOB_URL: `${s3.blobUrl(BUCKET)}&sse=aws:kms` }, setup.url);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/BLOB_URL has the parameter 'sse', which is none of endpoint, region, forcePathStyle/);

    const missing = await runToEnd(['serve'], { ...setup.env, BLOB_URL: s3.blobUrl('no-such-bucket') }, setup.url);
    expect(missing.code).toBe(1);
    expect(missing.stdout).toBe('');
    expect(missing.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(missing.stderr).toMatch(
      /^vouch: BLOB_URL: the S3 bucket no-such-bucket at http:\/\/127\.0\.0\.1:\d+ does not answer \(no such bucket\); .*docs\/operations\.md#object-storage-s3\n$/,
    );
    expect(missing.stderr).not.toContain('S3RVER');
  });

  it('answers not ready once the bucket is gone', async () => {
    fs.rmSync(path.join(s3.directory, BUCKET), { recursive: true, force: true });
    // Readiness answers are kept for a moment: the next round sees the bucket gone.
    const ready = await until(
      () => api(`${app.url}/ready`),
      (r) => r.status !== 200,
    );
    expect(ready.status).toBe(503);
    expect(ready.json.checks).toEqual({ store: 'ok', jobs: 'ok', key: 'ok', blobs: 'unavailable' });
  });
});
