import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { describeFailure, isPermanentFailure } from '../../src/platform/jobs/index.ts';

const pgError = (code: string, message = 'invalid input syntax for type json') => ({
  name: 'error',
  severity: 'ERROR',
  code,
  message,
  where: 'JSON data, line 1: {"name":"Jane',
});

describe('isPermanentFailure', () => {
  it('holds for PostgreSQL data exceptions (class 22) only', () => {
    expect(isPermanentFailure(Object.assign(new Error('x'), pgError('22P02')))).toBe(true);
    expect(isPermanentFailure(Object.assign(new Error('x'), pgError('22001')))).toBe(true);
    expect(isPermanentFailure(Object.assign(new Error('x'), pgError('57014')))).toBe(false); // statement timeout
    expect(isPermanentFailure(Object.assign(new Error('x'), pgError('08006')))).toBe(false); // connection lost
    expect(isPermanentFailure(Object.assign(new Error('x'), { code: '22ABC' }))).toBe(false); // not a database error
    expect(isPermanentFailure(new Error('boom'))).toBe(false);
    expect(isPermanentFailure(undefined)).toBe(false);
  });
});

describe('describeFailure', () => {
  it('says what kind of failure it was, from what pg-boss recorded', () => {
    expect(describeFailure(pgError('22P02'))).toBe('the database refused a value it holds (SQLSTATE 22P02); retrying cannot help');
    expect(describeFailure(pgError('57014'))).toBe('it kept failing until its retries were used up (last error: SQLSTATE 57014)');
    expect(describeFailure({ value: { message: 'job failed by timeout in active state' } })).toBe(
      'it did not finish in time, and its retries were used up',
    );
    expect(describeFailure({ name: 'Error', message: 'handler execution exceeded 900000ms' })).toBe(
      'it did not finish in time, and its retries were used up',
    );
    expect(describeFailure({ name: 'Error', code: 'EENVELOPE', responseCode: 550, response: '550 <jane@example.com> unknown' })).toBe(
      'it kept failing until its retries were used up (last error: EENVELOPE, server reply 550)',
    );
    expect(describeFailure({ name: 'TypeError', message: 'x' })).toBe(
      'it kept failing until its retries were used up (last error: TypeError)',
    );
    expect(describeFailure(null)).toBe('it kept failing until its retries were used up (last error: Error)');
  });

  it('never repeats an error message, detail or reply text, which can quote stored data', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 8 }), fc.string({ minLength: 8 }), (message, other) => {
        const secret = `Jane ${message}`;
        for (const output of [
          { name: 'Error', message: secret },
          { ...pgError('22P02', secret), detail: secret },
          { code: secret, name: secret, response: other + secret },
          { value: { message: secret } },
        ])
          expect(describeFailure(output)).not.toContain(secret);
      }),
    );
  });
});
