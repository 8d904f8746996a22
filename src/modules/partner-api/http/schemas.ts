import { z } from 'zod';
import { strictBody } from '../../../platform/http/strict-body.ts';
import { isOneLine } from '../../../shared/names.ts';
import { LOCALES } from '../../eligibility-terms/index.ts';
import { isCountryCode } from '../../organizations/index.ts';
import { PARTNER_WEBHOOK_TYPES } from '../../webhooks/index.ts';
import { PARTNER_SEGMENTS } from '../domain/segments.ts';

// The partner API's bodies and answers. Errors are the eligibility dialect's (`/rest/...`): each finding
// is its own sentence naming the property, an unknown property named with the ones the body knows.

const within = (what: string, max: number) => ({ error: `${what} must be at most ${max} characters` });
export const ProgramParams = z.object({ programId: z.string().max(100, within("Path parameter 'programId'", 100)) });
export const WebhookParams = ProgramParams.extend({
  webhookId: z.string().max(100, within("Path parameter 'webhookId'", 100)),
});

/** A one-line text property of 1 to `max` characters (trimmed). */
const line = (what: string, max: number) => {
  const rule = `Property '${what}' must be a single line of 1 to ${max} characters`;
  return z.string({ error: rule }).trim().min(1, { error: rule }).max(max, { error: rule }).refine(isOneLine, { error: rule });
};
const url = (what: string) => {
  const rule = `Property '${what}' must be an absolute http(s) URL of at most 2000 characters`;
  return z.url({ protocol: /^https?$/, error: rule }).max(2000, { error: rule });
};
const bool = (what: string) => z.boolean({ error: `Property '${what}' must be true or false` });

export const LoginBody = strictBody({
  username: line('username', 200).meta({ description: "The id of one of the account's OAuth clients" }),
  password: z
    .string({ error: "Property 'password' is required and must be a string" })
    .min(1, { error: "Property 'password' is required and must be a string" })
    .max(500, within("Property 'password'", 500))
    .meta({ description: "The OAuth client's secret" }),
  override: bool('override')
    .optional()
    .meta({ description: 'Revoke the tokens earlier logins of the same client were given (default true)' }),
  wooCommerce: strictBody({ shopId: line('wooCommerce.shopId', 200).optional() }, 'wooCommerce')
    .optional()
    .meta({ description: 'What the WooCommerce plugin says of the shop: accepted, not used' }),
}).meta({
  description: "An OAuth client's credentials",
  examples: [{ username: '5f0c1a2b3c4d5e6f7a8b9c0d', password: 'vcs_…', override: true }],
});

export const LoginAnswer = z
  .object({
    userId: z.string().meta({ description: 'The OAuth client the token was issued to' }),
    bearerToken: z.string().meta({ description: "An API token of the account with the client's roles; shown once" }),
  })
  .meta({ description: 'The bearer token to send on every partner API request' });

const SUPPORTED_LANGUAGE = `Property 'audience.supportedLanguage.value' must be one of: ${LOCALES.join(', ')}`;
const COUNTRIES = "Property 'audience.supportedCountries' must list 1 to 300 ISO 3166 alpha-2 country codes";
const AGE = (b: string) => `Property 'audience.segmentDetails.${b}' must be a whole number from 0 to 150, or null`;
const SUBS = "Property 'audience.segmentDetails.subSegments' must list at most 20 sub-segment names";

export const AudienceBody = strictBody(
  {
    supportedLanguage: strictBody(
      {
        value: z.enum(LOCALES, { error: SUPPORTED_LANGUAGE }),
        label: z.string({ error: "Property 'audience.supportedLanguage.label' must be a string" }).max(200).optional(),
      },
      'audience.supportedLanguage',
    )
      .optional()
      .meta({ description: "The program's default language; its label is shown, not stored" }),
    supportedCountries: z
      .array(z.string({ error: COUNTRIES }).refine(isCountryCode, { error: COUNTRIES }), { error: COUNTRIES })
      .min(1, { error: COUNTRIES })
      .max(300, { error: COUNTRIES })
      .optional(),
    segmentDetails: strictBody(
      {
        subSegments: z
          .array(z.string({ error: SUBS }).max(100, { error: SUBS }), { error: SUBS })
          .max(20, { error: SUBS })
          .optional(),
        minAge: z
          .int({ error: AGE('minAge') })
          .min(0, { error: AGE('minAge') })
          .max(150, { error: AGE('minAge') })
          .nullable()
          .optional(),
        maxAge: z
          .int({ error: AGE('maxAge') })
          .min(0, { error: AGE('maxAge') })
          .max(150, { error: AGE('maxAge') })
          .nullable()
          .optional(),
      },
      'audience.segmentDetails',
    ).optional(),
  },
  'audience',
).meta({
  description: 'Who may verify: each part given replaces the program’s',
  examples: [{ supportedLanguage: { value: 'en-US' }, supportedCountries: ['US', 'CA'], segmentDetails: { minAge: 21, maxAge: null } }],
});

const TAGS = "Property 'customerTagging.tags' must list at most 50 tags of 1 to 100 characters on one line";

/** The fields of a program a partner may set (create and update alike). */
const programFields = {
  name: line('name', 200).optional(),
  offerDescription: z
    .string({ error: "Property 'offerDescription' must be a string of at most 2000 characters" })
    .max(2000, within("Property 'offerDescription'", 2000))
    .optional(),
  logoUrl: url('logoUrl').nullable().optional(),
  customCss: z
    .string({ error: "Property 'customCss' must be a string of at most 100000 characters" })
    .max(100_000, within("Property 'customCss'", 100_000))
    .optional(),
  customerTagging: strictBody(
    {
      tags: z
        .array(z.string({ error: TAGS }).trim().min(1, { error: TAGS }).max(100, { error: TAGS }).refine(isOneLine, { error: TAGS }), {
          error: TAGS,
        })
        .max(50, { error: TAGS }),
    },
    'customerTagging',
  ).optional(),
  oemType: line('oemType', 100).nullable().optional(),
  oemUniqueId: line('oemUniqueId', 200).nullable().optional(),
  audience: AudienceBody.optional(),
};

const SEGMENT = `Property 'segmentDescriptionName' is required and must be one of: ${PARTNER_SEGMENTS.join(', ')}`;

export const CreateProgramBody = strictBody({
  segmentDescriptionName: z
    .enum(PARTNER_SEGMENTS as [string, ...string[]], { error: SEGMENT })
    .meta({ description: 'The `name` of a segment of `GET /rest/oem/segments`' }),
  ...programFields,
}).meta({ description: 'A new program for a segment', examples: [{ segmentDescriptionName: 'student' }] });

export const UpdateProgramBody = strictBody(programFields).meta({
  description: 'The fields to change; `live` and `archived` change through launch, unlaunch and archive',
  examples: [{ offerDescription: '10% off for students', customerTagging: { tags: ['student'] } }],
});

export const NameBody = strictBody({ name: line('name', 200) }).meta({ examples: [{ name: 'Student discount' }] });

/** A request that takes no body: none, `null` or `{}`. */
export const NoBody = z
  .strictObject({}, { error: () => 'This request takes no body (or an empty object)' })
  .nullable()
  .optional()
  .meta({ description: 'No body, or `{}`' });

const strings = z.array(z.string());
const Language = z.object({ value: z.string(), label: z.string() });

export const SegmentDescription = z
  .object({
    name: z.string().meta({ description: 'What a program is created with (`segmentDescriptionName`)' }),
    displayName: z.string(),
    description: z.string(),
    label: z.string(),
    displayInfo: z.null(),
    languages: z.array(Language),
    countries: strings.meta({ description: 'Empty: a program may name any country' }),
  })
  .meta({ description: 'A segment a program can be created for' });

export const PartnerProgram = z
  .object({
    id: z.string(),
    name: z.string(),
    offerDescription: z.string(),
    segmentDescription: SegmentDescription,
    logoUrl: z.string().nullable(),
    customCss: z.string(),
    live: z.boolean().meta({ description: 'Out of test mode (launched)' }),
    archived: z.boolean().meta({ description: 'Archived: no new verification starts' }),
    installOptions: z
      .object({ verifyUrl: z.null(), landingPage: z.null(), modal: z.null(), embedded: z.null() })
      .meta({ description: 'Always null: Vouch serves no hosted form; install the form with the program id' }),
    customerTagging: z.object({ tags: strings }),
    oemType: z.string().nullable(),
    oemUniqueId: z.string().nullable(),
    audience: z.object({
      supportedLanguage: Language,
      supportedCountries: strings,
      segmentDetails: z.object({ subSegments: strings, minAge: z.number().nullable(), maxAge: z.number().nullable() }),
    }),
  })
  .meta({ description: 'A program as the partner API shows it' });

const WEBHOOK_TYPE = `Property 'type' is required and must be one of: ${PARTNER_WEBHOOK_TYPES.join(', ')}`;
const CALLBACK = "Property 'callbackUri' is required and must be an absolute URL of at most 2000 characters";
const callbackUri = z.string({ error: CALLBACK }).min(1, { error: CALLBACK }).max(2000, { error: CALLBACK });
const webhookType = z.enum(PARTNER_WEBHOOK_TYPES, { error: WEBHOOK_TYPE });

const NewWebhook = strictBody({ type: webhookType, callbackUri });
const WEBHOOK_LIST = 'The body must be a list of 1 to 20 webhooks {type, callbackUri}';

export const CreateWebhooksBody = z
  .array(NewWebhook, { error: WEBHOOK_LIST })
  .min(1, { error: WEBHOOK_LIST })
  .max(20, { error: WEBHOOK_LIST })
  .meta({
    description: 'The webhooks to register, each told of one type of news',
    examples: [
      [
        { type: 'SUCCESS', callbackUri: 'https://shop.example.com/sheerid' },
        { type: 'PROGRAM_CHANGE', callbackUri: 'https://shop.example.com/sheerid' },
      ],
    ],
  });

const STATUS = "Property 'webhookStatus' must be ENABLED or DISABLED";
export const UpdateWebhookBody = strictBody({
  type: webhookType.optional(),
  callbackUri: callbackUri.optional(),
  webhookStatus: z.enum(['ENABLED', 'DISABLED'], { error: STATUS }).optional(),
}).meta({ examples: [{ webhookStatus: 'DISABLED' }] });

export const PartnerWebhook = z
  .object({
    id: z.string(),
    callbackUri: z.string(),
    type: z.string(),
    webhookStatus: z.enum(['ENABLED', 'DISABLED']),
  })
  .meta({ description: 'A webhook of the program' });

export const CreatedWebhook = PartnerWebhook.extend({
  signingSecret: z
    .string()
    .optional()
    .meta({ description: 'The key of `X-Sheerid-Signature` for a webhook registered by this request; shown in this answer only' }),
});
