import { describe, expect, it } from 'vitest';
import { PASSWORD_MAX, PASSWORD_MIN, passwordProblem } from '../../src/modules/accounts/domain/password-rules.ts';
import { retryAfterSeconds, SIGN_IN_RULES } from '../../src/modules/accounts/domain/throttle.ts';
import {
  base32Decode,
  base32Encode,
  hotp,
  matchTotp,
  otpauthUri,
  timeStep,
  totp,
  type TotpAlgorithm,
} from '../../src/modules/accounts/domain/totp.ts';

/** The seeds of RFC 6238 Appendix B: the ASCII digits repeated to the length of each hash. */
const SEED = {
  sha1: Buffer.from('12345678901234567890'),
  sha256: Buffer.from('12345678901234567890123456789012'),
  sha512: Buffer.from('1234567890123456789012345678901234567890123456789012345678901234'),
};

describe('TOTP (RFC 6238) and HOTP (RFC 4226)', () => {
  it('makes the HOTP values of RFC 4226 Appendix D', () => {
    const expected = ['755224', '287082', '359152', '969429', '338314', '254676', '287922', '162583', '399871', '520489'];
    expect(expected.map((_, counter) => hotp(SEED.sha1, counter))).toEqual(expected);
  });

  // RFC 6238 Appendix B: time (seconds), then the 8-digit TOTP for SHA-1, SHA-256 and SHA-512.
  const vectors: [number, string, string, string][] = [
    [59, '94287082', '46119246', '90693936'],
    [1111111109, '07081804', '68084774', '25091201'],
    [1111111111, '14050471', '67062674', '99943326'],
    [1234567890, '89005924', '91819424', '93441116'],
    [2000000000, '69279037', '90698825', '38618901'],
    [20000000000, '65353130', '77737706', '47863826'],
  ];
  it.each(vectors)('at %i s makes the test vectors of RFC 6238 Appendix B', (seconds, sha1, sha256, sha512) => {
    const at = new Date(seconds * 1000);
    const made = (['sha1', 'sha256', 'sha512'] as TotpAlgorithm[]).map((alg) => totp(SEED[alg], at, 8, alg));
    expect(made).toEqual([sha1, sha256, sha512]);
  });

  it('makes 6-digit codes, zero-padded, that are the last 6 digits of the 8-digit ones', () => {
    const at = new Date(1111111109 * 1000);
    expect(totp(SEED.sha1, at)).toBe('081804');
    expect(timeStep(at)).toBe(37037036);
  });

  it('encodes and decodes base32 as RFC 4648 section 10 does, without padding', () => {
    const cases: [string, string][] = [
      ['', ''],
      ['f', 'MY'],
      ['fo', 'MZXQ'],
      ['foo', 'MZXW6'],
      ['foob', 'MZXW6YQ'],
      ['fooba', 'MZXW6YTB'],
      ['foobar', 'MZXW6YTBOI'],
    ];
    for (const [plain, encoded] of cases) {
      expect(base32Encode(Buffer.from(plain))).toBe(encoded);
      expect(base32Decode(encoded)?.toString()).toBe(plain);
    }
    expect(base32Decode('mzxw 6ytb oi======')?.toString()).toBe('foobar');
    expect(base32Decode('MZXW1')).toBeUndefined();
    expect(base32Encode(SEED.sha1)).toBe('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ');
  });

  describe('matching a typed code', () => {
    const at = new Date('2026-12-07T12:00:10Z');
    const now = timeStep(at);
    const code = (step: number) => hotp(SEED.sha1, step);

    it('takes the current step and one either side, and says which step it was', () => {
      expect(matchTotp(SEED.sha1, code(now), at, null)).toBe(now);
      expect(matchTotp(SEED.sha1, code(now - 1), at, null)).toBe(now - 1);
      expect(matchTotp(SEED.sha1, code(now + 1), at, null)).toBe(now + 1);
      expect(matchTotp(SEED.sha1, code(now - 2), at, null)).toBeNull();
      expect(matchTotp(SEED.sha1, code(now + 2), at, null)).toBeNull();
    });

    it('never takes a step at or before the last one used', () => {
      expect(matchTotp(SEED.sha1, code(now), at, now)).toBeNull();
      expect(matchTotp(SEED.sha1, code(now - 1), at, now - 1)).toBeNull();
      expect(matchTotp(SEED.sha1, code(now), at, now - 1)).toBe(now);
      expect(matchTotp(SEED.sha1, code(now + 1), at, now)).toBe(now + 1);
    });

    it('ignores spaces, and refuses anything but six digits', () => {
      const c = code(now);
      expect(matchTotp(SEED.sha1, `${c.slice(0, 3)} ${c.slice(3)}`, at, null)).toBe(now);
      expect(matchTotp(SEED.sha1, ` ${c} `, at, null)).toBe(now);
      for (const bad of ['', '12345', '1234567', 'abcdef', `${c}0`, `+${c.slice(1)}`]) {
        expect(matchTotp(SEED.sha1, bad, at, null)).toBeNull();
      }
    });

    it('refuses a code of another secret', () => {
      expect(matchTotp(Buffer.from('another secret of 20!'), code(now), at, null)).toBeNull();
    });
  });

  it('writes the otpauth URI authenticator apps read', () => {
    expect(otpauthUri('Vouch', 'ana+ops@example.org', 'JBSWY3DPEHPK3PXP')).toBe(
      'otpauth://totp/Vouch:ana%2Bops%40example.org?secret=JBSWY3DPEHPK3PXP&issuer=Vouch',
    );
  });
});

describe('password rules', () => {
  it('takes 12 to 256 characters, of any kind', () => {
    expect(PASSWORD_MIN).toBe(12);
    expect(PASSWORD_MAX).toBe(256);
    expect(passwordProblem('a'.repeat(11))).toBe('The password must have at least 12 characters');
    expect(passwordProblem('')).toMatch(/at least 12/);
    expect(passwordProblem('a'.repeat(12))).toBeNull();
    expect(passwordProblem('correct horse battery staple')).toBeNull();
    expect(passwordProblem('x'.repeat(256))).toBeNull();
    expect(passwordProblem('x'.repeat(257))).toBe('The password must have at most 256 characters');
  });

  it('counts characters, not UTF-16 units, after composing accents', () => {
    // 11 emoji are 22 UTF-16 units, but 11 characters.
    expect(passwordProblem('🔑'.repeat(11))).toMatch(/at least 12/);
    expect(passwordProblem('🔑'.repeat(12))).toBeNull();
    // e + combining acute accent, composed to é: 11 characters.
    expect(passwordProblem('e\u0301'.repeat(11))).toMatch(/at least 12/);
  });

  it('refuses a password of spaces only', () => {
    expect(passwordProblem(' '.repeat(20))).toBe('The password must not be only spaces');
  });
});

describe('sliding-window throttle', () => {
  const rule = { limit: 5, windowMs: 15 * 60_000 };
  const now = new Date('2026-12-07T12:00:00Z');
  const ago = (seconds: number) => new Date(now.getTime() - seconds * 1000);

  it('lets attempts through below the limit', () => {
    expect(retryAfterSeconds([], now, rule)).toBeNull();
    expect(retryAfterSeconds([ago(1), ago(2), ago(3), ago(4)], now, rule)).toBeNull();
  });

  it('at the limit, waits until the oldest counted event leaves the window', () => {
    const events = [ago(600), ago(10), ago(20), ago(30), ago(40)];
    expect(retryAfterSeconds(events, now, rule)).toBe(900 - 600);
    // More than the limit: the wait ends when the window is back to limit - 1 events.
    const more = [ago(800), ago(700), ago(600), ago(10), ago(20), ago(30)];
    expect(retryAfterSeconds(more, now, rule)).toBe(900 - 700);
  });

  it('ignores events outside the window, and waits at least one second', () => {
    expect(retryAfterSeconds([ago(900), ago(901), ago(1), ago(2), ago(3), ago(4)], now, rule)).toBeNull();
    const edge = [new Date(now.getTime() - rule.windowMs + 1), ago(1), ago(2), ago(3), ago(4)];
    expect(retryAfterSeconds(edge, now, rule)).toBe(1);
  });

  it('allows 5 failures per email address and 20 per client address in 15 minutes', () => {
    expect(SIGN_IN_RULES.login).toEqual({ limit: 5, windowMs: 15 * 60_000 });
    expect(SIGN_IN_RULES.address).toEqual({ limit: 20, windowMs: 15 * 60_000 });
  });
});
