/**
 * The one error type of Vouch. `code` is stable and machine-readable; each module keeps its codes in
 * its own catalog (see `error-codes.ts` files) and each HTTP dialect presents an AppError its own way.
 */
export class AppError extends Error {
  constructor(
    readonly code: string,
    readonly status: number,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export const isAppError = (e: unknown): e is AppError => e instanceof AppError;

/** Codes shared by every module: generic outcomes that are not tied to one business rule. */
export const CommonErrors = {
  invalidRequest: (message: string, details?: Record<string, unknown>) => new AppError('invalidRequest', 400, message, details),
  unauthorized: (message = 'Provided API token is empty or invalid') => new AppError('invalidApiToken', 401, message),
  forbidden: (message = 'User is not authorized to make this request') => new AppError('unauthorizedRequest', 403, message),
  notFound: (what: string, id: string) => new AppError('notFound', 404, `${what} with ID '${id}' not found`),
  conflict: (message: string) => new AppError('conflict', 409, message),
  payloadTooLarge: (message: string) => new AppError('payloadTooLarge', 413, message),
  unsupportedMediaType: (message: string) => new AppError('unsupportedMediaType', 415, message),
  /** A rate limit was reached; `apiRateLimitExceeded` is also the eligibility dialect's own errorId for it. */
  tooManyRequests: (retryAfterSeconds: number) =>
    new AppError('apiRateLimitExceeded', 429, `Too many requests; retry after ${retryAfterSeconds} seconds`, { retryAfterSeconds }),
  /** The request's body did not arrive in time (`requestTimeout` is also the eligibility dialect's errorId). */
  requestTimeout: () => new AppError('requestTimeout', 408, 'The request body did not arrive in time'),
  /** The database is away or did not answer in time; nothing was changed and the request may be retried. */
  serviceUnavailable: (retryAfterSeconds = 5) =>
    new AppError('serviceUnavailable', 503, 'The service is briefly unavailable; retry the request shortly', { retryAfterSeconds }),
  /** The same Idempotency-Key was sent with another request (method, path or body). */
  idempotencyKeyReused: () =>
    new AppError('idempotencyKeyReused', 422, 'This Idempotency-Key was used with a different request; use a new key for a new request'),
  /** The first request with this Idempotency-Key is still running. */
  idempotencyKeyInProgress: () =>
    new AppError('idempotencyKeyInProgress', 409, 'A request with this Idempotency-Key is still in progress; retry later'),
} as const;
