/**
 * HTTP Basic credentials (RFC 7617) from an Authorization header, or null when there are none or they are
 * malformed, so a bad header reads as "no credentials" instead of an error. OAuth2 clients percent-encode
 * their id and secret inside the header (RFC 6749 section 2.3.1): `percentEncoded` undoes that.
 */
export function basicCredentials(
  header: string | undefined,
  options: { percentEncoded?: boolean } = {},
): { user: string; password: string } | null {
  const m = /^Basic\s+(\S+)\s*$/i.exec(header ?? '');
  if (!m) return null;
  const decoded = Buffer.from(m[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return null;
  const user = decoded.slice(0, colon);
  const password = decoded.slice(colon + 1);
  if (!options.percentEncoded) return { user, password };
  try {
    return { user: decodeURIComponent(user), password: decodeURIComponent(password) };
  } catch {
    return null;
  }
}
