/** Paths whose next segment is a bearer capability (a client link or an upload URL): never written to logs. */
const CAPABILITY_PATHS = /(\/verify\/|\/document\/upload\/)[^/?#]+/g;

/** The request URL as logs may show it: capability tokens masked, the query string dropped (it may carry PII). */
export function loggableUrl(url: string): string {
  const path = url.split('?')[0];
  return path.replace(CAPABILITY_PATHS, '$1[redacted]');
}
