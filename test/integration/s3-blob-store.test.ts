import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { CreateMultipartUploadCommand, ListMultipartUploadsCommand, S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BlobRejected, parseBlobUrl } from '../../src/platform/blobs/index.ts';
import { PART_BYTES, S3BlobStore } from '../../src/platform/blobs/s3-blob-store.ts';
import { FileBlobStore } from '../../src/platform/blobs/index.ts';
import { S3RVER_CREDENTIALS, type S3TestServer, startS3Server } from '../support/s3-server.ts';

const BUCKET = 'vouch-blobs';
const KEY = randomBytes(32);
let s3: S3TestServer;
let store: S3BlobStore;
let client: S3Client;

beforeAll(async () => {
  s3 = await startS3Server();
  await s3.createBucket(BUCKET);
  store = new S3BlobStore(parseBlobUrl(s3.blobUrl(BUCKET)), KEY, { partialMaxAgeMs: 3_600_000 });
  client = new S3Client({
    endpoint: s3.endpoint,
    region: 'us-east-1',
    forcePathStyle: true,
    credentials: S3RVER_CREDENTIALS,
    requestChecksumCalculation: 'WHEN_REQUIRED',
  });
});
afterAll(async () => {
  store?.close();
  client?.destroy();
  await s3?.close();
});

/** `total` bytes in chunks of `chunk`, each chunk its own random bytes. */
function body(total: number, chunk = 256 * 1024): { stream: Readable; bytes: Buffer } {
  const bytes = randomBytes(total);
  const chunks: Buffer[] = [];
  for (let at = 0; at < total; at += chunk) chunks.push(bytes.subarray(at, at + chunk));
  return { stream: Readable.from(chunks), bytes };
}

const objectOf = (key: string) => s3.objects(BUCKET).find((o) => o.key === `${key.slice(0, 2)}/${key}`);
const openUploads = async () => (await client.send(new ListMultipartUploadsCommand({ Bucket: BUCKET }))).Uploads ?? [];
const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

describe('S3BlobStore', () => {
  it('writes an encrypted object under the key and reads the same bytes back', async () => {
    const plain = Buffer.from('%PDF-1.7 the student card of Ada Lovelace');
    const stored = await store.write(Readable.from([plain]), { maxBytes: 1000 });
    expect(stored).toEqual({ key: expect.stringMatching(/^[0-9a-f]{32}$/), size: plain.length, sha256: sha256(plain) });
    const object = objectOf(stored.key);
    // IV, ciphertext, tag: 28 bytes more than the plaintext, which does not appear in it.
    expect(object?.bytes.length).toBe(plain.length + 28);
    expect(object?.bytes.includes(Buffer.from('Lovelace'))).toBe(false);
    expect(await store.read(stored.key)).toEqual(plain);
    expect(await store.exists(stored.key)).toBe(true);
    expect(store.description).toBe(`S3 bucket ${BUCKET} at ${s3.endpoint} (encrypted)`);
  });

  it('reads back what the file store would have written: the same layout of bytes', async () => {
    const dir = fs.mkdtempSync(path.join(s3.directory, '..', 'vouch-files-'));
    try {
      const files = new FileBlobStore(dir, KEY);
      const plain = randomBytes(70_000);
      const stored = await files.write(Readable.from([plain]), { maxBytes: 100_000 });
      const raw = fs.readFileSync(path.join(dir, stored.key.slice(0, 2), stored.key));
      // Put the file's bytes in the bucket under the same key: the S3 store decrypts them.
      const written = await store.write(Readable.from([Buffer.alloc(1)]), { maxBytes: 10 });
      fs.writeFileSync(path.join(s3.directory, BUCKET, written.key.slice(0, 2), `${written.key}._S3rver_object`), raw);
      expect(await store.read(written.key)).toEqual(plain);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('streams a large body through a multipart upload of several parts', async () => {
    const from = s3.requests.length;
    const big = body(2 * PART_BYTES + 1_234_567);
    const stored = await store.write(big.stream, { maxBytes: 30_000_000 });
    const parts = s3.requests.slice(from).filter((r) => r.startsWith(`PUT /${BUCKET}/${stored.key.slice(0, 2)}/${stored.key}?partNumber=`));
    expect(parts).toHaveLength(3);
    expect(s3.requests.slice(from).some((r) => r.startsWith('POST') && r.includes('uploadId='))).toBe(true);
    expect(stored.size).toBe(big.bytes.length);
    expect(stored.sha256).toBe(sha256(big.bytes));
    expect((await store.read(stored.key)).equals(big.bytes)).toBe(true);
    expect(await openUploads()).toEqual([]);
  });

  it('refuses a body over maxBytes: nothing stored, no multipart upload left open', async () => {
    const before = s3.objects(BUCKET).length;
    const from = s3.requests.length;
    // Over the limit in the third part: two parts were already sent.
    const big = body(3 * PART_BYTES);
    const refused = await store.write(big.stream, { maxBytes: 2 * PART_BYTES + 100_000 }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(BlobRejected);
    expect((refused as BlobRejected).reason).toBe('tooLarge');
    expect(s3.requests.slice(from).some((r) => r.includes('partNumber=1&'))).toBe(true);
    expect(s3.objects(BUCKET)).toHaveLength(before);
    expect(await openUploads()).toEqual([]);
    expect(s3.openUploads(BUCKET)).toEqual([]);

    // A small one is refused before anything is sent.
    const small = await store.write(Readable.from([Buffer.alloc(100)]), { maxBytes: 10 }).catch((e: unknown) => e);
    expect((small as BlobRejected).reason).toBe('tooLarge');
    expect(s3.objects(BUCKET)).toHaveLength(before);
  });

  it('refuses a body its inspection rejects midway: nothing stored, no multipart upload left open', async () => {
    const before = s3.objects(BUCKET).length;
    let seen = 0;
    const inspect = (chunk: Buffer) => {
      seen += chunk.length;
      if (seen > PART_BYTES + 500_000) throw new Error('not the declared type');
    };
    const refused = await store.write(body(3 * PART_BYTES).stream, { maxBytes: 30_000_000, inspect }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(BlobRejected);
    expect(refused).toMatchObject({ reason: 'inspect', message: 'not the declared type' });
    expect(s3.objects(BUCKET)).toHaveLength(before);
    expect(await openUploads()).toEqual([]);
  });

  it('leaves nothing when the body breaks off (a client that went away)', async () => {
    const before = s3.objects(BUCKET).length;
    const chunks = body(PART_BYTES + 800_000).bytes;
    async function* cutOff() {
      yield chunks.subarray(0, PART_BYTES);
      yield chunks.subarray(PART_BYTES);
      throw new Error('aborted by the client');
    }
    const failed = await store.write(Readable.from(cutOff()), { maxBytes: 30_000_000 }).catch((e: unknown) => e);
    expect((failed as Error).message).toBe('aborted by the client');
    expect(s3.objects(BUCKET)).toHaveLength(before);
    expect(await openUploads()).toEqual([]);
  });

  it('fails, rather than waits, when the service refuses the upload (here: no such bucket)', async () => {
    const missing = new S3BlobStore(parseBlobUrl(s3.blobUrl('no-such-bucket')), KEY);
    try {
      for (const size of [1000, 3 * PART_BYTES]) {
        const failed = await missing.write(body(size).stream, { maxBytes: 30_000_000 }).catch((e: unknown) => e);
        expect(failed).not.toBeInstanceOf(BlobRejected);
        expect(failed).toMatchObject({ $metadata: { httpStatusCode: 404 } });
      }
    } finally {
      missing.close();
    }
  });

  it('fails to read an object that was tampered with or cut short', async () => {
    const plain = randomBytes(200_000);
    const stored = await store.write(Readable.from([plain]), { maxBytes: 1_000_000 });
    const file = path.join(s3.directory, BUCKET, stored.key.slice(0, 2), `${stored.key}._S3rver_object`);
    const raw = fs.readFileSync(file);
    const flipped = Buffer.from(raw);
    flipped[100_000] = (flipped[100_000] ?? 0) ^ 1;
    fs.writeFileSync(file, flipped);
    await expect(store.read(stored.key)).rejects.toThrow(/authenticate/);
    fs.writeFileSync(file, raw.subarray(0, raw.length - 5));
    await expect(store.read(stored.key)).rejects.toThrow();
    fs.writeFileSync(file, raw);
    expect((await store.read(stored.key)).equals(plain)).toBe(true);
  });

  it('deletes: the object is gone, exists says so, and deleting again is no error', async () => {
    const stored = await store.write(Readable.from([Buffer.from('to be purged')]), { maxBytes: 100 });
    expect(await store.exists(stored.key)).toBe(true);
    await store.delete(stored.key);
    expect(objectOf(stored.key)).toBeUndefined();
    expect(await store.exists(stored.key)).toBe(false);
    await expect(store.read(stored.key)).rejects.toThrow();
    await store.delete(stored.key);
    await expect(store.exists('not a key')).rejects.toThrow('Invalid blob key');
  });

  it('aborts the multipart uploads of killed writes once they are older than any write lasts', async () => {
    const left = await client.send(new CreateMultipartUploadCommand({ Bucket: BUCKET, Key: `ab/${'ab'.repeat(16)}` }));
    expect(await store.removeStaleParts()).toBe(0);
    expect((await openUploads()).map((u) => u.UploadId)).toEqual([left.UploadId]);
    await new Promise((r) => setTimeout(r, 20));
    const sweeper = new S3BlobStore(parseBlobUrl(s3.blobUrl(BUCKET)), KEY, { partialMaxAgeMs: 10 });
    try {
      expect(await sweeper.removeStaleParts()).toBe(1);
      expect(await openUploads()).toEqual([]);
    } finally {
      sweeper.close();
    }
  });

  it('keeps objects under the prefix BLOB_URL names', async () => {
    const prefixed = new S3BlobStore(parseBlobUrl(s3.blobUrl(BUCKET).replace(`@${BUCKET}?`, `@${BUCKET}/tenant-a?`)), KEY);
    try {
      const stored = await prefixed.write(Readable.from([Buffer.from('prefixed')]), { maxBytes: 100 });
      expect(s3.objects(BUCKET).some((o) => o.key === `tenant-a/${stored.key.slice(0, 2)}/${stored.key}`)).toBe(true);
      expect((await prefixed.read(stored.key)).toString()).toBe('prefixed');
      expect(await store.exists(stored.key)).toBe(false);
    } finally {
      prefixed.close();
    }
  });

  it('probes the bucket: passes when it answers, fails when it does not exist', async () => {
    await store.probe();
    const missing = new S3BlobStore(parseBlobUrl(s3.blobUrl('no-such-bucket')), KEY);
    try {
      await expect(missing.probe()).rejects.toThrow('no such bucket');
    } finally {
      missing.close();
    }
  });
});
