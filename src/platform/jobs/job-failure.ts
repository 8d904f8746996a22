/**
 * What makes a job give up at once: a PostgreSQL data exception (SQLSTATE class 22, e.g. 22P02 for a
 * stored string PostgreSQL cannot take as JSON). The same data fails the same way on every retry, unlike
 * a lost connection or a timeout (see `isStoreUnavailable`), which retries are for.
 */
export function isPermanentFailure(e: unknown): boolean {
  const code = sqlState(e);
  return code?.startsWith('22') ?? false;
}

/** The SQLSTATE of a database error (both stores raise them with `severity` and `code`), else null. */
function sqlState(e: unknown): string | null {
  const o = e as { code?: unknown; severity?: unknown } | null;
  return o && typeof o.severity === 'string' && typeof o.code === 'string' && /^[0-9A-Z]{5}$/.test(o.code) ? o.code : null;
}

/** What pg-boss records when a job ran out of time: its supervisor's words, or the worker's own timer's. */
const TIMED_OUT = /^(job failed by timeout in active state|handler execution exceeded \d+ms)$/;

/**
 * Why a job gave up, from the error pg-boss recorded, in words fit to show the job's owner. Only codes and
 * error names are kept, never an error's message or detail: those can quote the stored data that failed.
 */
export function describeFailure(output: unknown): string {
  const o = (output ?? {}) as { code?: unknown; name?: unknown; responseCode?: unknown; message?: unknown; value?: { message?: unknown } };
  const message = o.value?.message ?? o.message;
  if (typeof message === 'string' && TIMED_OUT.test(message)) return 'it did not finish in time, and its retries were used up';
  const state = sqlState(o);
  if (state?.startsWith('22')) return `the database refused a value it holds (SQLSTATE ${state}); retrying cannot help`;
  let last: string;
  if (state) last = `SQLSTATE ${state}`;
  else if (typeof o.code === 'string' && /^[A-Z][A-Z0-9_]{1,31}$/.test(o.code)) last = o.code;
  else last = typeof o.name === 'string' && /^[A-Za-z]\w{0,39}$/.test(o.name) ? o.name : 'Error';
  if (Number.isInteger(o.responseCode) && (o.responseCode as number) >= 100 && (o.responseCode as number) < 600) {
    last += `, server reply ${o.responseCode as number}`;
  }
  return `it kept failing until its retries were used up (last error: ${last})`;
}
