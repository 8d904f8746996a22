import type { FastifyReply, FastifyRequest } from 'fastify';
import { audited, rails } from '../../../platform/http/rails.ts';
import { type AppError, isAppError } from '../../../shared/errors.ts';

export const HIDDEN = { hide: true } as const;

// The roles of the API routes each page mirrors (docs/safety-rails.md): files and requests are VERIFIER's,
// the review of a report is REVIEWER's. Reviewers read the files too: they open the reports they decide.
const READERS = ['VERIFIER', 'REVIEWER'] as const;
const VERIFIER = ['VERIFIER'] as const;
const REVIEWER = ['REVIEWER'] as const;

/** A page without personal data (the list, the empty form). */
export const plainRead = rails({ access: READERS, limit: 'none', audit: 'none' });
/** A page or file that shows a client's data: each view recorded. */
export const personalRead = (action: string, subject: string, from: string) =>
  rails({ access: READERS, limit: 'none', audit: audited(action, subject, from) });
/** A change, as VERIFIER (the API's files and requests). */
export const change = (action: string, subject: string, from?: string) =>
  rails({
    access: VERIFIER,
    limit: 'none',
    idempotency: 'change',
    audit: from ? audited(action, subject, from) : audited(action, subject),
  });
/** A change whose answer holds a capability shown once (a link): an `Idempotency-Key` is refused, so no copy is kept. */
export const withSecret = (action: string, subject: string, from: string) =>
  rails({ access: VERIFIER, limit: 'none', idempotency: 'secret', audit: audited(action, subject, from) });
/** The review of a report (REVIEWER, as `review-report`). */
export const review = (action: string, subject: string, from: string) =>
  rails({ access: REVIEWER, limit: 'none', idempotency: 'change', audit: audited(action, subject, from) });

export const idOf = (req: FastifyRequest, name = 'id') => String((req.params as Record<string, string>)[name] ?? '').slice(0, 200);
export const text = (body: unknown, name: string) => {
  const v = (body as Record<string, unknown> | undefined)?.[name];
  return typeof v === 'string' ? v : '';
};
export const doneOf = (req: FastifyRequest) => {
  const v = (req.query as Record<string, unknown> | undefined)?.done;
  return typeof v === 'string' ? v : '';
};

/** A refusal the person can mend or should read on the page (bad input, a state that does not allow it). */
export const mendable = (e: unknown): e is AppError => isAppError(e) && (e.status === 400 || e.status === 409 || e.status === 410);

/** The sentences of a refusal: the API's list of what is wrong with a body, or its message. */
export const errorsOf = (e: AppError): string[] =>
  Array.isArray(e.details.errors) && e.details.errors.length ? (e.details.errors as string[]) : [e.message];

/** Runs a change; a mendable refusal is shown on the page again (with its status) instead of an error page. */
export async function attempt<T>(reply: FastifyReply, run: () => Promise<T>, refused: (e: AppError) => unknown) {
  try {
    return await run();
  } catch (e) {
    if (!mendable(e)) throw e;
    reply.status(e.status);
    return refused(e);
  }
}
