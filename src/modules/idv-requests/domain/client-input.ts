/** A client as an organization sends it on create or update. */
export interface ClientInput {
  firstName: string; middleName: string | null; lastName: string; email: string; phoneNumber: string;
  dateOfBirth: string | null; requesterClientRequestId: string | null;
}

const CLIENT_KEYS = ['firstName', 'middleName', 'lastName', 'email', 'phoneNumber', 'dateOfBirth', 'requesterClientRequestId'];
const EMAIL = /^[^\s@"<>]+@[^\s@"<>]+\.[^\s@"<>]+$/;
const PHONE = /^\+?[0-9][0-9 ().-]{6,20}$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const CONTROL = /[\u0000-\u001f\u007f]/;

/** A plain JSON object (not null, not an array). */
export const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Every problem of a body's property list, as readable sentences; none means the keys are fine. */
export function unexpectedKeys(body: Record<string, unknown>, allowed: readonly string[], where = ''): string[] {
  return Object.keys(body).filter((k) => !allowed.includes(k))
    .map((k) => `Unexpected property '${where}${k}', expected one of: ${allowed.join(', ')}`);
}

function text(errors: string[], where: string, v: unknown, required: boolean, max = 100): string | null {
  if (v === undefined || v === null || v === '') {
    if (required) errors.push(`${where} is required`);
    return null;
  }
  if (typeof v !== 'string') { errors.push(`${where} must be a string`); return null; }
  const t = v.trim();
  if (!t || t.length > max || CONTROL.test(t)) { errors.push(`${where} must be 1 to ${max} printable characters`); return null; }
  return t;
}

/**
 * Checks a client's fields, all at once. `partial` (an update of an existing request) allows any subset;
 * a new client needs first name, last name, email and phone number.
 */
export function checkClient(raw: unknown, where: string, partial: boolean, extraKeys: string[] = []): { client?: Partial<ClientInput>; errors: string[] } {
  if (!isObject(raw)) return { errors: [`${where} must be an object`] };
  const errors = unexpectedKeys(raw, [...CLIENT_KEYS, ...extraKeys], `${where}.`);
  const req = !partial;
  const c: Partial<ClientInput> = {};
  const set = <K extends keyof ClientInput>(k: K, v: ClientInput[K] | null) => { if (v !== null || raw[k] !== undefined) c[k] = v as ClientInput[K]; };
  set('firstName', text(errors, `${where}.firstName`, raw.firstName, req) as string);
  set('middleName', text(errors, `${where}.middleName`, raw.middleName, false));
  set('lastName', text(errors, `${where}.lastName`, raw.lastName, req) as string);
  const email = text(errors, `${where}.email`, raw.email, req, 254);
  if (email && !EMAIL.test(email)) errors.push(`${where}.email is not a valid email address`);
  set('email', email as string);
  const phone = text(errors, `${where}.phoneNumber`, raw.phoneNumber, req, 30);
  if (phone && !PHONE.test(phone)) errors.push(`${where}.phoneNumber is not a valid phone number`);
  set('phoneNumber', phone as string);
  const dob = text(errors, `${where}.dateOfBirth`, raw.dateOfBirth, false, 10);
  if (dob && (!DATE.test(dob) || Number.isNaN(Date.parse(`${dob}T00:00:00Z`)) || new Date(`${dob}T00:00:00Z`).toISOString().slice(0, 10) !== dob)) {
    errors.push(`${where}.dateOfBirth must be a date as YYYY-MM-DD`);
  }
  set('dateOfBirth', dob);
  set('requesterClientRequestId', text(errors, `${where}.requesterClientRequestId`, raw.requesterClientRequestId, false, 200));
  return { client: c, errors };
}
