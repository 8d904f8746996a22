import { MILITARY_STATUSES, PERSON_STEPS, type Field } from '../../eligibility-terms/index.ts';

/** How one field of a person step is asked for on the form. */
export interface FieldSpec {
  /** The API's property, as the input names it (see form-values.ts). */
  field: Field | 'phoneNumber';
  kind: 'text' | 'email' | 'tel' | 'date' | 'organization' | 'country' | 'statuses' | 'consent';
  required: boolean;
  /** The browser's autofill hint. */
  autocomplete?: string;
  /** For `statuses`: the wire values offered. */
  choices?: string[];
}

const KINDS: Partial<Record<Field | 'phoneNumber', Pick<FieldSpec, 'kind' | 'autocomplete'>>> = {
  firstName: { kind: 'text', autocomplete: 'given-name' },
  lastName: { kind: 'text', autocomplete: 'family-name' },
  email: { kind: 'email', autocomplete: 'email' },
  phoneNumber: { kind: 'tel', autocomplete: 'tel' },
  birthDate: { kind: 'date', autocomplete: 'bday' },
  dischargeDate: { kind: 'date' },
  activeDutyStartDate: { kind: 'date' },
  organization: { kind: 'organization', autocomplete: 'organization' },
  postalCode: { kind: 'text', autocomplete: 'postal-code' },
  country: { kind: 'country', autocomplete: 'country' },
  address1: { kind: 'text', autocomplete: 'address-line1' },
  city: { kind: 'text', autocomplete: 'address-level2' },
  state: { kind: 'text', autocomplete: 'address-level1' },
  memberId: { kind: 'text' },
  driverLicenseNumber: { kind: 'text' },
  ebtCardNumber: { kind: 'text' },
  socialSecurityNumber: { kind: 'text' },
  statuses: { kind: 'statuses' },
  marketConsent: { kind: 'consent' },
};

/**
 * The fields the form shows for a person step, in the step's order (required ones first): each field the
 * API takes on that step and a person can answer (`status` and `stateCode`, alternatives of `statuses` and
 * `state`, are left to integrations). The phone number is asked where the program's SMS loop needs it; the
 * marketing consent where the program asks for it.
 */
export function personFields(step: string, options: { phoneNumber: boolean; marketConsent: boolean }): FieldSpec[] {
  const def = PERSON_STEPS[step];
  if (!def) return [];
  const specs: FieldSpec[] = [];
  const add = (field: Field | 'phoneNumber', required: boolean) => {
    const kind = KINDS[field];
    if (!kind || specs.some((s) => s.field === field)) return;
    if (field === 'marketConsent' && !options.marketConsent) return;
    specs.push({ field, required, ...kind, ...(field === 'statuses' ? { choices: Object.keys(def.statuses ?? {}) } : {}) });
  };
  for (const f of def.required) add(f, true);
  if (options.phoneNumber) add('phoneNumber', true);
  for (const f of def.optional) add(f, false);
  if (options.marketConsent) add('marketConsent', false);
  return specs;
}

/** Whether `step` is a person step the form knows how to ask. */
export const isPersonStep = (step: string) => Object.hasOwn(PERSON_STEPS, step);

/** The military statuses, in the order the status step offers them. */
export const MILITARY_STATUS_CHOICES = Object.keys(MILITARY_STATUSES);

/**
 * Which field a recoverable errorId belongs to, so that its message stands next to that field (and in the
 * summary); one that belongs to none is shown in the summary only.
 */
export const ERROR_FIELDS: Record<string, string> = {
  invalidFirstName: 'firstName',
  invalidLastName: 'lastName',
  invalidEmail: 'email',
  invalidPhoneNumber: 'phoneNumber',
  invalidBirthDate: 'birthDate',
  futureBirthDate: 'birthDate',
  underagePerson: 'birthDate',
  outsideAgePerson: 'birthDate',
  invalidAddress1: 'address1',
  invalidCity: 'city',
  invalidState: 'state',
  invalidPostalCode: 'postalCode',
  invalidCountry: 'country',
  invalidOrganization: 'organization',
  invalidMilitaryStatus: 'status',
  invalidFirstResponderStatus: 'statuses',
  invalidMedicalProfessionalStatus: 'statuses',
  invalidStatus: 'statuses',
  invalidStatuses: 'statuses',
  invalidSocialSecurityNumber: 'socialSecurityNumber',
  invalidDischargeDate: 'dischargeDate',
  dischargeDateBeforeBirthDate: 'dischargeDate',
  futureDischargeDate: 'dischargeDate',
  invalidDriverLicenseNumber: 'driverLicenseNumber',
  invalidEbtCardNumber: 'ebtCardNumber',
  invalidMemberId: 'memberId',
  marketConsentRequired: 'marketConsent',
  invalidEmailLoopToken: 'code',
  expiredEmailLoopToken: 'code',
  invalidSMSCode: 'code',
  expiredSMSCode: 'code',
  invalidAuthenticationToken: 'code',
  invalidOverrideCode: 'code',
};
