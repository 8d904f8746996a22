/**
 * One value of a parsed query string or form (`?a=1&a=2` parses as an array): the last one sent, trimmed;
 * '' when absent or not text. Pages read their filters with it, so a repeated parameter is never an error.
 */
export function lastValue(source: unknown, name: string): string {
  const v = (source as Record<string, unknown> | undefined)?.[name];
  const s = Array.isArray(v) ? v[v.length - 1] : v;
  return typeof s === 'string' ? s.trim() : '';
}
