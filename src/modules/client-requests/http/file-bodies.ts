import { z } from 'zod';
import type { Clock } from '../../../shared/clock.ts';
import {
  CLIENT_FIELDS,
  CLIENT_LANGUAGES,
  CONTROL,
  DATE_OF_BIRTH_INVALID,
  MAX_CLIENTS,
  NOT_CLEARABLE,
  REQUIRED_CLIENT_FIELDS,
  clientTextProblem,
  dateOfBirthProblem,
  emailProblem,
  phoneProblem,
} from '../domain/client-input.ts';
import { NOT_AN_OBJECT } from './bodies.ts';
import { listed, named, say, UNKNOWN } from './findings.ts';

// The bodies that open a file and change its clients (create-verification-request,
// update-verification-request), with the sentences their checks have always used.

/** A client's text, checked: 1 to `max` printable characters once trimmed; '' is none (`is required` when `required`). */
const clientText = (max: number, required: boolean, rule?: (trimmed: string) => string | null) =>
  z.string({ error: (issue) => named(issue.input == null ? 'is required' : 'must be a string')(issue) }).superRefine((v, ctx) => {
    if (v === '') {
      if (required) say(ctx, 'is required');
      return;
    }
    const problem = clientTextProblem(v.trim(), max) ?? rule?.(v.trim());
    if (problem) say(ctx, problem);
  });
const requiredText = (max: number, rule?: (trimmed: string) => string | null) => clientText(max, true, rule).transform((v) => v.trim());
/** Null, '' or nothing: none. */
const optionalText = (max: number, rule?: (trimmed: string) => string | null) =>
  clientText(max, false, rule)
    .transform((v) => v.trim() || null)
    .nullable()
    .optional();

/** A birth date, judged against the server's clock; null when unknown. */
const dateOfBirth = (clock: Clock) =>
  z
    .string({ error: named(DATE_OF_BIRTH_INVALID) })
    .superRefine((v, ctx) => {
      const problem = dateOfBirthProblem(v, clock.now());
      if (problem) say(ctx, problem);
    })
    .nullable()
    .optional()
    .meta({ format: 'date', description: 'YYYY-MM-DD, from 1900-01-01 to today; null when unknown' });

/** The client's language, `en` or `fr`; null or left out: the account's default. */
const language = () =>
  z
    .enum(CLIENT_LANGUAGES, { error: named('must be "en" or "fr"') })
    .nullable()
    .optional()
    .meta({ description: "The language of the client's link mail and page; the account's default when left out" });

/** A new client: the four required fields (null or '' answered `is required`), the others when given. */
const newClient = (clock: Clock) => ({
  firstName: requiredText(100),
  middleName: optionalText(100),
  lastName: requiredText(100),
  email: requiredText(254, emailProblem).meta({ format: 'email' }),
  phoneNumber: requiredText(30, phoneProblem),
  dateOfBirth: dateOfBirth(clock),
  requesterClientRequestId: optionalText(200),
  language: language(),
});
/** A client of an update: any of the fields (which are required, or may not be emptied, are rules of `updatedClient`). */
const changedClient = (clock: Clock) => ({
  firstName: optionalText(100),
  middleName: optionalText(100),
  lastName: optionalText(100),
  email: optionalText(254, emailProblem).meta({ format: 'email' }),
  phoneNumber: optionalText(30, phoneProblem),
  dateOfBirth: dateOfBirth(clock),
  requesterClientRequestId: optionalText(200),
  language: language(),
});

/** The clients of a create or update: 1 to 20, each checked only when their number is right. */
const clients = <T extends z.ZodType>(client: T) =>
  z.preprocess((list, ctx) => {
    if (!Array.isArray(list) || list.length === 0) ctx.addIssue({ code: 'custom', message: 'clients must be a non-empty array' });
    else if (list.length > MAX_CLIENTS) ctx.addIssue({ code: 'custom', message: `At most ${MAX_CLIENTS} clients per request` });
    return list;
  }, z.array(client).min(1).max(MAX_CLIENTS));

/** A reference of the file: 1 to `max` printable characters as sent, trimmed. */
const fileText = (max: number, required: boolean) => {
  const sentence = `must be 1 to ${max} printable characters`;
  return z
    .string({ error: (issue) => named(issue.input === undefined || (required && issue.input === null) ? 'is required' : sentence)(issue) })
    .refine((v) => v.trim() !== '' && v.length <= max && !CONTROL.test(v), { error: named(sentence) })
    .transform((v) => v.trim());
};

const flag = () => z.boolean({ error: named('must be true or false') });
/** A flag of create: null or nothing is `fallback`. */
const createFlag = (fallback: boolean) =>
  flag()
    .nullish()
    .transform((v) => v ?? fallback);

const CREATE_KEYS = [
  'requesterReferenceId',
  'fileName',
  'fileNumber',
  'clients',
  'bankingLoginRequired',
  'createNewClientRecord',
  'sendLink',
];

/** `create-verification-request`: a file and its first clients, every client complete. */
export const createFileBody = (clock: Clock) =>
  listed(
    {
      requesterReferenceId: fileText(100, true),
      fileName: fileText(200, false).nullable().optional(),
      fileNumber: fileText(100, false).nullable().optional(),
      clients: clients(
        listed(newClient(clock), { expected: CLIENT_FIELDS, order: CLIENT_FIELDS, notAnObject: (w) => `${w} must be an object` }),
      ),
      bankingLoginRequired: createFlag(false),
      createNewClientRecord: createFlag(false),
      sendLink: createFlag(true),
    },
    {
      expected: CREATE_KEYS,
      order: ['requesterReferenceId', 'fileName', 'fileNumber', 'bankingLoginRequired', 'createNewClientRecord', 'sendLink', 'clients'],
      notAnObject: () => NOT_AN_OBJECT,
    },
  );

/**
 * A client of an update: with `clientRequestId`, a change of that request's client (any of its fields, the
 * required ones never emptied); without, a new client, complete. A `clientRequestId` of '' names no request:
 * the use case refuses it as it refuses any id that is not a request of the file.
 */
const updatedClient = (clock: Clock) =>
  listed(
    { ...changedClient(clock), clientRequestId: z.string({ error: named('must be a string') }).optional() },
    {
      expected: [...CLIENT_FIELDS, 'clientRequestId'],
      order: ['clientRequestId', UNKNOWN, ...CLIENT_FIELDS],
      notAnObject: (w) => `${w} must be an object`,
      rules: (client, problem, failed) => {
        const change = client.clientRequestId !== undefined;
        for (const field of REQUIRED_CLIENT_FIELDS) {
          if (failed(field)) continue;
          // '' is read as none (null): a change that sends either would empty the field.
          const none = client[field] == null || client[field] === '';
          if (!change && none) problem(field, 'is required');
          else if (change && field in client && none) problem(field, NOT_CLEARABLE);
        }
      },
    },
  );

/** `update-verification-request`: clients added to a file or changed. */
export const updateFileBody = (clock: Clock) =>
  listed(
    {
      fileReferenceId: z
        .string({ error: 'fileReferenceId is required and must be a string' })
        .refine((v) => v !== '', 'fileReferenceId is required and must be a string'),
      clients: clients(updatedClient(clock)),
      bankingLoginRequired: flag().optional(),
      createNewClientRecord: flag().optional(),
      sendLink: flag().optional(),
    },
    {
      expected: ['fileReferenceId', 'clients', 'bankingLoginRequired', 'createNewClientRecord', 'sendLink'],
      order: ['fileReferenceId', 'bankingLoginRequired', 'createNewClientRecord', 'sendLink', 'clients'],
      notAnObject: () => NOT_AN_OBJECT,
    },
  );

export type CreateFileBody = z.output<ReturnType<typeof createFileBody>>;
export type UpdateFileBody = z.output<ReturnType<typeof updateFileBody>>;
