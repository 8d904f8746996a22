import Fastify, { type FastifyError, type FastifyInstance } from 'fastify';
import {
  hasZodFastifySchemaValidationErrors,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import { AppError, CommonErrors, isAppError } from '../../shared/errors.ts';
import { isStoreUnavailable } from '../db/index.ts';
import { presenterFor } from './dialects.ts';
import { registerAuth, type Authenticator } from './auth.ts';
import { registerCookieSessions, type CookieSessionOptions } from './cookie-sessions.ts';
import { registerAuditHook, type AuditObserver } from './audit-hook.ts';
import { registerIdempotency, type IdempotencyOptions } from './idempotency.ts';
import { registerHttpMetrics, type Metrics } from './metrics.ts';
import { createRateLimiter, registerRateLimits, type RateLimitOptions } from './rate-limit.ts';
import { registerRails } from './rails.ts';
import { loggableUrl } from './log-redaction.ts';
import { registerOpenApi } from './openapi.ts';
import { prettyLogStream } from './pretty-log.ts';
import { OneLinePerRequest } from './request-log.ts';
import { registerInFlight } from './in-flight.ts';
import { registerBodyTimeouts, serverTimeoutOptions, type HttpTimeouts } from './timeouts.ts';
import { jsonBoundsProblem, type JsonBounds } from '../../shared/json-bounds.ts';

/** No request body of either dialect nests beyond a handful of levels; 32 leaves room and stops abuse. */
export const REQUEST_BODY_BOUNDS: JsonBounds = { maxDepth: 32 };

export interface HttpOptions {
  logLevel: string;
  /** Log lines for a person (see pretty-log.ts) instead of JSON; default: when standard output is a terminal. */
  prettyLogs?: boolean;
  bodyLimitBytes: number;
  authenticate: Authenticator;
  version: string;
  /** The address clients reach the server at (PUBLIC_URL), named as the server of the OpenAPI document. */
  publicUrl?: string;
  /** Which peers may set X-Forwarded-For (Fastify's trustProxy): the client IP that rate limits and the audit log see. */
  trustProxy: boolean | string;
  /** Slow clients: header and body deadlines, an upload's minimum rate, idle connections. */
  timeouts: HttpTimeouts;
  /** The console's pages: a session cookie resolves to the principal there (and forms carry its CSRF token). */
  sessions?: CookieSessionOptions;
  /** Cross-cutting rails applied to every route (each optional, so a bare server can be built for tests). */
  rails?: { metrics?: Metrics; rateLimits?: RateLimitOptions; idempotency?: IdempotencyOptions; audit?: AuditObserver };
}

/** Translates Fastify's own request errors (bad JSON, wrong media type, size) into the one AppError. */
function toAppError(error: FastifyError | Error): AppError {
  if (isAppError(error)) return error;
  const fe = error as FastifyError;
  if (hasZodFastifySchemaValidationErrors(fe)) {
    const issues = fe.validation.map((v) => ({ path: v.instancePath, message: v.message, code: v.keyword }));
    const first = issues[0];
    return CommonErrors.invalidRequest(`Invalid request: ${first ? `${first.path || 'body'} ${first.message}` : 'validation failed'}`, {
      issues,
    });
  }
  switch (fe.code) {
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return CommonErrors.invalidRequest(`Malformed JSON body: ${fe.message}`);
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return CommonErrors.payloadTooLarge('Request body is too large');
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return CommonErrors.unsupportedMediaType(`Unsupported Content-Type '${fe.message.split("'")[1] ?? ''}'`);
  }
  if (fe.statusCode && fe.statusCode >= 400 && fe.statusCode < 500) return CommonErrors.invalidRequest(fe.message);
  // PostgreSQL data exceptions (class 22: bad encoding, out-of-range values) come from input that slipped
  // past validation; the transaction is rolled back, so the request changed nothing.
  if (typeof fe.code === 'string' && /^22[0-9A-Z]{3}$/.test(fe.code))
    return CommonErrors.invalidRequest('A value in the request cannot be stored');
  // The store is away or stopped answering in time: nothing was changed, and the same request may succeed later.
  if (isStoreUnavailable(error)) return CommonErrors.serviceUnavailable();
  return new AppError('internalServerError', 500, 'An unexpected error occurred');
}

/** A Fastify instance with Vouch's conventions: strict validation, dialect-shaped errors, auth, OpenAPI. */
export async function createHttpServer(options: HttpOptions): Promise<FastifyInstance> {
  const pretty = options.prettyLogs ?? process.stdout.isTTY === true;
  const app = Fastify({
    logger: {
      level: options.logLevel,
      // JSON lines for log collectors; readable lines (coloured unless NO_COLOR is set) on a terminal.
      ...(pretty ? { stream: prettyLogStream(process.stdout, { color: !process.env.NO_COLOR }) } : {}),
      // Requests carry PII and tokens: a request is logged as its method, its path with link and upload
      // tokens masked, and the client address; never its headers, query string or body.
      serializers: {
        req: (req: { method: string; url: string; ip?: string }) => ({
          method: req.method,
          url: loggableUrl(req.url),
          remoteAddress: req.ip,
        }),
      },
    },
    // One line per request, once answered (request-log.ts).
    logController: new OneLinePerRequest(),
    bodyLimit: options.bodyLimitBytes,
    // A base URL configured with a trailing slash makes `/rest/v2//verification/...`: read as one slash,
    // as several integrations' own instructions configure it that way.
    routerOptions: { ignoreDuplicateSlashes: true },
    ajv: { customOptions: { removeAdditional: false, coerceTypes: false, allErrors: true } },
    trustProxy: options.trustProxy,
    ...serverTimeoutOptions(options.timeouts),
    // Errors Fastify raises before routing (a malformed URL) take the caller's dialect shape too.
    frameworkErrors: (error, req, reply) => presenterFor(req.url)(toAppError(error), req, reply),
  }).withTypeProvider<ZodTypeProvider>();

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  // JSON as Fastify parses it (prototype-poisoning guarded), except that an empty body is allowed and
  // reads as "no body": completeDocUpload is posted with Content-Type application/json and nothing in it.
  // Every body is then held to the request bounds (nesting depth, well-formed Unicode) before any route
  // sees it, so no value that cannot be stored, cloned or serialised gets further than here.
  const json = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (req, body, done) => {
    if ((body as string).trim() === '') return done(null, undefined);
    json(req, body as string, (err, value) => {
      if (err) return done(err);
      const problem = jsonBoundsProblem(value, REQUEST_BODY_BOUNDS);
      return problem ? done(CommonErrors.invalidRequest(`Invalid request: ${problem}`)) : done(null, value);
    });
  });

  // CSV uploads and form-encoded OAuth requests.
  app.addContentTypeParser(['text/csv', 'text/plain'], { parseAs: 'string' }, (_req, body, done) => done(null, body));
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_req, body, done) =>
    done(null, Object.fromEntries(new URLSearchParams(body as string))),
  );

  app.setErrorHandler((error, req, reply) => {
    const appError = toAppError(error as FastifyError);
    // Log what failed, never the error object itself: database errors carry the query parameters (PII).
    if (appError.status >= 500)
      req.log.error(
        {
          error: {
            name: error instanceof Error ? error.name : 'unknown',
            code: (error as FastifyError).code,
            message: (error as Error).message,
            stack: (error as Error).stack,
          },
        },
        'request failed',
      );
    if (typeof appError.details.retryAfterSeconds === 'number') reply.header('retry-after', appError.details.retryAfterSeconds);
    return presenterFor(req.url)(appError, req, reply);
  });
  app.setNotFoundHandler((req, reply) =>
    presenterFor(req.url)(new AppError('notFound', 404, `No route for ${req.method} ${req.url.split('?')[0]}`), req, reply),
  );

  registerBodyTimeouts(app, options.timeouts);
  const rails = options.rails ?? {};
  if (rails.metrics) registerHttpMetrics(app, rails.metrics);
  const limiter = rails.rateLimits ? createRateLimiter(rails.rateLimits) : undefined;
  registerAuth(app, options.authenticate, limiter);
  if (options.sessions) registerCookieSessions(app, options.sessions);
  // Every route declares its rails (refused at registration otherwise); the role check follows authentication.
  registerRails(app);
  // After authentication (limits are per token), before the body is read. Idempotency needs the parsed body and
  // claims its key before the route's schema judges it (preValidation), so a refused body is kept under its key too.
  if (limiter) registerRateLimits(app, limiter);
  if (rails.idempotency) registerIdempotency(app, rails.idempotency);
  if (rails.audit) registerAuditHook(app, rails.audit);

  await registerOpenApi(app, { version: options.version, publicUrl: options.publicUrl });
  registerInFlight(app); // last: its close runs first
  return app;
}
