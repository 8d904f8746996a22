import { AppError } from '../../shared/errors.ts';

/** The documents module's error catalog (eligibility errorIds where the dialect has one). */
export const DocumentErrors = {
  unknownUploadUrl: () => new AppError('invalidDocUploadToken', 404, 'This upload URL is unknown or has already been used'),
  expiredUploadUrl: () =>
    new AppError('invalidDocUploadToken', 410, 'This upload URL has expired; declare the file again at the docUpload step'),
  busyUploadUrl: () => new AppError('invalidDocUploadToken', 409, 'A file is already being uploaded to this URL'),
  wrongContentType: (declared: string, got: string | undefined) =>
    new AppError('unsupportedDocMimeType', 400, `Content-Type '${got ?? ''}' does not match the declared mimeType '${declared}'`),
  lengthRequired: () => new AppError('invalidRequest', 411, 'Content-Length is required and must equal the declared fileSize'),
  wrongLength: (declared: number, got: string) =>
    new AppError('invalidRequest', 400, `Content-Length ${got} does not match the declared fileSize ${declared}`),
  tooLarge: (declared: number) => new AppError('invalidFileSizeMax', 413, `The body is larger than the declared fileSize ${declared}`),
  truncated: (got: number, declared: number) => new AppError('invalidRequest', 400, `The body ended after ${got} of ${declared} bytes`),
  interrupted: () => new AppError('invalidRequest', 400, 'The upload was interrupted before the whole file arrived'),
  notTheDeclaredType: (detail: string) => new AppError('unsupportedDocMimeType', 415, detail),
  unknownDocument: (id: string) => new AppError('notFound', 404, `Document with ID '${id}' not found`),
  purged: (id: string) => new AppError('notFound', 410, `The bytes of document '${id}' have been purged after the decision`),
} as const;
