import { checkPastDate } from '../../../shared/dates.ts';
import { asciiMailAddress } from '../../../shared/email.ts';

/** A client as an organization sends it on create or update. */
export interface ClientInput {
  firstName: string;
  middleName: string | null;
  lastName: string;
  email: string;
  phoneNumber: string;
  dateOfBirth: string | null;
  requesterClientRequestId: string | null;
  /** The language of the client's link mail and page; null: the account's default. */
  language?: ClientLanguage | null;
}

/** The languages of the link mail and capture page (Canada's two official languages). */
export const CLIENT_LANGUAGES = ['en', 'fr'] as const;
export type ClientLanguage = (typeof CLIENT_LANGUAGES)[number];

/** A client's fields in the order its problems are listed; a new client needs the four `REQUIRED_CLIENT_FIELDS`. */
export const CLIENT_FIELDS = [
  'firstName',
  'middleName',
  'lastName',
  'email',
  'phoneNumber',
  'dateOfBirth',
  'requesterClientRequestId',
  'language',
] as const satisfies readonly (keyof ClientInput)[];
export const REQUIRED_CLIENT_FIELDS = ['firstName', 'lastName', 'email', 'phoneNumber'] as const;
/**
 * A change of a client that empties a required field (null or ''): refused, since the client's profile must
 * keep it (a name on the report, the address the link is mailed to); a field left out keeps its value.
 */
export const NOT_CLEARABLE = "cannot be emptied; leave it out to keep the client's current value";

/** A new client: the required fields, the others when given (null: none). */
export type NewClient = Pick<ClientInput, (typeof REQUIRED_CLIENT_FIELDS)[number]> & Partial<ClientInput>;
/** A change of a client: the fields given (null: cleared, which only the optional ones may be). */
export type ClientChange = { [K in keyof ClientInput]?: ClientInput[K] | null };

/** The most clients one create or update names. */
export const MAX_CLIENTS = 20;

/** C0 control characters and DEL: no name, reference or address holds one. */
export const CONTROL = /[\u0000-\u001f\u007f]/;
const PHONE = /^\+?[0-9][0-9 ().-]{6,20}$/;

// Each rule answers what is wrong as the end of a sentence that starts with the field's name, or null.

/** A client's text field, trimmed: 1 to `max` printable characters. */
export const clientTextProblem = (trimmed: string, max: number): string | null =>
  !trimmed || trimmed.length > max || CONTROL.test(trimmed) ? `must be 1 to ${max} printable characters` : null;

/** An email address the link can be mailed to (see shared/email.ts). */
export function emailProblem(email: string): string | null {
  const mailable = asciiMailAddress(email);
  if (!('problem' in mailable)) return null;
  return mailable.problem === 'nonAsciiLocalPart'
    ? 'cannot be delivered: the part before @ must be ASCII (letters a-z, digits, . _ + -); ask the client for another address'
    : 'is not a valid email address';
}

export const phoneProblem = (phone: string): string | null => (PHONE.test(phone) ? null : 'is not a valid phone number');

const DATE_OF_BIRTH_PROBLEMS = {
  invalid: 'must be a date as YYYY-MM-DD (null when unknown)',
  tooEarly: 'must not be before 1900-01-01',
  future: 'must not be in the future',
};
export const DATE_OF_BIRTH_INVALID = DATE_OF_BIRTH_PROBLEMS.invalid;

/** A birth date: a calendar day from 1900-01-01 up to today, where today is the UTC date of `now` (the clock's). */
export function dateOfBirthProblem(value: string, now: Date): string | null {
  const problem = checkPastDate(value, now);
  return problem ? DATE_OF_BIRTH_PROBLEMS[problem] : null;
}
