import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
// s3rver is CommonJS without types.
// @ts-expect-error no type declarations
import S3rver from 's3rver';

/** s3rver's built-in account (its default credentials). */
export const S3RVER_CREDENTIALS = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' };

export interface S3TestServer {
  /** http://127.0.0.1:<port> */
  endpoint: string;
  /** The directory s3rver keeps its buckets in. */
  directory: string;
  /** `s3://<bucket>?endpoint=...&region=...&forcePathStyle=true` with s3rver's credentials in it. */
  blobUrl(bucket: string): string;
  /** The bucket's objects as s3rver stores them: key and stored bytes. */
  objects(bucket: string): { key: string; bytes: Buffer }[];
  /** Multipart uploads begun and neither completed nor aborted (what ListMultipartUploads answers). */
  openUploads(bucket: string): { key: string; uploadId: string; initiated: Date }[];
  /** Every request this server was sent, as `METHOD /path?query`, oldest first. */
  requests: string[];
  createBucket(bucket: string): Promise<void>;
  close(): Promise<void>;
}

const SUFFIX = '._S3rver_';
const xml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/**
 * s3rver on loopback (a free port, a temporary directory). s3rver 3.7 implements multipart uploads
 * but neither AbortMultipartUpload nor ListMultipartUploads: this server answers those two from the
 * same directory s3rver keeps its pending uploads in (`<bucket>/._S3rver_uploads/<uploadId>/`),
 * and hands every other request to s3rver.
 */
export async function startS3Server(): Promise<S3TestServer> {
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'vouch-s3-'));
  const s3 = new S3rver({ directory, silent: true, address: '127.0.0.1', port: 0, configureBuckets: [] });
  const handle = s3.callback();
  const requests: string[] = [];
  const uploadsDir = (bucket: string) => path.join(directory, bucket, `${SUFFIX}uploads`);
  const openUploads = (bucket: string) => {
    const dir = uploadsDir(bucket);
    if (!fs.existsSync(dir)) return [];
    return fs
      .readdirSync(dir)
      .filter((id) => fs.existsSync(path.join(dir, id, 'key')))
      .map((uploadId) => ({
        uploadId,
        key: fs.readFileSync(path.join(dir, uploadId, 'key'), 'utf8'),
        initiated: fs.statSync(path.join(dir, uploadId, 'key')).mtime,
      }));
  };
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    requests.push(`${req.method} ${req.url}`);
    const [bucket, ...rest] = url.pathname.split('/').filter((part) => part !== '');
    const uploadId = url.searchParams.get('uploadId');
    if (req.method === 'DELETE' && bucket && rest.length && uploadId && /^[0-9a-f]+$/.test(uploadId)) {
      const dir = path.join(uploadsDir(bucket), uploadId);
      const known = fs.existsSync(dir);
      fs.rmSync(dir, { recursive: true, force: true });
      res.writeHead(known ? 204 : 404, known ? {} : { 'content-type': 'application/xml' });
      res.end(known ? undefined : '<?xml version="1.0" encoding="UTF-8"?><Error><Code>NoSuchUpload</Code></Error>');
      return;
    }
    if (req.method === 'GET' && bucket && !rest.length && url.searchParams.has('uploads')) {
      const prefix = url.searchParams.get('prefix') ?? '';
      const uploads = openUploads(bucket)
        .filter((u) => u.key.startsWith(prefix))
        .map(
          (u) =>
            `<Upload><Key>${xml(u.key)}</Key><UploadId>${u.uploadId}</UploadId><Initiated>${u.initiated.toISOString()}</Initiated></Upload>`,
        )
        .join('');
      res.writeHead(200, { 'content-type': 'application/xml' });
      res.end(
        `<?xml version="1.0" encoding="UTF-8"?><ListMultipartUploadsResult><Bucket>${xml(bucket)}</Bucket>` +
          `<IsTruncated>false</IsTruncated>${uploads}</ListMultipartUploadsResult>`,
      );
      return;
    }
    handle(req, res);
  });
  await new Promise<void>((resolve, reject) => server.once('error', reject).listen(0, '127.0.0.1', resolve));
  const endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    endpoint,
    directory,
    blobUrl: (bucket) =>
      `s3://${S3RVER_CREDENTIALS.accessKeyId}:${S3RVER_CREDENTIALS.secretAccessKey}@${bucket}?endpoint=${encodeURIComponent(endpoint)}&region=us-east-1&forcePathStyle=true`,
    objects(bucket) {
      const dir = path.join(directory, bucket);
      if (!fs.existsSync(dir)) return [];
      const found: { key: string; bytes: Buffer }[] = [];
      const walk = (d: string, prefix: string) => {
        for (const e of fs.readdirSync(d, { withFileTypes: true })) {
          if (e.isDirectory()) {
            if (!e.name.startsWith(SUFFIX)) walk(path.join(d, e.name), `${prefix}${e.name}/`);
          } else if (e.name.endsWith(`${SUFFIX}object`)) {
            found.push({ key: prefix + e.name.slice(0, -`${SUFFIX}object`.length), bytes: fs.readFileSync(path.join(d, e.name)) });
          }
        }
      };
      walk(dir, '');
      return found;
    },
    openUploads,
    requests,
    async createBucket(bucket) {
      await s3.store.putBucket(bucket);
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      fs.rmSync(directory, { recursive: true, force: true });
    },
  };
}
