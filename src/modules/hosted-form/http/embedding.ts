/**
 * Where the hosted form may be embedded: the program's allowed domains and their subdomains, on any port
 * and scheme the browser allows (CSP `frame-ancestors`); any page when the program names none, as any
 * page may then start its verifications.
 */
export function embedAncestors(allowedDomains: readonly string[]): string {
  if (allowedDomains.length === 0) return '*';
  return ["'self'", ...allowedDomains.flatMap((d) => [`${d}:*`, `*.${d}:*`])].join(' ');
}

/**
 * Whether the form may send its events (`postMessage`) to an embedding page of this origin: a web origin on
 * one of the program's domains, or any web origin when it names none.
 */
export function parentOriginAllowed(origin: string, allowedDomains: readonly string[]): boolean {
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return false;
  }
  if (url.origin !== origin || !['http:', 'https:'].includes(url.protocol)) return false;
  const host = url.hostname.toLowerCase();
  return allowedDomains.length === 0 || allowedDomains.some((d) => host === d || host.endsWith(`.${d}`));
}
