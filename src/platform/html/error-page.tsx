import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppError } from '../../shared/errors.ts';
import { sendConsolePage } from './console-page.tsx';

const TITLES: Record<number, string> = {
  400: 'That did not work',
  403: 'You cannot open this page',
  404: 'Page not found',
  409: 'Someone got there first',
  410: 'This link can no longer be used',
  429: 'Too many attempts',
  503: 'Vouch is briefly unavailable',
};

/** Where a console page sends someone who is not signed in: the sign-in page, then back where they were going. */
export const signInRedirect = (path: string) => `/console/sign-in?next=${encodeURIComponent(path)}`;

/**
 * The console's errors as pages, not JSON: a request without a session is sent to sign in (then back to a page
 * it asked for); any other refusal is a page that says what happened in words and leads back to the console.
 */
export function presentPageError(error: AppError, req: FastifyRequest, reply: FastifyReply) {
  if (error.status === 401) {
    const back = req.method === 'GET' ? req.url : '/console';
    return reply.status(303).header('cache-control', 'no-store').redirect(signInRedirect(back), 303);
  }
  const title = error.status >= 500 ? 'Something went wrong' : (TITLES[error.status] ?? 'That did not work');
  const message = error.status >= 500 ? 'The request could not be completed. Nothing was changed; try again shortly.' : error.message;
  return sendConsolePage(req, reply, {
    title,
    status: error.status,
    body: () => (
      <>
        <h1>{title}</h1>
        <p>{message}</p>
        <p>
          <a href="/console">Back to the console</a>
        </p>
      </>
    ),
  });
}
