import { domainAndParents, normalizeDomain } from '../../organizations/index.ts';

/** Whether `host` is `domain` or lies under it (`cs.example.edu` under `example.edu`). */
export const underDomain = (host: string | null, domain: string | null | undefined): boolean => {
  const d = domain ? normalizeDomain(domain.replace(/^www\./i, '')) : null;
  const h = host ? normalizeDomain(host) : null;
  return d !== null && h !== null && domainAndParents(h).includes(d);
};

/** The host of a URL (an `Origin` or `Referer` header), or null when it has none. */
export function hostOfUrl(url: string | null | undefined): string | null {
  if (!url) return null;
  try {
    return normalizeDomain(new URL(url).hostname);
  } catch {
    return null;
  }
}

/** Whether a page's URL (an Origin or Referer) is on the same host and port as `base` (Vouch's public URL). */
export function sameHost(url: string | null | undefined, base: string): boolean {
  if (!url) return false;
  try {
    return new URL(url).host === new URL(base).host;
  } catch {
    return false;
  }
}
