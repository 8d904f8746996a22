import { describe, expect, it } from 'vitest';
import { loggableUrl } from '../../src/platform/http/log-redaction.ts';

describe('request URLs in logs', () => {
  it('masks link and upload tokens and drops the query string', () => {
    expect(loggableUrl('/verify/vcl_abc123?lang=fr')).toBe('/verify/[redacted]');
    expect(loggableUrl('/verify/vcl_abc123/image/front')).toBe('/verify/[redacted]/image/front');
    expect(loggableUrl('/rest/v2/document/upload/tok_secret')).toBe('/rest/v2/document/upload/[redacted]');
    expect(loggableUrl('/rest/v2/verification/abc?email=a@b.c')).toBe('/rest/v2/verification/abc');
  });
});
