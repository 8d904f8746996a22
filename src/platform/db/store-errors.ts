/**
 * Errors the store raises itself, shaped like the PostgreSQL driver's (an Error with a SQLSTATE `code`), so
 * that callers handle a timeout on either store the same way.
 */
export const StoreErrors = {
  /** 57014 query_canceled: what PostgreSQL answers when statement_timeout ends a statement. */
  queryTimeout: (ms: number) => Object.assign(new Error(`The query did not finish within ${ms} ms`), { code: '57014' }),
} as const;

/**
 * What the PostgreSQL driver says, without a code, when a connection broke, could not be made in time or
 * its answer never came (node-postgres' own messages).
 */
const DRIVER_CONNECTION_FAILURES =
  /^(Connection terminated|Client has encountered a connection error|timeout exceeded when trying to connect|Query read timeout|Client was closed and is not queryable)/;

/** Errors that say "the store is away or too slow right now": worth retrying, never the caller's fault. */
export function isStoreUnavailable(e: unknown): boolean {
  const code = (e as { code?: unknown } | null)?.code;
  if (typeof code !== 'string') return e instanceof Error && DRIVER_CONNECTION_FAILURES.test(e.message);
  // 57014 query_canceled (timeouts), 57P01-57P03 shutdown / cannot connect now, 08xxx connection exceptions,
  // and the Node socket errors of a connection that broke.
  return (
    code === '57014' ||
    /^57P0[1-3]$/.test(code) ||
    /^08[0-9A-Z]{3}$/.test(code) ||
    ['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE'].includes(code)
  );
}
