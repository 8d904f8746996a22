import type { z } from 'zod';

/** What the route says of its use case besides its body and answer. */
export interface Answers {
  /** It answers 404 for an id the account does not have. */
  unknownIds?: boolean;
  /** It answers 410 for a report past its expiry. */
  expiring?: boolean;
  /** An answer the seed shows, for the document. */
  example?: unknown;
}

/** A schema's type without the index signatures of its loose objects: what a use case's result is held to. */
type Described<T> = T extends readonly (infer E)[]
  ? Described<E>[]
  : T extends object
    ? { [K in keyof T as string extends K ? never : K]: Described<T[K]> }
    : T;

/** What a client-request route runs: its use case, the schema its body is parsed with at the route, and its answer's `data`. */
export interface Handler extends Answers {
  body: z.ZodType;
  data: z.ZodType;
  run(accountId: string, body: unknown): Promise<unknown>;
}

/**
 * A use case whose input the route's schema has parsed (Fastify validates `req.body` with `body` before the
 * handler runs) and whose answer `data` describes (the use case's result must be of that schema's type).
 */
export const typed = <S extends z.ZodType, D extends z.ZodType>(
  body: S,
  data: D,
  run: (accountId: string, input: z.output<S>) => Promise<Described<z.input<D>>>,
  answers: Answers = {},
): Handler => ({
  ...answers,
  body,
  data,
  run: (accountId, input) => run(accountId, input as z.output<S>),
});
