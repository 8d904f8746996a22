/** A host name in lower-case ASCII: dot-separated labels of letters, digits and inner hyphens, at least two labels. */
export const DOMAIN_NAME = /^(?=.{1,253}$)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)+$/;

/** `domain` trimmed, in lower case, without a final dot; null when it is not a host name. */
export function normalizeDomain(domain: string): string | null {
  const d = domain.trim().toLowerCase().replace(/\.$/, '');
  return DOMAIN_NAME.test(d) && !/^[0-9]+$/.test(d.slice(d.lastIndexOf('.') + 1)) ? d : null;
}

/**
 * The domain and the domains it lies under, down to two labels: `mail.cs.stanford.edu` gives
 * `mail.cs.stanford.edu`, `cs.stanford.edu`, `stanford.edu`. An organization whose domain is one of them
 * is the organization of an address at `domain`.
 */
export function domainAndParents(domain: string): string[] {
  const labels = domain.split('.');
  const out: string[] = [];
  for (let i = 0; i + 2 <= labels.length; i++) out.push(labels.slice(i).join('.'));
  return out;
}
