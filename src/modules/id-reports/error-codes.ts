import { AppError } from '../../shared/errors.ts';

/**
 * The id-reports module's error catalog: the submit that builds a report, the report's download and
 * metadata, its review, the sandbox's sample report and the transaction-key view. Unknown requests, bodies
 * and refused changes are answered with the client-request module's shared errors.
 */
export const IdReportErrors = {
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
