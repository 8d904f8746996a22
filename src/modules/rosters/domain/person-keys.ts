/**
 * How a person is recognised in a roster without storing readable PII: names, birth date and email are
 * normalised (case, accents, spacing) and then digested with the account-independent PII key.
 */
export const normaliseName = (s: string): string =>
  s
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();

export const nameKey = (firstName: string, lastName: string): string => `name:${normaliseName(firstName)}|${normaliseName(lastName)}`;
export const birthDateKey = (birthDate: string): string => `birth:${birthDate}`;
export const emailKey = (email: string): string => `email:${email.trim().toLowerCase()}`;
