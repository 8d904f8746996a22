import { AppError } from '../../shared/errors.ts';
import type { LinkState } from './app/capture.ts';

/**
 * The client-request module's one error catalog: the API's requests, the client's capture page, reports,
 * review and the sandbox. `errors` become the envelope's `errors` list.
 */
export const IdvErrors = {
  invalid: (errors: string[]) => new AppError('invalidRequest', 400, errors[0] ?? 'Invalid request', { errors }),
  unknownRequest: (id: string) => new AppError('notFound', 404, `No verification request with clientRequestId '${id}'`),
  unknownFile: (id: string) => new AppError('notFound', 404, `No file with fileReferenceId '${id}'`),
  notAllowed: (message: string, data: unknown = null) => new AppError('invalidState', 400, message, { data }),
  duplicateReference: (ref: string) =>
    new AppError(
      'invalidRequest',
      400,
      `A file with requesterReferenceId '${ref}' already exists; add clients with update-verification-request`,
    ),
  // The capture page, the report and its review.
  linkUnusable: (state: LinkState) =>
    new AppError(
      'linkUnusable',
      state === 'notFound' ? 404 : 410,
      {
        notFound: 'This verification link is not valid',
        expired: 'This link has expired',
        superseded: 'A newer link has been sent for this request',
        cancelled: 'This verification request has been cancelled',
        finished: 'This verification has already been completed',
        live: 'This link is in use',
      }[state],
      { state },
    ),
  badStep: (step: string) => new AppError('invalidRequest', 400, `Unknown step '${step}'`),
  badImageKind: (kind: string) =>
    new AppError('invalidRequest', 400, `No photo '${kind}' is asked for at this point; choose your document first`),
  notAnImage: (type: string | undefined, why?: string) =>
    new AppError('invalidRequest', 415, `The file must be a JPEG or PNG photo${why ? `: ${why}` : ` (got '${type ?? 'no type'}')`}`),
  lengthRequired: () => new AppError('lengthRequired', 411, 'Content-Length is required'),
  tooLarge: (max: number) => new AppError('payloadTooLarge', 413, `The photo is larger than ${max} bytes`),
  truncated: (got: number, expected: number) => new AppError('invalidRequest', 400, `The upload ended after ${got} of ${expected} bytes`),
  interrupted: () => new AppError('invalidRequest', 400, 'The upload was interrupted; try again'),
  csrf: () => new AppError('forbidden', 403, 'This form has expired or did not come from this page; reload the page and try again'),
  incomplete: (step: string) => new AppError('invalidState', 400, `The verification is not complete: the '${step}' step is missing`),
  noReport: (id: string) =>
    new AppError('invalidState', 400, `No verification report is available yet for request '${id}'`, { data: null }),
  reportExpired: (id: string, at: string) =>
    new AppError(
      'reportExpired',
      410,
      `The verification report of request '${id}' expired on ${at} and is no longer available; it is kept only for audit`,
    ),
  notInReview: (id: string, status: string) =>
    new AppError('invalidState', 400, `Request '${id}' is ${status}; only a report in 'Review Report' can be approved or rejected`, {
      data: false,
    }),
  notTestMode: () =>
    new AppError(
      'forbidden',
      403,
      'Sample reports can be generated only by a test-mode account (PATCH /manage/v1/settings {"testMode": true})',
      { data: false },
    ),
  unknownTransactionKey: () => new AppError('notFound', 404, 'No file with this transactionKey'),
} as const;
