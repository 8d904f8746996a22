import { createHmac, randomBytes } from 'node:crypto';

/**
 * Standard Webhooks signing (https://www.standardwebhooks.com): the secret is `whsec_` + base64 of 24
 * random bytes; the signature is base64 HMAC-SHA256, keyed with those bytes, over `${id}.${timestamp}.${body}`,
 * sent as `v1,<signature>` in `webhook-signature`, beside `webhook-id` and `webhook-timestamp` (Unix seconds).
 */
export const SECRET_PREFIX = 'whsec_';

export const newSecret = (): string => `${SECRET_PREFIX}${randomBytes(24).toString('base64')}`;

export function keyOf(secret: string): Buffer {
  return Buffer.from(secret.startsWith(SECRET_PREFIX) ? secret.slice(SECRET_PREFIX.length) : secret, 'base64');
}

export function sign(key: Buffer, id: string, timestampSeconds: number, body: string): string {
  return `v1,${createHmac('sha256', key).update(`${id}.${timestampSeconds}.${body}`).digest('base64')}`;
}

export function signedHeaders(key: Buffer, id: string, timestampSeconds: number, body: string): Record<string, string> {
  return {
    'content-type': 'application/json',
    'user-agent': 'Vouch-Webhooks/1',
    'webhook-id': id,
    'webhook-timestamp': String(timestampSeconds),
    'webhook-signature': sign(key, id, timestampSeconds, body),
  };
}

/**
 * SheerID's program webhook signing: `X-Sheerid-Signature` is the lowercase hex HMAC-SHA256 of the raw
 * body, keyed with the shared secret's bytes as they are written (UTF-8), as receivers written for
 * SheerID compute it. Nothing else is signed, so `webhook-id` rides along only to drop duplicates.
 */
export const newSharedSecret = (): string => randomBytes(32).toString('hex');

export const sharedKeyOf = (secret: string): Buffer => Buffer.from(secret, 'utf8');

export const sheeridSignature = (key: Buffer, body: string): string => createHmac('sha256', key).update(body).digest('hex');

export function sheeridHeaders(key: Buffer, id: string, body: string): Record<string, string> {
  return {
    'content-type': 'application/json',
    'user-agent': 'Vouch-Webhooks/1',
    'webhook-id': id,
    'X-Sheerid-Signature': sheeridSignature(key, body),
  };
}
