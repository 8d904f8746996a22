import { createCipheriv, createDecipheriv, createHash, createHmac, hkdfSync, randomBytes } from 'node:crypto';

/**
 * Encryption of PII at rest (AES-256-GCM) and keyed digests for looking PII up without decrypting it.
 * Both keys are derived from the one SECRET_KEY, so a digest cannot be recomputed without it.
 */
export interface SecretBox {
  encrypt(plain: string): string;
  decrypt(sealed: string): string;
  encryptJson(value: unknown): string;
  decryptJson<T>(sealed: string): T;
  /** A keyed digest (HMAC-SHA256, hex) of a normalised value, for equality lookups. */
  digest(value: string): string;
  /** The key for blobs (documents) at rest, separate from the field key. */
  blobKey: Buffer;
}

const VERSION = 'v1';

export function createSecretBox(secretKey: Buffer): SecretBox {
  if (secretKey.length !== 32) throw new Error('SECRET_KEY must be 32 bytes (64 hex characters or 44 base64 characters)');
  const encKey = Buffer.from(hkdfSync('sha256', secretKey, Buffer.alloc(0), 'vouch:pii-encryption', 32));
  const macKey = Buffer.from(hkdfSync('sha256', secretKey, Buffer.alloc(0), 'vouch:pii-digest', 32));

  const encrypt = (plain: string): string => {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', encKey, iv);
    const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return `${VERSION}:${Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64')}`;
  };
  const decrypt = (sealed: string): string => {
    const [version, payload] = sealed.split(':');
    if (version !== VERSION || !payload) throw new Error('Unknown ciphertext format');
    const raw = Buffer.from(payload, 'base64');
    const decipher = createDecipheriv('aes-256-gcm', encKey, raw.subarray(0, 12));
    decipher.setAuthTag(raw.subarray(12, 28));
    return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
  };
  return {
    encrypt,
    decrypt,
    encryptJson: (value) => encrypt(JSON.stringify(value)),
    decryptJson: <T>(sealed: string) => JSON.parse(decrypt(sealed)) as T,
    digest: (value) => createHmac('sha256', macKey).update(value).digest('hex'),
    blobKey: Buffer.from(hkdfSync('sha256', secretKey, Buffer.alloc(0), 'vouch:blob-encryption', 32)),
  };
}

/** SHA-256 hex of a bearer secret: tokens are stored only as this digest. */
export const sha256 = (value: string): string => createHash('sha256').update(value).digest('hex');

/** Parses SECRET_KEY given as 64 hex characters or base64 of 32 bytes. */
export function parseSecretKey(text: string): Buffer {
  const trimmed = text.trim();
  const key = /^[0-9a-fA-F]{64}$/.test(trimmed) ? Buffer.from(trimmed, 'hex') : Buffer.from(trimmed, 'base64');
  if (key.length !== 32) throw new Error('SECRET_KEY must be 32 bytes (64 hex characters or 44 base64 characters)');
  return key;
}
