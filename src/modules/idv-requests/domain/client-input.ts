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
}

const CLIENT_KEYS = ['firstName', 'middleName', 'lastName', 'email', 'phoneNumber', 'dateOfBirth', 'requesterClientRequestId'];
const PHONE = /^\+?[0-9][0-9 ().-]{6,20}$/;
const CONTROL = /[\u0000-\u001f\u007f]/;

/** A plain JSON object (not null, not an array). */
export const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Every problem of a body's property list, as readable sentences; none means the keys are fine. */
export function unexpectedKeys(body: Record<string, unknown>, allowed: readonly string[], where = ''): string[] {
  return Object.keys(body)
    .filter((k) => !allowed.includes(k))
    .map((k) => `Unexpected property '${where}${k}', expected one of: ${allowed.join(', ')}`);
}

function text(errors: string[], where: string, v: unknown, required: boolean, max = 100): string | null {
  if (v === undefined || v === null || v === '') {
    if (required) errors.push(`${where} is required`);
    return null;
  }
  if (typeof v !== 'string') {
    errors.push(`${where} must be a string`);
    return null;
  }
  const t = v.trim();
  if (!t || t.length > max || CONTROL.test(t)) {
    errors.push(`${where} must be 1 to ${max} printable characters`);
    return null;
  }
  return t;
}

const DATE_OF_BIRTH_PROBLEMS = {
  invalid: 'must be a date as YYYY-MM-DD (null when unknown)',
  tooEarly: 'must not be before 1900-01-01',
  future: 'must not be in the future',
};

/**
 * Checks a client's fields, all at once. `partial` (an update of an existing request) allows any subset;
 * a new client needs first name, last name, email and phone number. `now` comes from the clock.
 */
export function checkClient(
  raw: unknown,
  where: string,
  partial: boolean,
  now: Date,
  extraKeys: string[] = [],
): { client?: Partial<ClientInput>; errors: string[] } {
  if (!isObject(raw)) return { errors: [`${where} must be an object`] };
  const errors = unexpectedKeys(raw, [...CLIENT_KEYS, ...extraKeys], `${where}.`);
  const req = !partial;
  const c: Partial<ClientInput> = {};
  const set = <K extends keyof ClientInput>(k: K, v: ClientInput[K] | null) => {
    if (v !== null || raw[k] !== undefined) c[k] = v as ClientInput[K];
  };
  set('firstName', text(errors, `${where}.firstName`, raw.firstName, req) as string);
  set('middleName', text(errors, `${where}.middleName`, raw.middleName, false));
  set('lastName', text(errors, `${where}.lastName`, raw.lastName, req) as string);
  const email = text(errors, `${where}.email`, raw.email, req, 254);
  const mailable = email ? asciiMailAddress(email) : null;
  if (mailable && 'problem' in mailable) {
    errors.push(
      mailable.problem === 'nonAsciiLocalPart'
        ? `${where}.email cannot be delivered: the part before @ must be ASCII (letters a-z, digits, . _ + -); ask the client for another address`
        : `${where}.email is not a valid email address`,
    );
  }
  set('email', email as string);
  const phone = text(errors, `${where}.phoneNumber`, raw.phoneNumber, req, 30);
  if (phone && !PHONE.test(phone)) errors.push(`${where}.phoneNumber is not a valid phone number`);
  set('phoneNumber', phone as string);
  // null says "unknown"; an empty string is no date, not a way to say it.
  const dobProblem = raw.dateOfBirth === undefined || raw.dateOfBirth === null ? null : checkPastDate(raw.dateOfBirth, now);
  if (dobProblem) errors.push(`${where}.dateOfBirth ${DATE_OF_BIRTH_PROBLEMS[dobProblem]}`);
  set('dateOfBirth', dobProblem ? null : ((raw.dateOfBirth as string | null | undefined) ?? null));
  set('requesterClientRequestId', text(errors, `${where}.requesterClientRequestId`, raw.requesterClientRequestId, false, 200));
  return { client: c, errors };
}
