import { z } from 'zod';

// The bodies of the client-request dialect, parsed at the route. Their messages are the dialect's own
// sentences: the envelope lists them in `errors` as they are (see platform/http/dialects.ts).

export const NOT_AN_OBJECT = 'Request body must be a JSON object';

/** An id in the body: a string of 1 to 100 characters once trimmed. */
const id = (key: string) => {
  const message = `${key} is required and must be a string`;
  return z
    .string({ error: message })
    .refine((v) => v.trim() !== '' && v.length <= 100, message)
    .transform((v) => v.trim());
};

/** A strict object: a property it does not know is named, with the ones it knows. */
const strict = <S extends z.ZodRawShape>(shape: S) =>
  z.strictObject(shape, {
    error: (issue) =>
      issue.code === 'unrecognized_keys'
        ? issue.keys.map((k) => `Unexpected property '${k}', expected one of: ${Object.keys(shape).join(', ')}`).join('; ')
        : issue.code === 'invalid_type'
          ? NOT_AN_OBJECT
          : undefined,
  });

export const ClientRequestRef = strict({ clientRequestId: id('clientRequestId') });
export const FileRef = strict({ fileReferenceId: id('fileReferenceId') });
export const TransactionRef = strict({ transactionKey: id('transactionKey') });
export const ReinitiateBody = strict({
  clientRequestId: id('clientRequestId'),
  bankingLoginRequired: z.boolean({ error: 'bankingLoginRequired must be true or false' }).optional(),
});

/**
 * `auth/token`: the client's id and secret. Any value is taken for either (a wrong one is a failed
 * authentication, 401, like a wrong secret), and only the first unknown property is named. An array was
 * always read as the object of its indexes (`[]` as no credentials, 401), so it still is.
 */
const credential = (description: string) => z.unknown().optional().meta({ type: 'string', description });
export const TokenBody = z.preprocess(
  (body) => (Array.isArray(body) ? { ...body } : body),
  z.strictObject(
    { clientId: credential("The OAuth client's id"), secret: credential("The OAuth client's secret") },
    {
      error: (issue) =>
        issue.code === 'unrecognized_keys'
          ? `Unexpected property '${issue.keys[0]}', expected one of: clientId, secret`
          : 'Send {"clientId": "...", "secret": "..."}',
    },
  ),
);

export type ClientRequestRef = z.output<typeof ClientRequestRef>;
export type FileRef = z.output<typeof FileRef>;
export type TransactionRef = z.output<typeof TransactionRef>;
export type ReinitiateBody = z.output<typeof ReinitiateBody>;
export type TokenBody = z.output<typeof TokenBody>;
