import { describe, expect, it } from 'vitest';
import { mailStatus, resendDelaySeconds } from '../../src/modules/client-requests/domain/link-mail.ts';

const at = new Date('2026-03-24T12:00:00Z');
const link = { send_mail: true, mail_sent_at: null, mail_failed_at: null, url_enc: 'enc' };

describe('what became of a link mail', () => {
  it('is pending, sent, failed, unsent, or none for a link not to be mailed', () => {
    expect(mailStatus(link)).toBe('pending');
    expect(mailStatus({ ...link, mail_sent_at: at, url_enc: null })).toBe('sent');
    expect(mailStatus({ ...link, mail_failed_at: at })).toBe('failed');
    // A mail that failed and then went out is sent; one that failed while its link ended stays failed.
    expect(mailStatus({ ...link, mail_failed_at: at, mail_sent_at: at, url_enc: null })).toBe('sent');
    expect(mailStatus({ ...link, mail_failed_at: at, url_enc: null })).toBe('failed');
    expect(mailStatus({ ...link, url_enc: null })).toBe('unsent');
    expect(mailStatus({ ...link, send_mail: false, url_enc: null })).toBeNull();
  });

  it('is tried again after a delay that doubles each round, up to the maximum', () => {
    const policy = { delaySeconds: 60, maxDelaySeconds: 900 };
    expect([1, 2, 3, 4, 5, 6, 100].map((n) => resendDelaySeconds(n, policy))).toEqual([60, 120, 240, 480, 900, 900, 900]);
    expect(resendDelaySeconds(1, { delaySeconds: 10, maxDelaySeconds: 5 })).toBe(5);
  });
});
