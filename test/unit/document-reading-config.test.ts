import { describe, expect, it } from 'vitest';
import { readEnv } from '../../src/main/config-vars.ts';

describe('DOCUMENT_READING', () => {
  it('is on unless turned off, and refuses anything but on or off, naming the variable', () => {
    expect(readEnv({}).values.DOCUMENT_READING).toBe(true);
    expect(readEnv({ DOCUMENT_READING: 'off' }).values.DOCUMENT_READING).toBe(false);
    expect(readEnv({ DOCUMENT_READING: ' ON ' }).values.DOCUMENT_READING).toBe(true);
    expect(readEnv({ DOCUMENT_READING: 'sometimes' }).problems).toEqual(["DOCUMENT_READING must be on or off, got 'sometimes'"]);
  });
});
