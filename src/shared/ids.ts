import { randomBytes, randomUUID } from 'node:crypto';

/** The one id generator. Ids are random, so they reveal neither order nor volume. */
export interface Ids {
  /** 24 lowercase hex characters, the shape of SheerID ids (verification, program, account ...). */
  hex24(): string;
  /** 32 lowercase hex characters (batch ids). */
  hex32(): string;
  /** A random UUID (Treefort-style references). */
  uuid(): string;
  /** A 256-bit secret in base64url with a readable prefix, e.g. `vch_...` for API tokens. */
  secret(prefix: string): string;
}

export const randomIds: Ids = {
  hex24: () => randomBytes(12).toString('hex'),
  hex32: () => randomBytes(16).toString('hex'),
  uuid: () => randomUUID(),
  secret: (prefix) => `${prefix}_${randomBytes(32).toString('base64url')}`,
};

export const HEX24 = /^[0-9a-f]{24}$/;
export const HEX32 = /^[0-9a-f]{32}$/;
