import { z } from 'zod';
import { CommonErrors } from './errors.ts';

/**
 * Control characters (Unicode Cc: C0, DEL and C1, so CR, LF and tab among them) and the Unicode line and
 * paragraph separators. A name is shown on one line in lists, logs, CSV cells and mail subjects, where
 * a line break would start a line the name's author wrote.
 */
const NOT_ONE_LINE = /[\p{Cc}\u2028\u2029]/u;

/** Whether `v` holds no control character and no line or paragraph separator. */
export const isOneLine = (v: string) => !NOT_ONE_LINE.test(v);

export const SINGLE_LINE_MESSAGE = 'must be a single line without control characters (no line breaks or tabs)';

/**
 * The one schema of a short name or label an account gives to something it stores (a program, an API
 * token, an OAuth client, a webhook endpoint, an organization, an account): trimmed, 1 to `max`
 * characters, on a single line.
 */
export const singleLineName = (max: number) =>
  z
    .string()
    .trim()
    .min(1, 'must not be empty')
    .max(max, `must be at most ${max} characters`)
    .refine((v) => !NOT_ONE_LINE.test(v), SINGLE_LINE_MESSAGE);

/**
 * The same rule where a name arrives outside a Zod schema (the command line, a CSV cell): the trimmed
 * name, or an invalidRequest naming `what`.
 */
export function checkSingleLineName(value: string, what: string, max: number): string {
  const parsed = singleLineName(max).safeParse(value);
  if (!parsed.success) throw CommonErrors.invalidRequest(`${what} ${parsed.error.issues[0].message}`);
  return parsed.data;
}
