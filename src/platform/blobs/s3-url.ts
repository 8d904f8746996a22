/**
 * `BLOB_URL`: where blobs go when they are not files under DATA_DIR. This file stays light (no SDK):
 * the configuration loader imports it.
 *
 *   s3://[ACCESS_KEY_ID:SECRET_ACCESS_KEY@]BUCKET[/PREFIX]?endpoint=https://...&region=...&forcePathStyle=true
 *
 * Without credentials in the URL the SDK's own chain is used (AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY,
 * shared files, an instance or task role). No message repeats the secret.
 */
export interface S3Location {
  bucket: string;
  /** Prepended to every object name: '' or ending in '/'. */
  prefix: string;
  /** An S3-compatible service (MinIO, Ceph, R2, ...); undefined: AWS itself. */
  endpoint: string | undefined;
  region: string;
  forcePathStyle: boolean;
  credentials: { accessKeyId: string; secretAccessKey: string } | undefined;
}

const BUCKET = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;
const PARAMS = ['endpoint', 'region', 'forcePathStyle'];
const EXAMPLE = 's3://my-bucket?region=eu-west-1, or s3://my-bucket?endpoint=http://minio:9000&region=us-east-1&forcePathStyle=true';

/** The location in `raw`; throws an Error naming `name`, what is wrong and an example (never the secret). */
export function parseBlobUrl(raw: string, name = 'BLOB_URL', env: Record<string, string | undefined> = process.env): S3Location {
  const fail = (what: string): never => {
    throw new Error(`${name} ${what}; it must look like ${EXAMPLE}; unset it to keep blobs as files under DATA_DIR/blobs`);
  };
  let url: URL | undefined;
  try {
    url = new URL(raw.trim());
  } catch {
    fail('is not a URL');
  }
  if (!url) return fail('is not a URL');
  if (url.protocol !== 's3:') fail(`must start with s3://, got ${url.protocol}//`);
  const bucket = url.hostname;
  if (!BUCKET.test(bucket) || bucket.includes('..'))
    fail(`names the bucket '${bucket}', which is not a bucket name (3 to 63 lowercase letters, digits, dots and hyphens)`);
  if (url.port) fail('has a port after the bucket name; put the service address in ?endpoint=');
  const decode = (text: string) => {
    try {
      return decodeURIComponent(text);
    } catch {
      return fail('has a prefix or credentials with a % not followed by two hex digits (encode % as %25)');
    }
  };
  const path = decode(url.pathname).replace(/^\/+|\/+$/g, '');
  const prefix = path ? `${path}/` : '';
  for (const key of url.searchParams.keys()) {
    if (!PARAMS.includes(key)) fail(`has the parameter '${key}', which is none of ${PARAMS.join(', ')}`);
  }
  const endpointText = url.searchParams.get('endpoint') ?? '';
  let endpoint: string | undefined;
  if (endpointText) {
    let e: URL | undefined;
    try {
      e = new URL(endpointText);
    } catch {
      /* reported below */
    }
    if (!e || (e.protocol !== 'http:' && e.protocol !== 'https:') || !e.hostname || e.username || e.password)
      fail(`has endpoint='${endpointText}', which is not an http:// or https:// address without credentials`);
    endpoint = endpointText.replace(/\/+$/, '');
  }
  const region = url.searchParams.get('region') || env.AWS_REGION || env.AWS_DEFAULT_REGION || 'us-east-1';
  if (!/^[a-z0-9-]{1,40}$/.test(region)) fail(`has region='${region}', which is not a region name such as eu-west-1`);
  const style = url.searchParams.get('forcePathStyle') ?? 'false';
  if (style !== 'true' && style !== 'false') fail(`has forcePathStyle='${style}'; it must be true or false`);
  let credentials: S3Location['credentials'];
  if (url.username || url.password) {
    if (!url.username || !url.password)
      fail('has an access key id or a secret but not both before the bucket (ACCESS_KEY_ID:SECRET_ACCESS_KEY@bucket)');
    credentials = { accessKeyId: decode(url.username), secretAccessKey: decode(url.password) };
  }
  return { bucket, prefix, endpoint, region, forcePathStyle: style === 'true', credentials };
}

/** The location as the banner and messages show it: bucket, prefix and service, no credentials. */
export function describeS3Location(l: S3Location): string {
  const where = l.endpoint ? `at ${l.endpoint}` : `in AWS region ${l.region}`;
  return `S3 bucket ${l.bucket}${l.prefix ? ` under ${l.prefix}` : ''} ${where}`;
}
