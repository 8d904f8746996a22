import { isOneLine } from '../../../shared/names.ts';

/**
 * Format rules of person fields (SheerID's documented formats). Each rule answers whether a value that
 * has the right JSON type is acceptable; the errorId for a failure is chosen by the caller.
 */

// Local part of atext characters, domain with at least one dot (or a bracketed IPv4), per the spec's reading.
const EMAIL =
  /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*@(([A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?\.)+[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?|\[\d{1,3}(\.\d{1,3}){3}\])$/;
export const isEmail = (v: string) => v.trim().length <= 254 && EMAIL.test(v.trim());

export const isPhone = (v: string) => /^\+?0*\d{10,}(x[0-9]{0,5})?$/.test(v.replace(/[\s().-]/g, ''));

/** Names: 1-100 characters once trimmed, no control characters, at least one letter. */
export const isName = (v: string) => {
  const t = v.trim();
  return t.length >= 1 && t.length <= 100 && isOneLine(t) && /\p{L}/u.test(t);
};

export const isPostalCode = (v: string) => /^[A-Za-z0-9][A-Za-z0-9 -]{1,11}$/.test(v.trim());
export const isFreeText = (max: number) => (v: string) => v.trim().length >= 1 && v.trim().length <= max && isOneLine(v);
export const isCountry = (v: string) => /^[A-Z]{2}$/.test(v);
export const isState = (v: string) => /^[A-Za-z]{2,3}$/.test(v.trim()) || isFreeText(60)(v);
export const isLocale = (v: string) => /^[a-z]{2}[-_][A-Z]{2}$/.test(v);
export const isIpAddress = (v: string) =>
  /^(25[0-5]|2[0-4]\d|1?\d?\d)(\.(25[0-5]|2[0-4]\d|1?\d?\d)){3}$/.test(v) || (/^[0-9a-fA-F:.]{2,45}$/.test(v) && v.includes(':'));

/** Whole years between two dates (age on `today`). */
export function yearsBetween(birth: Date, today: Date): number {
  let years = today.getUTCFullYear() - birth.getUTCFullYear();
  const beforeBirthday =
    today.getUTCMonth() < birth.getUTCMonth() || (today.getUTCMonth() === birth.getUTCMonth() && today.getUTCDate() < birth.getUTCDate());
  if (beforeBirthday) years -= 1;
  return years;
}

/** Nine digits, dashes allowed in a string; never an area 000, 666 or 9xx, group 00 or serial 0000 (never issued). */
export function normalSsn(value: unknown): string | null {
  if (typeof value !== 'number' && typeof value !== 'string') return null;
  const digits = typeof value === 'number' ? (Number.isSafeInteger(value) ? String(value) : '') : value.replace(/-/g, '');
  const m = /^(\d{3})(\d{2})(\d{4})$/.exec(digits);
  if (!m || m[1] === '000' || m[1] === '666' || m[1].startsWith('9') || m[2] === '00' || m[3] === '0000') return null;
  return digits;
}
