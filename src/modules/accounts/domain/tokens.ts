/** Prefixes make leaked secrets recognisable (secret scanners, logs) and say what a secret is. */
export const TOKEN_PREFIX = {
  static: 'vch',
  oauth: 'vcho',
  clientSecret: 'vchs',
} as const;

/** The part of a token shown in listings: enough to recognise it, useless to use it. */
export const displayPrefix = (token: string): string => token.slice(0, token.indexOf('_') + 7);

/** Longest name of an API token or OAuth client; an account's name may be longer. */
export const CREDENTIAL_NAME_MAX = 100;
export const ACCOUNT_NAME_MAX = 200;

export const slugify = (name: string): string =>
  name
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60) || 'account';
