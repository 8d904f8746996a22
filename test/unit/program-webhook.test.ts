import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createSecretBox } from '../../src/platform/crypto/index.ts';
import type { WebhooksDeps } from '../../src/modules/webhooks/app/deps.ts';
import { createProgramWebhook } from '../../src/modules/webhooks/app/program-webhooks.ts';
import {
  CHOSEN_SECRET,
  isProgramEndpoint,
  programEndpointId,
  programOfEndpoint,
  programWebhookBody,
} from '../../src/modules/webhooks/domain/program-webhook.ts';
import { sharedKeyOf, sheeridHeaders, sheeridSignature } from '../../src/modules/webhooks/infra/signature.ts';
import type { WebhooksRepository } from '../../src/modules/webhooks/infra/webhooks-repository.ts';
import { AppError } from '../../src/shared/errors.ts';
import { randomIds } from '../../src/shared/ids.ts';

const PROGRAM = '5d4a5d2a7b9ca962e0b6a901';

describe('program webhook: ids, body and signature', () => {
  it('reads the program from the id of a program webhook, and only from one', () => {
    expect(programEndpointId(PROGRAM, 3)).toBe(`whp_${PROGRAM}_3`);
    expect(programOfEndpoint(programEndpointId(PROGRAM, 12))).toBe(PROGRAM);
    expect(isProgramEndpoint(programEndpointId(PROGRAM, 1))).toBe(true);
    for (const id of [
      `whe_${'a'.repeat(24)}`,
      `whp_${PROGRAM}`,
      `whp_${PROGRAM}_0`,
      `whp_${PROGRAM}_x`,
      `whp_${PROGRAM.toUpperCase()}_1`,
      '',
    ]) {
      expect(programOfEndpoint(id), id).toBeNull();
    }
    expect(isProgramEndpoint(`whe_${'a'.repeat(24)}`)).toBe(false);
  });

  it("sends SheerID's body and signs it as lowercase hex HMAC-SHA256 of the raw bytes, keyed with the secret as written", () => {
    expect(programWebhookBody('5e1b8a4f2c9d3e7f6a0b1c2d')).toBe('{"verificationId":"5e1b8a4f2c9d3e7f6a0b1c2d"}');
    // RFC 4231, test case 2.
    expect(sheeridSignature(sharedKeyOf('Jefe'), 'what do ya want for nothing?')).toBe(
      '5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843',
    );
    // A secret outside ASCII is keyed with its UTF-8 bytes, as receivers in any language compute it.
    expect(sharedKeyOf('clé')).toEqual(Buffer.from([0x63, 0x6c, 0xc3, 0xa9]));
    const headers = sheeridHeaders(sharedKeyOf('Jefe'), 'evt_1', 'what do ya want for nothing?');
    expect(headers['X-Sheerid-Signature']).toBe('5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843');
    expect(headers['content-type']).toBe('application/json');
    expect(Object.keys(headers)).not.toContain('webhook-signature');
  });

  it('takes a chosen secret of 16 to 256 visible ASCII characters only', () => {
    for (const ok of ['x'.repeat(16), 'A1!~'.repeat(64), 'whsec_abcdefghijklmnop']) expect(CHOSEN_SECRET.test(ok), ok).toBe(true);
    for (const bad of ['x'.repeat(15), 'x'.repeat(257), 'sixteen chars with spaces', `${'x'.repeat(16)}\n`, 'ééééééééééééééééé']) {
      expect(CHOSEN_SECRET.test(bad), bad).toBe(false);
    }
  });
});

describe('program webhook registration', () => {
  /** Deps whose store must not be reached: a refused registration writes nothing. */
  const deps = (
    allowPrivateTargets: boolean,
    programOfAccount: WebhooksDeps['programOfAccount'] = async () => undefined,
  ): WebhooksDeps => ({
    repo: {
      insertProgramEndpoint: () => {
        throw new Error('nothing may be stored');
      },
    } as unknown as WebhooksRepository,
    box: createSecretBox(randomBytes(32)),
    ids: randomIds,
    clock: { now: () => new Date() },
    allowPrivateTargets,
    timeoutMs: 1000,
    concurrency: 1,
    endpointConcurrency: 1,
    programOfAccount,
  });
  const refusal = async (p: Promise<unknown>) => {
    const e = await p.then(
      () => null,
      (err: unknown) => err,
    );
    expect(e).toBeInstanceOf(AppError);
    return e as AppError;
  };
  it('refuses a callback on a private address unless the operator allowed them, storing nothing', async () => {
    for (const callbackUri of [
      'http://127.0.0.1:8080/hook',
      'http://10.0.0.5/hook',
      'http://[::1]/hook',
      'http://169.254.169.254/latest',
    ]) {
      const e = await refusal(createProgramWebhook(deps(false), 'acc', PROGRAM, { callbackUri }));
      expect(e.code, callbackUri).toBe('webhookTargetNotAllowed');
      expect(e.status).toBe(400);
    }
  });

  it('checks the program before the callback: an unknown program is refused first', async () => {
    const unknown = async () => {
      throw new AppError('noProgram', 404, `Program with ID '${PROGRAM}' not found`);
    };
    const e = await refusal(createProgramWebhook(deps(false, unknown), 'acc', PROGRAM, { callbackUri: 'not a url' }));
    expect(e.code).toBe('noProgram');
  });
});
