import { COMMON_FIELDS, type PersonStep } from '../../eligibility-terms/index.ts';
import { checkPastDate, parseCalendarDate } from '../../../shared/dates.ts';
import { isCountry, isEmail, isFreeText, isIpAddress, isLocale, isName, isPhone, isPostalCode, isState, normalSsn } from './field-rules.ts';
import { checkMetadata } from './metadata.ts';

export { checkMetadata, MAX_METADATA_KEYS, MAX_METADATA_VALUE } from './metadata.ts';

export interface Person {
  firstName: string;
  lastName: string;
  email: string;
  birthDate?: string;
  organization?: { id: number; name: string; idExtended?: string; source?: string };
  statuses?: string[];
  postalCode?: string;
  country?: string;
  phoneNumber?: string;
  [field: string]: unknown;
}

/** A body problem that ends the request (non-recoverable): the body has the wrong shape. */
export interface BodyRejection {
  kind: 'invalidRequest';
  errorId: string;
  message: string;
}
export type Validation =
  | { kind: 'ok'; person: Person; metadata: Record<string, string> }
  | BodyRejection
  | { kind: 'fieldErrors'; errorIds: string[] };

const reject = (message: string, errorId = 'invalidRequest'): BodyRejection => ({ kind: 'invalidRequest', errorId, message });
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The body must be a JSON object holding only `allowed` keys; the first stranger is named, as the seed shows. */
export function checkKeys(body: unknown, allowed: readonly string[], where = ''): BodyRejection | null {
  if (!isObject(body)) return reject(`Request body${where ? ` property '${where}'` : ''} must be a JSON object`);
  const unexpected = Object.keys(body).find((k) => !allowed.includes(k));
  return unexpected === undefined
    ? null
    : reject(`Unexpected property '${where ? `${where}.` : ''}${unexpected}', expected one of: ${allowed.join(', ')}`);
}

type Kind = 'string' | 'organization' | 'statuses' | 'boolean' | 'ssn' | 'metadata';
const KIND: Record<string, Kind> = {
  organization: 'organization',
  statuses: 'statuses',
  marketConsent: 'boolean',
  socialSecurityNumber: 'ssn',
  metadata: 'metadata',
};
const kindOf = (field: string): Kind => KIND[field] ?? 'string';

/** A text field (or the number-or-text SSN) holding only whitespace. */
const isBlankText = (field: string, v: unknown) =>
  typeof v === 'string' && v.trim() === '' && (kindOf(field) === 'string' || kindOf(field) === 'ssn');

function typeProblem(field: string, v: unknown): BodyRejection | null {
  switch (kindOf(field)) {
    case 'string':
      return typeof v === 'string' ? null : reject(`Property '${field}' must be a string`);
    case 'boolean':
      return typeof v === 'boolean' ? null : reject(`Property '${field}' must be a boolean`);
    case 'ssn':
      return typeof v === 'number' || typeof v === 'string' ? null : reject(`Property '${field}' must be a number`);
    case 'statuses':
      return typeof v === 'string' || (Array.isArray(v) && v.every((s) => typeof s === 'string'))
        ? null
        : reject(`Property '${field}' must be an array of strings`);
    case 'organization':
      return checkKeys(v, ['id', 'name', 'idExtended', 'source'], 'organization');
    case 'metadata':
      return null;
  }
}

/** Field checks in the order fields appear in a person body; each yields the errorId of its field. */
type Check = (v: unknown, body: Record<string, unknown>, ctx: ValidationContext) => string | null;
const text =
  (ok: (s: string) => boolean, id: string): Check =>
  (v) =>
    typeof v === 'string' && ok(v) ? null : id;

const CHECKS: [string, Check][] = [
  ['firstName', text(isName, 'invalidFirstName')],
  ['lastName', text(isName, 'invalidLastName')],
  [
    'birthDate',
    (v, _b, ctx) => {
      const problem = checkPastDate(v, ctx.today);
      return problem === 'future' ? 'futureBirthDate' : problem ? 'invalidBirthDate' : null;
    },
  ],
  ['email', text(isEmail, 'invalidEmail')],
  ['phoneNumber', text(isPhone, 'invalidPhoneNumber')],
  [
    'organization',
    (v, _b, ctx) => {
      const o = v as { id?: unknown; name?: unknown };
      if (!Number.isSafeInteger(o.id) || (o.id as number) < 0) return 'invalidOrganization';
      if (o.name !== undefined && (typeof o.name !== 'string' || (o.name !== '' && !isFreeText(300)(o.name)))) return 'invalidOrganization';
      if (o.id === 0 && !(ctx.openOrgSearchEnabled && typeof o.name === 'string' && o.name.trim())) return 'invalidOrganization';
      return null;
    },
  ],
  ['address1', text(isFreeText(200), 'invalidAddress1')],
  ['city', text(isFreeText(100), 'invalidCity')],
  ['state', text(isState, 'invalidState')],
  ['stateCode', text(isState, 'invalidState')],
  ['postalCode', text(isPostalCode, 'invalidPostalCode')],
  ['country', text(isCountry, 'invalidCountry')],
  [
    'dischargeDate',
    (v, body, ctx) => {
      const problem = checkPastDate(v, ctx.today);
      if (problem) return problem === 'future' ? 'futureDischargeDate' : 'invalidDischargeDate';
      // Both are calendar dates here, so their text sorts as the days do.
      return parseCalendarDate(body.birthDate) && (v as string) < (body.birthDate as string) ? 'dischargeDateBeforeBirthDate' : null;
    },
  ],
  ['activeDutyStartDate', (v) => (parseCalendarDate(v) ? null : 'invalidRequest')],
  ['socialSecurityNumber', (v) => (normalSsn(v) ? null : 'invalidSocialSecurityNumber')],
  ['memberId', text(isFreeText(64), 'invalidMemberId')],
  ['driverLicenseNumber', text((s) => /^[A-Za-z0-9]{1,20}$/.test(s.replace(/[^A-Za-z0-9]/g, '')), 'invalidDriverLicenseNumber')],
  ['ebtCardNumber', text((s) => /^\d{16,19}$/.test(s.replace(/[\s-]/g, '')), 'invalidEbtCardNumber')],
  ['locale', text(isLocale, 'invalidLocale')],
  ['ipAddress', text(isIpAddress, 'invalidRequest')],
  ['ipAddressExtended', text(isIpAddress, 'invalidRequest')],
];

const MISSING: Record<string, string> = {
  firstName: 'invalidFirstName',
  lastName: 'invalidLastName',
  email: 'invalidEmail',
  birthDate: 'invalidBirthDate',
  organization: 'invalidOrganization',
  postalCode: 'invalidPostalCode',
  address1: 'invalidAddress1',
  city: 'invalidCity',
  state: 'invalidState',
  country: 'invalidCountry',
  dischargeDate: 'invalidDischargeDate',
  phoneNumber: 'invalidPhoneNumber',
  driverLicenseNumber: 'invalidDriverLicenseNumber',
  memberId: 'invalidMemberId',
};

export interface ValidationContext {
  today: Date;
  openOrgSearchEnabled: boolean;
  /** Sub-segments the program accepts (statuses mapping to others are refused). */
  allowedSubSegments: string[] | null;
  marketConsentRequired: boolean;
}

/**
 * Validates a person body for a step. Shape problems (unknown or mistyped properties) reject the request;
 * field problems are all collected, in body order, so the person can fix them at once.
 */
export function validatePerson(def: PersonStep, body: unknown, ctx: ValidationContext): Validation {
  const allowed = [...def.required, ...def.optional, ...COMMON_FIELDS];
  const keyProblem = checkKeys(body, allowed);
  if (keyProblem) return keyProblem;
  const sent = Object.fromEntries(Object.entries(body as Record<string, unknown>).filter(([, v]) => v !== null));
  for (const [field, value] of Object.entries(sent)) {
    const problem = typeProblem(field, value);
    if (problem) return problem;
  }
  // Forms send the optional fields the person left empty as "" (`"phoneNumber": ""`): not given, like null.
  const required = new Set<string>(def.required);
  const b = Object.fromEntries(Object.entries(sent).filter(([field, v]) => !(isBlankText(field, v) && !required.has(field))));
  const checked = checkMetadata(b.metadata);
  if (checked.kind !== 'ok') return checked;
  const metadata = checked.metadata;

  const errors: string[] = [];
  const add = (id: string) => {
    if (!errors.includes(id)) errors.push(id);
  };
  for (const [field, check] of CHECKS) {
    if (b[field] === undefined) {
      if ((def.required as string[]).includes(field)) add(MISSING[field] ?? 'invalidRequest');
      continue;
    }
    const id = check(b[field], b, ctx);
    if (id === 'invalidRequest') return reject(`Property '${field}' is not valid`);
    if (id) add(id);
  }
  if (def.step === 'collectAgePersonalInfo') {
    const country = (b.country as string | undefined) ?? 'US';
    if (country === 'US' && b.postalCode === undefined) add('invalidPostalCode');
    if (country !== 'US' && b.phoneNumber === undefined) add('invalidPhoneNumber');
  }
  const statuses = b.statuses ?? b.status;
  if (def.statuses) {
    const list = statuses === undefined ? [] : Array.isArray(statuses) ? (statuses as string[]) : [statuses as string];
    // Own keys only: a status named like a built-in property ('toString', '__proto__') is no status.
    const ok =
      list.length > 0 &&
      list.every((s) => Object.hasOwn(def.statuses!, s) && (!ctx.allowedSubSegments || ctx.allowedSubSegments.includes(def.statuses![s])));
    if (!ok) add(def.statusErrorId ?? 'invalidStatus');
  }
  if (ctx.marketConsentRequired && b.marketConsent !== true) add('marketConsentRequired');
  if (errors.length > 0) return { kind: 'fieldErrors', errorIds: errors };

  const person = { ...b } as Person;
  delete person.metadata;
  for (const f of ['firstName', 'lastName', 'email'] as const) person[f] = person[f].trim();
  if (def.statuses) person.statuses = Array.isArray(statuses) ? (statuses as string[]) : [statuses as string];
  delete person.status;
  return { kind: 'ok', person, metadata };
}
