import { AppError } from '../../shared/errors.ts';
import type { LinkState } from './app/capture.ts';

/**
 * The capture module's error catalog: the client's page at the link, its forms and photos. `linkUnusable`
 * is shared with the id-reports module, whose submit consumes the link.
 */
export const CaptureErrors = {
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
} as const;
