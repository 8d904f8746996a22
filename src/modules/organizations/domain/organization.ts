/** An organization a person can claim membership of: a school, an employer, a branch of service ... */
export interface Organization {
  /** Below 10,000,000,000: the built-in academic directory. From there up: imported by an account. */
  id: number;
  name: string;
  type: string;
  /** ISO 3166-1 alpha-2, upper case; null when unknown. */
  country: string | null;
  domain: string | null;
}

export const ORGANIZATION_TYPES = [
  'UNIVERSITY',
  'POST_SECONDARY',
  'MEMBERSHIP',
  'MILITARY',
  'FIRST_RESPONDER',
  'MEDICAL',
  'NON_PROFIT',
  'CORPORATE',
  'K12',
  'AGE_ID',
  'HIGH_SCHOOL',
  'NONE',
] as const;
export type OrganizationType = (typeof ORGANIZATION_TYPES)[number];

export const isOrganizationType = (value: string): value is OrganizationType => (ORGANIZATION_TYPES as readonly string[]).includes(value);

/** Ids from here up belong to organizations an account imported; below, to the built-in directory. */
export const FIRST_ACCOUNT_ORGANIZATION_ID = 10_000_000_000;

export const MAX_ORGANIZATION_NAME_LENGTH = 200;

/** Top-level domains used only by one country although they are not its country code. */
const NATIONAL_GENERIC_TLDS: Record<string, string> = { edu: 'US', gov: 'US', mil: 'US' };
/** Two-letter top-level domains that are not (or no longer) the ISO code of the same country. */
const CCTLD_TO_ISO: Record<string, string | null> = { uk: 'GB', ac: null, eu: null, su: null, tp: null };

/**
 * The country a domain name points to, from its top-level domain: `stanford.edu` → US, `ox.ac.uk` → GB,
 * `uni-heidelberg.de` → DE. Generic top-level domains (`.org`, `.com`, `.education` ...) give null.
 */
export function countryOfDomain(domain: string | null | undefined): string | null {
  if (!domain) return null;
  const labels = domain.trim().toLowerCase().replace(/\.+$/, '').split('.');
  const tld = labels[labels.length - 1];
  if (!tld) return null;
  if (tld in NATIONAL_GENERIC_TLDS) return NATIONAL_GENERIC_TLDS[tld];
  if (!/^[a-z]{2}$/.test(tld)) return null;
  return tld in CCTLD_TO_ISO ? CCTLD_TO_ISO[tld] : tld.toUpperCase();
}

/** Letters that do not decompose into a base letter plus accents, spelled the way people type them. */
const FOLD_SPECIAL: Record<string, string> = {
  ß: 'ss',
  æ: 'ae',
  œ: 'oe',
  ø: 'o',
  đ: 'd',
  ð: 'd',
  ł: 'l',
  ı: 'i',
  þ: 'th',
  ħ: 'h',
};
const FOLD_SPECIAL_RE = new RegExp(`[${Object.keys(FOLD_SPECIAL).join('')}]`, 'g');

/**
 * Text for matching: lower case, accents removed, runs of white space made one space, trimmed.
 * `Universität Zürich` and `universitat zurich` fold to the same string.
 */
export function foldForSearch(text: string): string {
  // Most names are plain ASCII: skip Unicode normalization for them.
  const plain = PLAIN_ASCII.test(text)
    ? text.toLowerCase()
    : text
        .normalize('NFKD')
        .replace(MARKS, '')
        .toLowerCase()
        .replace(FOLD_SPECIAL_RE, (ch) => FOLD_SPECIAL[ch]);
  return plain.replace(SPACES, ' ').trim();
}

const PLAIN_ASCII = /^[\x20-\x7e]*$/;
const MARKS = /\p{M}+/gu;
const SPACES = /\s+/g;
