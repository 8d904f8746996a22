import type { z } from 'zod';

/** What a client-request route runs: its use case, and the schema its body is parsed with at the route (when it has one yet). */
export interface Handler {
  body?: z.ZodType;
  run(accountId: string, body: unknown): Promise<unknown>;
}

/** A use case whose input the route's schema has parsed: Fastify validates `req.body` with `body` before the handler runs. */
export const typed = <S extends z.ZodType>(body: S, run: (accountId: string, input: z.output<S>) => Promise<unknown>): Handler => ({
  body,
  run: (accountId, input) => run(accountId, input as z.output<S>),
});

/** A use case that still parses its body itself. */
export const untyped = (run: (accountId: string, body: unknown) => Promise<unknown>): Handler => ({ run });
