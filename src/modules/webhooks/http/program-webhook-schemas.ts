import { z } from 'zod';
import { strictBody } from '../../../platform/http/strict-body.ts';
import { CHOSEN_SECRET } from '../domain/program-webhook.ts';

// The program webhook's bodies and answers, in the eligibility dialect: a finding is given as its own
// sentence (`systemErrorMessage`), an unknown property named with the ones the body knows.

const within = (what: string, max: number) => ({ error: `${what} must be at most ${max} characters` });

export const ProgramParams = z.object({ programId: z.string().max(100, within("Path parameter 'programId'", 100)) });

const CALLBACK = "Property 'callbackUri' is required and must be an absolute URL of at most 2000 characters";
const SECRET = "Property 'signingSecret' must be 16 to 256 visible ASCII characters (no spaces)";

/** `POST /rest/v2/program/{programId}/webhook`. */
export const ProgramWebhookBody = strictBody({
  callbackUri: z
    .string({ error: CALLBACK })
    .min(1, { error: CALLBACK })
    .max(2000, { error: CALLBACK })
    .meta({
      description: 'Where each success of the program is POSTed',
      format: 'uri',
      examples: ['https://shop.example.com/sheerid'],
    }),
  signingSecret: z.string({ error: SECRET }).regex(CHOSEN_SECRET, { error: SECRET }).optional().meta({
    description:
      'Vouch: the secret `X-Sheerid-Signature` is keyed with, when the receiver already has one (such as the one SheerID handed over, or another program’s); by default a new random one',
  }),
}).meta({
  description: 'The callback of the program’s webhook',
  examples: [{ callbackUri: 'https://shop.example.com/sheerid' }],
});

/** SheerID answers `{}`; Vouch adds the signing secret, which is in this answer only. */
export const ProgramWebhookCreated = z
  .object({
    signingSecret: z.string().meta({
      description:
        'The key of `X-Sheerid-Signature` (lowercase hex HMAC-SHA256 of the raw body, keyed with this string’s UTF-8 bytes); shown in this answer only',
    }),
  })
  .meta({
    description: 'Registered: each success of the program is POSTed to the callback as `{"verificationId": "..."}`',
    examples: [{ signingSecret: '4f1c0b6e0d5a4f8e9a7c3b2d1e0f9a8b7c6d5e4f3a2b1c0d9e8f7a6b5c4d3e2f' }],
  });

export const ProgramWebhookDeleted = z.object({}).meta({ description: 'Deleted (also when the program had none)', examples: [{}] });
