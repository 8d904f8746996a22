import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppError } from '../../shared/errors.ts';
import { presentPageError } from '../html/error-page.tsx';

/**
 * How each wire dialect presents an error. The route prefix decides the dialect, so even errors raised
 * before a route runs (bad JSON, body too large, unknown path) come back in the caller's own shape.
 */
export type ErrorPresenter = (error: AppError, req: FastifyRequest, reply: FastifyReply) => unknown;

/** A finding of a route's schema (see create-server.ts): `path` is a JSON pointer into the body, query or path. */
interface Issue {
  path: string;
  message: string;
  code?: string;
}

const issuesOf = (error: AppError): Issue[] => (Array.isArray(error.details.issues) ? (error.details.issues as Issue[]) : []);

/**
 * The finding a dialect names first: an unknown property before anything else (the body has the wrong
 * shape), then the schema's findings in the order its fields are declared, which is the order the
 * hand-written checks ran in.
 */
function firstFinding(error: AppError): Issue | undefined {
  const issues = issuesOf(error);
  return issues.find((i) => i.code === 'unrecognized_keys') ?? issues[0];
}

/**
 * Eligibility (SheerID) shape: a verification response in the `error` step. A schema's finding is given
 * as its own sentence (`Unexpected property 'x', expected one of: ...`), as the seed shows.
 */
export const presentEligibilityError: ErrorPresenter = (error, _req, reply) => {
  const v = (error.details.verification ?? {}) as Record<string, unknown>;
  return reply.status(error.status).send({
    verificationId: v.verificationId ?? null,
    currentStep: 'error',
    errorIds: [error.code],
    segment: v.segment ?? null,
    subSegment: v.subSegment ?? null,
    ...(v.locale ? { locale: v.locale, country: v.country } : {}),
    systemErrorMessage: firstFinding(error)?.message ?? error.message,
  });
};

/** A JSON pointer as the dotted path a sentence names (`/metadataKeys/0` as `metadataKeys.0`); the root as nothing. */
const dotted = (pointer: string) => pointer.split('/').filter(Boolean).join('.');

/**
 * Management API shape: RFC 9457 problem details; for a refused request, `detail` names the schema's first
 * finding with the dotted path of its value (`metadataKeys.0: must be ...`), `issues` lists them all.
 */
export const presentProblem: ErrorPresenter = (error, req, reply) => {
  const first = issuesOf(error)[0];
  const where = first ? dotted(first.path) : '';
  return reply
    .status(error.status)
    .type('application/problem+json')
    .send({
      type: `about:blank`,
      title: error.code,
      status: error.status,
      detail: first ? `Invalid request: ${where ? `${where}: ` : ''}${first.message}` : error.message,
      instance: req.url.split('?')[0],
      ...(Array.isArray(error.details.issues) ? { issues: issuesOf(error).map(({ path, message }) => ({ path, message })) } : {}),
    });
};

/** OAuth2 token endpoint shape (RFC 6749 §5.2). */
export const presentOAuthError: ErrorPresenter = (error, _req, reply) => {
  const code = error.code.includes('_') ? error.code : 'invalid_request';
  return reply
    .status(error.status)
    .header('cache-control', 'no-store')
    .send({ error: code, error_description: firstFinding(error)?.message ?? error.message });
};

/** Client-request (Treefort) shape: the `{statusCode, message, data, errors}` envelope. */
export const ENVELOPE_MESSAGES: Record<number, string> = {
  200: 'OK',
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  409: 'Conflict',
  410: 'Gone',
  422: 'Unprocessable Entity',
  411: 'Length Required',
  413: 'Payload Too Large',
  415: 'Unsupported Media Type',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
};
export const presentEnvelopeError: ErrorPresenter = (error, _req, reply) =>
  reply.status(error.status).send({
    statusCode: error.status,
    message: ENVELOPE_MESSAGES[error.status] ?? 'Error',
    data: error.details.data ?? null,
    errors: Array.isArray(error.details.errors)
      ? error.details.errors
      : Array.isArray(error.details.issues)
        ? envelopeErrors(error.details.issues as Issue[])
        : [error.message],
  });

/** A schema's findings as the dialect lists them: each its own sentence, the body's unknown properties first. */
function envelopeErrors(issues: Issue[]): string[] {
  const shape = issues.filter((i) => i.code === 'unrecognized_keys');
  return [...shape.flatMap((i) => i.message.split('; ')), ...issues.filter((i) => i.code !== 'unrecognized_keys').map((i) => i.message)];
}

const byPrefix: [string, ErrorPresenter][] = [
  ['/console', presentPageError],
  ['/api/', presentEnvelopeError],
  ['/rest/v2/oauth/', presentOAuthError],
  ['/rest/', presentEligibilityError],
];

export function presenterFor(url: string): ErrorPresenter {
  return byPrefix.find(([prefix]) => url.startsWith(prefix))?.[1] ?? presentProblem;
}
