import { describe, expect, it } from 'vitest';
import { createSecretBox } from '../../src/platform/crypto/index.ts';
import type { VerificationsDeps } from '../../src/modules/verifications/app/deps.ts';
import { codeState, issueCode } from '../../src/modules/verifications/app/one-time-codes.ts';
import { aVerification } from '../support/verification.ts';

/** The codes of Remember-Me and the loops: right, wrong, late, and bound to their verification and purpose. */
describe('one-time codes', () => {
  let now = new Date('2026-03-24T12:00:00Z');
  const deps = { box: createSecretBox(Buffer.alloc(32, 7)), clock: { now: () => now } } as unknown as VerificationsDeps;
  const v = aVerification();

  it('keeps only a digest, and tells the right code from a wrong one until it expires', () => {
    const { code, kept } = issueCode(deps, v, 'email-loop', 10 * 60 * 1000);
    expect(code).toMatch(/^\d{6}$/);
    expect(kept.challengeHash).not.toContain(code);
    const holding = { ...v, ...kept };
    expect(codeState(deps, holding, 'email-loop', code)).toBe('right');
    expect(codeState(deps, holding, 'email-loop', ` ${code} `)).toBe('right');
    expect(codeState(deps, holding, 'email-loop', code === '000000' ? '000001' : '000000')).toBe('wrong');
    expect(codeState(deps, holding, 'email-loop', undefined)).toBe('wrong');
    // Another purpose or another verification: the same digits are not its code.
    expect(codeState(deps, holding, 'sms-loop', code)).toBe('wrong');
    expect(codeState(deps, { ...holding, id: 'f'.repeat(24) }, 'email-loop', code)).toBe('wrong');
    now = new Date(now.getTime() + 10 * 60 * 1000);
    expect(codeState(deps, holding, 'email-loop', code)).toBe('late');
    expect(codeState(deps, { ...holding, challengeHash: null }, 'email-loop', code)).toBe('late');
  });
});
