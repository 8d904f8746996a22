import { describe, expect, it } from 'vitest';
import { type ConfigError, loadConfig } from '../../src/main/config.ts';
import { describeS3Location, parseBlobUrl } from '../../src/platform/blobs/index.ts';

/** The message parseBlobUrl throws for `raw` ('' when it takes it). */
function refusal(raw: string): string {
  try {
    parseBlobUrl(raw, 'BLOB_URL', {});
    return '';
  } catch (e) {
    return (e as Error).message;
  }
}

describe('BLOB_URL', () => {
  it('reads bucket, prefix, endpoint, region, path style and credentials', () => {
    expect(parseBlobUrl('s3://vouch-docs', 'BLOB_URL', {})).toEqual({
      bucket: 'vouch-docs',
      prefix: '',
      endpoint: undefined,
      region: 'us-east-1',
      forcePathStyle: false,
      credentials: undefined,
    });
    expect(
      parseBlobUrl('s3://AKIA1:se%2Fcr%2Bet@vouch.docs/prod/blobs/?endpoint=http://127.0.0.1:9000/&region=eu-west-3&forcePathStyle=true'),
    ).toEqual({
      bucket: 'vouch.docs',
      prefix: 'prod/blobs/',
      endpoint: 'http://127.0.0.1:9000',
      region: 'eu-west-3',
      forcePathStyle: true,
      credentials: { accessKeyId: 'AKIA1', secretAccessKey: 'se/cr+et' },
    });
    // The region may come from the SDK's own variables.
    expect(parseBlobUrl('s3://vouch-docs', 'BLOB_URL', { AWS_REGION: 'ap-south-1' }).region).toBe('ap-south-1');
  });

  it('describes the location without credentials', () => {
    expect(describeS3Location(parseBlobUrl('s3://k:secret@b-1/p?region=eu-west-1', 'BLOB_URL', {}))).toBe(
      'S3 bucket b-1 under p/ in AWS region eu-west-1',
    );
    expect(describeS3Location(parseBlobUrl('s3://b-1?endpoint=https://minio.internal', 'BLOB_URL', {}))).toBe(
      'S3 bucket b-1 at https://minio.internal',
    );
  });

  it('refuses what is not one, saying what is wrong, never repeating the secret', () => {
    const cases: [string, RegExp][] = [
      ['not a url', /is not a URL/],
      ['https://bucket.s3.amazonaws.com', /must start with s3:\/\/, got https:\/\//],
      ['s3://ab', /names the bucket 'ab', which is not a bucket name/],
      ['s3://Bucket_1', /which is not a bucket name/],
      ['s3://bucket:9000', /has a port after the bucket name/],
      ['s3://bucket?endpoint=minio:9000', /endpoint='minio:9000', which is not an http:\/\/ or https:\/\/ address/],
      ['s3://bucket?endpoint=http://u:p@minio', /without credentials/],
      ['s3://bucket?forcePathStyle=yes', /forcePathStyle='yes'; it must be true or false/],
      ['s3://bucket?region=EU%20West', /region='EU West', which is not a region name/],
      ['s3://bucket?acl=public-read', /has the parameter 'acl', which is none of endpoint, region, forcePathStyle/],
      ['s3://keyid@bucket', /an access key id or a secret but not both/],
      ['s3://keyid:s3cr%zzet@bucket', /% not followed by two hex digits/],
    ];
    for (const [raw, message] of cases) {
      const m = refusal(raw);
      expect(m, raw).toMatch(message);
      expect(m).toMatch(/^BLOB_URL .*; unset it to keep blobs as files under DATA_DIR\/blobs$/);
      expect(m).not.toContain('s3cr');
    }
  });

  it('stops the configuration: a wrong BLOB_URL is one of its problems; unset keeps the file store', () => {
    expect(loadConfig({}).blobUrl).toBeUndefined();
    expect(loadConfig({ BLOB_URL: ' s3://vouch-docs?region=eu-west-1 ' }).blobUrl).toBe('s3://vouch-docs?region=eu-west-1');
    let problems: string[] = [];
    try {
      loadConfig({ BLOB_URL: 's3://id:topsecret@x', PORT: '0' });
    } catch (e) {
      problems = (e as ConfigError).problems;
    }
    expect(problems).toHaveLength(2);
    expect(problems.find((p) => p.startsWith('BLOB_URL'))).toMatch(/names the bucket 'x'/);
    expect(problems.join('\n')).not.toContain('topsecret');
  });
});
