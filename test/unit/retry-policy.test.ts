import { describe, expect, it } from 'vitest';
import { judge, MAX_RETRY_AFTER_SECONDS, parseRetryAfter, RETRY_SCHEDULE_SECONDS } from '../../src/modules/webhooks/domain/retry-policy.ts';

const now = new Date('2026-03-01T12:00:00.000Z');
const later = (seconds: number) => ({ kind: 'retry', at: new Date(now.getTime() + seconds * 1000) });
const HOUR = 3600;

// The schedule as docs/webhooks.md promises it to receivers, written out rather than read from the
// constant: 5 s, 5 min, 30 min, 2 h, 5 h, then 10 h seven times; 13 attempts in all.
const promised = [5, 300, 1800, 2 * HOUR, 5 * HOUR, ...Array(7).fill(10 * HOUR)];

describe('retry schedule', () => {
  it('is the documented one, about three days long', () => {
    expect([...RETRY_SCHEDULE_SECONDS]).toEqual(promised);
    const total = promised.reduce((a, b) => a + b, 0);
    expect(total).toBe(279_305);
    expect(total / 86_400).toBeCloseTo(3.23, 2);
    expect(MAX_RETRY_AFTER_SECONDS).toBe(86_400);
  });

  it.each(promised.map((wait, i) => [i + 1, wait]))('after failed attempt %i waits %i s', (attempt, wait) => {
    expect(judge({ statusCode: 500 }, attempt, now)).toEqual(later(wait));
  });

  it('gives up after the 13th failed attempt, whatever the failure', () => {
    expect(judge({ statusCode: 500 }, 12, now)).toEqual(later(10 * HOUR));
    expect(judge({ statusCode: 500 }, 13, now)).toEqual({ kind: 'dead', reason: 'exhausted' });
    expect(judge({}, 13, now)).toEqual({ kind: 'dead', reason: 'exhausted' });
    expect(judge({ statusCode: 500 }, 50, now)).toEqual({ kind: 'dead', reason: 'exhausted' });
    // A receiver asking for more time does not buy attempts beyond the last.
    expect(judge({ statusCode: 429, retryAfterSeconds: 10 }, 13, now)).toEqual({ kind: 'dead', reason: 'exhausted' });
  });

  it('counts from the moment given, not from the real clock', () => {
    const other = new Date('2030-12-31T23:59:59.500Z');
    expect(judge({ statusCode: 502 }, 1, other)).toEqual({ kind: 'retry', at: new Date('2031-01-01T00:00:04.500Z') });
  });
});

describe('verdict by answer', () => {
  it.each([200, 201, 202, 204, 299])('%i is delivered, on any attempt', (statusCode) => {
    expect(judge({ statusCode }, 1, now)).toEqual({ kind: 'delivered' });
    expect(judge({ statusCode }, 13, now)).toEqual({ kind: 'delivered' });
    expect(judge({ statusCode }, 99, now)).toEqual({ kind: 'delivered' });
  });

  it('410 Gone is dead at once, even on the first attempt and even with a Retry-After', () => {
    expect(judge({ statusCode: 410 }, 1, now)).toEqual({ kind: 'dead', reason: 'gone' });
    expect(judge({ statusCode: 410, retryAfterSeconds: 60 }, 1, now)).toEqual({ kind: 'dead', reason: 'gone' });
    expect(judge({ statusCode: 410 }, 13, now)).toEqual({ kind: 'dead', reason: 'gone' });
  });

  // Redirects are not followed, and 404 may be a deploy in progress: all of these are ordinary failures.
  it.each([100, 199, 300, 301, 302, 304, 400, 401, 403, 404, 409, 413, 429, 500, 502, 503, 504, 599])(
    '%i without Retry-After follows the schedule',
    (statusCode) => {
      expect(judge({ statusCode }, 1, now)).toEqual(later(5));
      expect(judge({ statusCode }, 4, now)).toEqual(later(2 * HOUR));
    },
  );

  it('no answer at all (timeout, refused connection, refused address) follows the schedule', () => {
    expect(judge({}, 1, now)).toEqual(later(5));
    expect(judge({ statusCode: undefined }, 3, now)).toEqual(later(1800));
  });
});

describe('Retry-After', () => {
  it('a 429 or 503 gets the time it asks for, shorter or longer than the schedule', () => {
    expect(judge({ statusCode: 429, retryAfterSeconds: 120 }, 1, now)).toEqual(later(120));
    expect(judge({ statusCode: 503, retryAfterSeconds: 120 }, 1, now)).toEqual(later(120));
    expect(judge({ statusCode: 429, retryAfterSeconds: 1 }, 8, now)).toEqual(later(1));
    expect(judge({ statusCode: 503, retryAfterSeconds: 0 }, 2, now)).toEqual(later(0));
  });

  it('is capped at a day', () => {
    expect(judge({ statusCode: 429, retryAfterSeconds: 86_399 }, 1, now)).toEqual(later(86_399));
    expect(judge({ statusCode: 429, retryAfterSeconds: 86_400 }, 1, now)).toEqual(later(86_400));
    expect(judge({ statusCode: 429, retryAfterSeconds: 86_401 }, 1, now)).toEqual(later(86_400));
    expect(judge({ statusCode: 503, retryAfterSeconds: 10 ** 12 }, 1, now)).toEqual(later(86_400));
    expect(judge({ statusCode: 503, retryAfterSeconds: Number.POSITIVE_INFINITY }, 1, now)).toEqual(later(86_400));
  });

  it.each([500, 502, 504, 404, 200])('is ignored on a %i', (statusCode) => {
    const expected = statusCode === 200 ? { kind: 'delivered' } : later(5);
    expect(judge({ statusCode, retryAfterSeconds: 3600 }, 1, now)).toEqual(expected);
  });

  it('is ignored without a status (no answer came)', () => {
    expect(judge({ retryAfterSeconds: 3600 }, 1, now)).toEqual(later(5));
  });
});

describe('parseRetryAfter', () => {
  it('reads delta-seconds, with surrounding spaces', () => {
    expect(parseRetryAfter('0', now)).toBe(0);
    expect(parseRetryAfter('120', now)).toBe(120);
    expect(parseRetryAfter('  90\t', now)).toBe(90);
    expect(parseRetryAfter('007', now)).toBe(7);
    expect(parseRetryAfter('86400000', now)).toBe(86_400_000);
  });

  // The three HTTP-date forms of RFC 9110, all naming 2026-03-01 12:02:00 GMT: two minutes after `now`.
  it.each([
    ['IMF-fixdate', 'Sun, 01 Mar 2026 12:02:00 GMT'],
    ['obsolete RFC 850', 'Sunday, 01-Mar-26 12:02:00 GMT'],
    ['obsolete asctime', 'Sun Mar  1 12:02:00 2026'],
  ])('reads an HTTP date (%s) as the seconds until it', (_form, value) => {
    expect(parseRetryAfter(value, now)).toBe(120);
  });

  it('rounds a date part of a second away up, so the wait is never short', () => {
    const justBefore = new Date('2026-03-01T12:01:59.200Z');
    expect(parseRetryAfter('Sun, 01 Mar 2026 12:02:00 GMT', justBefore)).toBe(1);
  });

  it('reads a date already past as no wait', () => {
    expect(parseRetryAfter('Sun, 01 Mar 2026 12:00:00 GMT', now)).toBe(0);
    expect(parseRetryAfter('Thu, 01 Jan 1970 00:00:00 GMT', now)).toBe(0);
  });

  it("reads an asctime date as GMT whatever the server's time zone", () => {
    const zone = process.env.TZ;
    try {
      process.env.TZ = 'America/New_York';
      expect(parseRetryAfter('Sun Mar  1 12:02:00 2026', now)).toBe(120);
    } finally {
      if (zone === undefined) delete process.env.TZ;
      else process.env.TZ = zone;
    }
  });

  // Date.parse alone would take the first four for dates long past: no wait at all.
  it.each([
    '1.5',
    '-5',
    '+5',
    '1 2',
    'Mar 1 2026',
    '2026-03-01T12:02:00',
    undefined,
    '',
    '   ',
    'soon',
    'abc',
    '1e3',
    '0x10',
    '10 minutes',
    '５',
  ])('reads %j as absent', (value) => {
    expect(parseRetryAfter(value, now)).toBeUndefined();
  });

  it('feeds judge: a 429 with an HTTP date an hour ahead is retried in an hour', () => {
    const seconds = parseRetryAfter('Sun, 01 Mar 2026 13:00:00 GMT', now);
    expect(judge({ statusCode: 429, retryAfterSeconds: seconds }, 1, now)).toEqual({
      kind: 'retry',
      at: new Date('2026-03-01T13:00:00.000Z'),
    });
  });
});
