import { PassThrough, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import {
  AbortMultipartUploadCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  HeadBucketCommand,
  HeadObjectCommand,
  ListMultipartUploadsCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { readSealed, sealing } from './blob-seal.ts';
import { type BlobStore, type BlobWriteOptions, checkBlobKey, newBlobKey, type StoredBlob } from './blob-store.ts';
import { describeS3Location, type S3Location } from './s3-url.ts';

/** S3's smallest part (the last may be smaller): a body up to this size is one PutObject, a larger one a multipart upload. */
export const PART_BYTES = 5 * 1024 * 1024;
/** Parts of one write in flight at once: with the part being filled, about 15 MiB of memory per write at most. */
const PARTS_IN_FLIGHT = 2;

export interface S3BlobStoreOptions {
  /** A multipart upload begun this long ago and still open belongs to a write whose process was killed. Without it, none is aborted. */
  partialMaxAgeMs?: number;
}

/**
 * Encrypted blobs in an S3-compatible bucket, under the same keys, sealed the same way as files (blob-seal.ts).
 * A write streams the sealed body into a multipart upload (one PutObject when it is small), so an object
 * appears only once the whole body was accepted; a refused or failed write aborts its upload. Object names:
 * `<prefix><first two hex characters of the key>/<key>`.
 */
export class S3BlobStore implements BlobStore {
  readonly description: string;
  private readonly client: S3Client;

  constructor(
    private readonly location: S3Location,
    private readonly key: Buffer,
    private readonly options: S3BlobStoreOptions = {},
  ) {
    this.description = `${describeS3Location(location)} (encrypted)`;
    // The SDK warns on Node 20 about its releases after January 2027; this pinned version runs on 20, and the
    // warning would break the one-line messages of a refused start. Set the variable to 'false' to see it.
    process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
    this.client = new S3Client({
      region: location.region,
      endpoint: location.endpoint,
      forcePathStyle: location.forcePathStyle,
      ...(location.credentials ? { credentials: location.credentials } : {}),
      // Blobs carry their own integrity (the GCM tag); many S3-compatible services refuse the SDK's default CRC32 trailers.
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
      maxAttempts: 3,
      requestHandler: { connectionTimeout: 5_000, requestTimeout: 60_000 },
    });
  }

  private objectName(key: string): string {
    return `${this.location.prefix}${key.slice(0, 2)}/${checkBlobKey(key)}`;
  }

  async write(source: Readable, options: BlobWriteOptions): Promise<StoredBlob> {
    const key = newBlobKey();
    const name = this.objectName(key);
    const sealed = sealing(this.key, options);
    const body = new PassThrough();
    const upload = new Upload({
      client: this.client,
      params: { Bucket: this.location.bucket, Key: name, Body: body, ContentType: 'application/octet-stream' },
      partSize: PART_BYTES,
      queueSize: PARTS_IN_FLIGHT,
    });
    // A failed upload stops reading the body: the stream is then stopped too, rather than left waiting.
    const stop = new AbortController();
    const uploaded = upload.done();
    uploaded.catch((e: unknown) => stop.abort(e));
    const [piped, sent] = await Promise.allSettled([pipeline(source, ...sealed.transforms, body, { signal: stop.signal }), uploaded]);
    if (piped.status === 'fulfilled' && sent.status === 'fulfilled') return { key, ...sealed.result() };
    // The upload aborts its multipart upload itself when the body fails; this makes sure of it.
    await this.abandon(name, upload.uploadId, sent.status === 'fulfilled');
    // The body's own failure (a refusal, a client gone) is the cause, unless the body was stopped because the upload failed.
    if (piped.status === 'rejected' && (piped.reason as Error)?.name !== 'AbortError') throw piped.reason;
    throw sent.status === 'rejected' ? sent.reason : (piped as PromiseRejectedResult).reason;
  }

  /** Leaves nothing of a write that did not end well: its multipart upload aborted, an object it made deleted. */
  private async abandon(name: string, uploadId: string | undefined, stored: boolean) {
    const bucket = this.location.bucket;
    if (uploadId)
      await this.client.send(new AbortMultipartUploadCommand({ Bucket: bucket, Key: name, UploadId: uploadId })).catch(() => {});
    if (stored) await this.client.send(new DeleteObjectCommand({ Bucket: bucket, Key: name })).catch(() => {});
  }

  /** The decrypted bytes, streamed from the bucket through the decryption; fails if the object was tampered with. */
  async read(key: string): Promise<Buffer> {
    const got = await this.client.send(new GetObjectCommand({ Bucket: this.location.bucket, Key: this.objectName(key) }));
    return readSealed(got.Body as Readable, this.key);
  }

  async delete(key: string): Promise<void> {
    await this.client.send(new DeleteObjectCommand({ Bucket: this.location.bucket, Key: this.objectName(key) }));
  }

  async exists(key: string): Promise<boolean> {
    try {
      await this.client.send(new HeadObjectCommand({ Bucket: this.location.bucket, Key: this.objectName(key) }));
      return true;
    } catch (e) {
      if ((e as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode === 404) return false;
      throw e;
    }
  }

  /** The bucket answers with these credentials (HeadBucket); the error says why not in words (HEAD answers have no body). */
  async probe(): Promise<void> {
    await this.client.send(new HeadBucketCommand({ Bucket: this.location.bucket })).catch((e: unknown) => {
      throw new Error(bucketProblem(e), { cause: e });
    });
  }

  /**
   * Aborts the multipart uploads under this store's prefix begun more than `partialMaxAgeMs` ago (a live
   * write ends sooner, so none of those is one); returns how many. A bucket rule that aborts incomplete
   * multipart uploads does the same on the service's side.
   */
  async removeStaleParts(): Promise<number> {
    const maxAge = this.options.partialMaxAgeMs;
    if (maxAge === undefined) return 0;
    const cutoff = Date.now() - maxAge;
    const bucket = this.location.bucket;
    let removed = 0;
    let markers: { KeyMarker?: string; UploadIdMarker?: string } = {};
    for (;;) {
      const page = await this.client.send(new ListMultipartUploadsCommand({ Bucket: bucket, Prefix: this.location.prefix, ...markers }));
      for (const u of page.Uploads ?? []) {
        if (!u.Key || !u.UploadId || !u.Initiated || u.Initiated.getTime() >= cutoff) continue;
        await this.client.send(new AbortMultipartUploadCommand({ Bucket: bucket, Key: u.Key, UploadId: u.UploadId }));
        removed++;
      }
      if (!page.IsTruncated) return removed;
      markers = { KeyMarker: page.NextKeyMarker, UploadIdMarker: page.NextUploadIdMarker };
    }
  }

  /** Closes the client's connections. */
  close(): void {
    this.client.destroy();
  }
}

/** Why a bucket did not answer, from the status of its answer (or the connection's error). */
function bucketProblem(e: unknown): string {
  const status = (e as { $metadata?: { httpStatusCode?: number } })?.$metadata?.httpStatusCode;
  if (status === 404) return 'no such bucket';
  if (status === 403 || status === 401)
    return 'access denied: check the credentials (AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY or the URL) and their permissions';
  if (status === 301) return 'the bucket is in another region: set ?region=';
  const reason =
    (e as Error)?.message && (e as Error).message !== 'UnknownError' ? (e as Error).message : ((e as Error)?.name ?? String(e));
  return `${reason}${status ? ` (HTTP ${status})` : ''}`;
}
