import type { FastifyReply } from 'fastify';
import { isAppError } from '../../../shared/errors.ts';

/**
 * Runs a change; a refusal the person can mend (bad input, a conflict, an unknown choice) is shown on the
 * page again with its message and status, instead of an error page. Anything else is thrown on.
 */
export async function attempt<T>(reply: FastifyReply, run: () => Promise<T>, refused: (message: string) => Promise<unknown>) {
  try {
    return await run();
  } catch (e) {
    if (!isAppError(e) || e.status >= 500 || e.status === 401 || e.status === 403 || e.status === 404) throw e;
    reply.status(e.status);
    return refused(e.message);
  }
}
