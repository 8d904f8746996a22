import { AppError } from '../../shared/errors.ts';

/**
 * The client-request module's error catalog: the API's files, requests and links. `errors` become the
 * envelope's `errors` list. `invalid`, `unknownRequest` and `notAllowed` are shared with the id-reports
 * module, which answers for the same requests.
 */
export const ClientRequestErrors = {
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
} as const;
