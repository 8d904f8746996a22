/** The domain of an email address, lowercased, without a trailing dot; null when there is none. */
export function domainOf(email: string): string | null {
  const at = email.lastIndexOf('@');
  if (at < 0) return null;
  const domain = email
    .slice(at + 1)
    .trim()
    .toLowerCase()
    .replace(/\.+$/, '');
  return domain || null;
}

/**
 * Whether an address is at a listed domain or at any subdomain of one (`x@eu.mailinator.com` is as
 * disposable as `x@mailinator.com`): the domain and each of its parents are looked up.
 */
export function isDisposable(email: string, listed: ReadonlySet<string>): boolean {
  const domain = domainOf(email);
  if (!domain) return false;
  const labels = domain.split('.');
  // A bare top-level domain is never listed on its own; stop at two labels.
  for (let i = 0; i <= labels.length - 2; i++) if (listed.has(labels.slice(i).join('.'))) return true;
  return false;
}
