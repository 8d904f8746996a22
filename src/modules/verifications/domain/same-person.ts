/**
 * Who counts as "the same person" for a program's verification limit: the same first name, last name and
 * birth date, with case, accents and spacing folded (as rosters fold names), so `José` and `jose` meet.
 * The text returned is only ever digested with the PII key before it is stored or compared.
 */
const fold = (s: string): string =>
  s
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();

export const samePersonText = (p: { firstName: string; lastName: string; birthDate?: string | null }): string =>
  `limit-person:${fold(p.firstName)}|${fold(p.lastName)}|${p.birthDate ?? ''}`;
