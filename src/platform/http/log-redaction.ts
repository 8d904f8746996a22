/** Paths whose next segment is a bearer capability (a client link, an upload URL, a console password link): never written to logs. */
const CAPABILITY_PATHS = /(\/verify\/|\/document\/upload\/|\/console\/reset\/|\/console\/invitation\/)[^/?#]+/g;

/** The request URL as logs may show it: capability tokens masked, the query string dropped (it may carry PII). */
export function loggableUrl(url: string): string {
  const path = url.split('?')[0];
  return path.replace(CAPABILITY_PATHS, '$1[redacted]');
}
