import { describe, expect, it } from 'vitest';
import { domainOf, isDisposable } from '../../src/modules/abuse/domain/disposable.ts';
import { countersOf, keyText, limitReason, rulesOf, verdictOfCounts, windowOf } from '../../src/modules/abuse/domain/rules.ts';
import type { AbuseAttempt } from '../../src/modules/verifications/index.ts';

const LISTED = new Set(['mailinator.com', 'yopmail.fr']);
const DEFAULTS = {
  refuseDisposableEmails: true,
  perPersonPerDay: 5,
  perDevicePerDay: 20,
  perEmailPerDay: 5,
  perIpPerHour: 100,
  refuseDuplicateDocuments: false,
};

const attempt = (over: Partial<AbuseAttempt>): AbuseAttempt => ({
  kind: 'person',
  accountId: 'a',
  programId: 'p',
  rules: DEFAULTS,
  verificationId: 'v',
  step: 'collectStudentPersonalInfo',
  testMode: false,
  ip: '203.0.113.7',
  ...over,
});

describe('disposable email domains', () => {
  it('finds the domain of an address, lowercased, without a trailing dot', () => {
    expect(domainOf('Bot@MailInator.com.')).toBe('mailinator.com');
    expect(domainOf('a@b@example.org')).toBe('example.org');
    expect(domainOf('no-at-sign')).toBeNull();
    expect(domainOf('nothing@')).toBeNull();
  });

  it('refuses a listed domain and its subdomains, not a domain that merely ends the same way', () => {
    expect(isDisposable('x@mailinator.com', LISTED)).toBe(true);
    expect(isDisposable('x@EU.mailinator.com', LISTED)).toBe(true);
    expect(isDisposable('x@a.b.yopmail.fr', LISTED)).toBe(true);
    expect(isDisposable('x@notmailinator.com', LISTED)).toBe(false);
    expect(isDisposable('x@mailinator.com.example.org', LISTED)).toBe(false);
    expect(isDisposable('x@example.com', LISTED)).toBe(false);
    expect(isDisposable('not an address', LISTED)).toBe(false);
  });
});

describe('settings', () => {
  it('judges a program stored before the setting existed by the defaults', () => {
    expect(rulesOf(undefined)).toEqual(DEFAULTS);
    expect(rulesOf(null)).toEqual(DEFAULTS);
  });

  it('keeps what a program set', () => {
    expect(rulesOf({ ...DEFAULTS, perIpPerHour: 0 }).perIpPerHour).toBe(0);
  });
});

describe('counters', () => {
  it('counts the person, email and device of a person step, not its address (the step judgment counted it)', () => {
    const c = countersOf(attempt({ personKey: 'pk', email: ' Bot@Example.COM ', deviceFingerprintHash: 'dev' }), DEFAULTS);
    expect(c).toEqual([
      { rule: 'perPersonPerDay', value: 'pk', limit: 5 },
      { rule: 'perEmailPerDay', value: 'bot@example.com', limit: 5 },
      { rule: 'perDevicePerDay', value: 'dev', limit: 20 },
    ]);
  });

  it('counts the address of a start or another step, and nothing it does not know', () => {
    expect(countersOf(attempt({ kind: 'start', verificationId: null }), DEFAULTS)).toEqual([
      { rule: 'perIpPerHour', value: '203.0.113.7', limit: 100 },
    ]);
    expect(countersOf(attempt({ kind: 'step', ip: null }), DEFAULTS)).toEqual([]);
    expect(countersOf(attempt({ personKey: 'pk' }), DEFAULTS).map((c) => c.rule)).toEqual(['perPersonPerDay']);
  });

  it('counts nothing for a limit of 0 (no limit)', () => {
    const rules = { ...DEFAULTS, perPersonPerDay: 0, perEmailPerDay: 0, perDevicePerDay: 0, perIpPerHour: 0 };
    expect(countersOf(attempt({ personKey: 'pk', email: 'e@example.com', deviceFingerprintHash: 'd' }), rules)).toEqual([]);
    expect(countersOf(attempt({ kind: 'step' }), rules)).toEqual([]);
  });

  it('keys each rule apart, so one value never shares another rule’s counter', () => {
    expect(keyText({ rule: 'perEmailPerDay', value: 'x' })).not.toBe(keyText({ rule: 'perPersonPerDay', value: 'x' }));
  });
});

describe('verdicts', () => {
  it('refuses only past the limit, with the errorId and a reason naming the rule', () => {
    expect(verdictOfCounts([{ rule: 'perPersonPerDay', limit: 5, count: 5 }])).toBeNull();
    expect(verdictOfCounts([{ rule: 'perPersonPerDay', limit: 5, count: 6 }])).toEqual({
      ok: false,
      errorId: 'verificationLimitExceeded',
      reason: 'more than 5 attempts by this person today on this program',
      rule: 'perPersonPerDay',
    });
    expect(verdictOfCounts([{ rule: 'perDevicePerDay', limit: 1, count: 2 }])).toMatchObject({
      errorId: 'fraudRulesReject',
      reason: 'more than 1 attempt from this device today on this program',
    });
  });

  it('answers the device rule first when several are past their limits', () => {
    const v = verdictOfCounts([
      { rule: 'perEmailPerDay', limit: 1, count: 9 },
      { rule: 'perDevicePerDay', limit: 1, count: 9 },
    ]);
    expect(v?.rule).toBe('perDevicePerDay');
  });

  it('words the hourly limit', () => {
    expect(limitReason('perIpPerHour', 100)).toBe('more than 100 attempts from this IP address in this hour on this program');
  });
});

describe('windows', () => {
  it('are the UTC day and hour of the instant', () => {
    const now = new Date('2026-03-24T23:59:59.999Z');
    expect(windowOf(now, 'day')).toEqual({ start: new Date('2026-03-24T00:00:00Z'), end: new Date('2026-03-25T00:00:00Z') });
    expect(windowOf(now, 'hour')).toEqual({ start: new Date('2026-03-24T23:00:00Z'), end: new Date('2026-03-25T00:00:00Z') });
  });
});
