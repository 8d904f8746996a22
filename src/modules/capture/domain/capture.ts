import { checkPastDate, parseCalendarDate } from '../../../shared/dates.ts';

/**
 * What a client enters on the capture page, step by step, and the rules each step's form must meet. Pure:
 * the page and the use cases share it, and the report is built from it.
 */
export const DOCUMENT_TYPES = ['passport', 'driverLicence', 'idCard', 'prCard'] as const;
export type DocumentType = (typeof DOCUMENT_TYPES)[number];
/** A passport is one page; the cards have a back with data on it. */
export const hasBack = (t: DocumentType) => t !== 'passport';

export type ImageKind = 'front' | 'back' | 'selfie';

export interface CaptureData {
  privacyAcceptedAt?: string;
  identity?: { firstName: string; middleName: string | null; lastName: string; dateOfBirth: string };
  document?: { type: DocumentType; number: string; issuingCountry: string; expiryDate: string; mrz: string | null };
  address?: { address: string; city: string; province: string | null; country: string; countryCode: string; postalCode: string };
}

export const STEPS = ['privacy', 'identity', 'document', 'photos', 'address', 'review'] as const;
export type Step = (typeof STEPS)[number];

/** The images a document type needs, in the order the page asks for them. */
export const neededImages = (data: CaptureData): ImageKind[] =>
  data.document && hasBack(data.document.type) ? ['front', 'back', 'selfie'] : ['front', 'selfie'];

/** The first step not done yet: where a client who comes back with the same link resumes. */
export function nextStep(data: CaptureData, images: ReadonlySet<string>): Step {
  if (!data.privacyAcceptedAt) return 'privacy';
  if (!data.identity) return 'identity';
  if (!data.document) return 'document';
  if (neededImages(data).some((k) => !images.has(k))) return 'photos';
  if (!data.address) return 'address';
  return 'review';
}

/** A step the client may open: any step up to the first one not done (going back to correct is allowed). */
export function openableStep(wanted: string | undefined, data: CaptureData, images: ReadonlySet<string>): Step {
  const next = nextStep(data, images);
  const i = STEPS.indexOf(wanted as Step);
  return i >= 0 && i <= STEPS.indexOf(next) ? STEPS[i] : next;
}

/** Form errors: field name -> message key (see the page's texts). */
export type FieldErrors = Record<string, string>;
type Form = Record<string, unknown>;

const CONTROL = /[\u0000-\u001f\u007f]/;

function field(form: Form, name: string, errors: FieldErrors, opts: { required?: boolean; max?: number } = {}): string | null {
  const raw = form[name];
  const v = typeof raw === 'string' ? raw.trim() : '';
  if (!v) {
    if (opts.required !== false) errors[name] = 'required';
    return null;
  }
  if (v.length > (opts.max ?? 100) || CONTROL.test(v)) {
    errors[name] = 'tooLong';
    return null;
  }
  return v;
}

/** `now` comes from the clock: a date of birth after today is refused like one that does not exist. */
export function checkIdentityForm(form: Form, now: Date): { value?: CaptureData['identity']; errors: FieldErrors } {
  const errors: FieldErrors = {};
  const firstName = field(form, 'firstName', errors);
  const middleName = field(form, 'middleName', errors, { required: false });
  const lastName = field(form, 'lastName', errors);
  const dob = field(form, 'dateOfBirth', errors, { max: 10 });
  // A birth date to come is a typo the person can see at once when told so.
  const dobProblem = dob ? checkPastDate(dob, now) : null;
  if (dobProblem) errors.dateOfBirth = dobProblem === 'future' ? 'futureBirthDate' : 'badDate';
  if (Object.keys(errors).length) return { errors };
  return { value: { firstName: firstName!, middleName, lastName: lastName!, dateOfBirth: dob! }, errors };
}

/** The machine-readable zone as typed: upper case, spaces dropped, one line per row. */
export const normalizeMrz = (v: string) =>
  v
    .toUpperCase()
    .split(/\r?\n/)
    .map((l) => l.replace(/\s+/g, ''))
    .filter(Boolean)
    .join('\n');

export function checkDocumentForm(form: Form): { value?: CaptureData['document']; errors: FieldErrors } {
  const errors: FieldErrors = {};
  const type = form.type;
  if (!DOCUMENT_TYPES.includes(type as DocumentType)) errors.type = 'required';
  const number = field(form, 'number', errors, { max: 30 });
  const issuingCountry = field(form, 'issuingCountry', errors, { max: 60 });
  const expiryDate = field(form, 'expiryDate', errors, { max: 10 });
  if (expiryDate && !parseCalendarDate(expiryDate)) errors.expiryDate = 'badDate';
  // The zone is two or three lines: line breaks are its only allowed control characters.
  const mrzRaw =
    field({ mrz: typeof form.mrz === 'string' ? form.mrz.replace(/\r?\n/g, '|') : form.mrz }, 'mrz', errors, {
      required: false,
      max: 200,
    })?.replace(/\|/g, '\n') ?? null;
  const mrz = mrzRaw ? normalizeMrz(mrzRaw) : null;
  if (mrz && !/^[A-Z0-9<\n]+$/.test(mrz)) errors.mrz = 'badMrz';
  if (Object.keys(errors).length) return { errors };
  return { value: { type: type as DocumentType, number: number!, issuingCountry: issuingCountry!, expiryDate: expiryDate!, mrz }, errors };
}

/** Countries whose postal code has a known shape; elsewhere any code is taken as typed. */
const POSTAL: Record<string, RegExp> = {
  CA: /^[A-Z]\d[A-Z] ?\d[A-Z]\d$/i,
  US: /^\d{5}(-\d{4})?$/,
  FR: /^\d{5}$/,
};
/** The countries the address step offers, by code, with the English name the report records (the page translates it). */
export const COUNTRIES: Record<string, string> = { CA: 'Canada', US: 'United States', FR: 'France', GB: 'United Kingdom', OTHER: 'Other' };
/** Where an address needs a province or state to be complete. */
export const NEEDS_PROVINCE = new Set(['CA', 'US']);

/** Only the shape of each field: whether the address is complete is a check the report records. */
export function checkAddressForm(form: Form): { value?: CaptureData['address']; errors: FieldErrors } {
  const errors: FieldErrors = {};
  const address = field(form, 'address', errors, { required: false, max: 200 });
  const city = field(form, 'city', errors, { required: false });
  const province = field(form, 'province', errors, { required: false });
  const postalCode = field(form, 'postalCode', errors, { required: false, max: 12 });
  const countryCode = typeof form.countryCode === 'string' && Object.hasOwn(COUNTRIES, form.countryCode) ? form.countryCode : null;
  if (!countryCode) errors.countryCode = 'required';
  const countryText = field(form, 'country', errors, { required: false, max: 60 });
  if (Object.keys(errors).length) return { errors };
  const country = countryCode === 'OTHER' ? (countryText ?? '') : COUNTRIES[countryCode!];
  return {
    value: { address: address ?? '', city: city ?? '', province, country, countryCode: countryCode!, postalCode: postalCode ?? '' },
    errors,
  };
}

/** The parts an address lacks (empty: complete). */
export function missingAddressParts(a: NonNullable<CaptureData['address']>): string[] {
  const missing: string[] = [];
  if (!a.address) missing.push('street address');
  if (!a.city) missing.push('city');
  if (NEEDS_PROVINCE.has(a.countryCode) && !a.province) missing.push('province or state');
  if (!a.country) missing.push('country');
  if (!a.postalCode) missing.push('postal code');
  else if (POSTAL[a.countryCode] && !POSTAL[a.countryCode].test(a.postalCode)) missing.push(`a valid ${a.countryCode} postal code`);
  return missing;
}
