import { ProgramInput, type Program } from '../../programs/index.ts';

/** A posted console form: every field as text (a ticked box is `on`; an unticked one is absent). */
export type FormFields = Record<string, string>;

/** The settings the program form edits (the theme has its own page; override codes stay with the API). */
export const SETTINGS_KEYS = [
  'subSegments',
  'offerType',
  'staticCode',
  'consolationRewardCode',
  'redirectUrl',
  'requireBackendCreation',
  'countries',
  'locales',
  'minAge',
  'maxAge',
  'orgTypes',
  'openOrgSearchEnabled',
  'affiliations',
  'maxReviewTime',
  'estimatedReviewTime',
  'metadataKeys',
  'marketConsent',
  'maxDocUploadAttempts',
  'maxFileSizeBytes',
  'documentRetentionDays',
  'allowedDomains',
  'maxOverrideAttempts',
  'marketplace',
  'rememberMe',
  'emailLoop',
  'emailLoopCancellable',
  'smsLoop',
  'idCheckLoop',
  'collectSocialSecurityNumber',
  'ssoCancellable',
  'abuse',
  'startDate',
  'endDate',
] as const;

/** What the theme page edits. */
export const THEME_KEYS = ['messages', 'colors', 'logoUrl', 'privacyPolicyUrl', 'customCss'] as const;

export const BOOLEAN_FIELDS = [
  'requireBackendCreation',
  'openOrgSearchEnabled',
  'marketplace',
  'rememberMe',
  'emailLoopCancellable',
  'smsLoop',
  'idCheckLoop',
  'collectSocialSecurityNumber',
  'ssoCancellable',
] as const;
export const ABUSE_COUNTS = ['perPersonPerDay', 'perDevicePerDay', 'perEmailPerDay', 'perIpPerHour'] as const;
const NUMBER_FIELDS = [
  'minAge',
  'maxAge',
  'maxDocUploadAttempts',
  'maxFileSizeBytes',
  'documentRetentionDays',
  'maxOverrideAttempts',
] as const;

const given = (v: string | undefined) => (v ?? '').trim();
const optionalText = (v: string | undefined) => (given(v) === '' ? undefined : given(v));
const nullableText = (v: string | undefined) => (given(v) === '' ? null : given(v));
/** Whole numbers as numbers; anything else is passed on as typed, for the schema to name it. */
const optionalNumber = (v: string | undefined) =>
  given(v) === '' ? undefined : /^-?\d{1,12}$/.test(given(v)) ? Number(given(v)) : given(v);
const ticked = (v: string | undefined) => v === 'on' || v === 'true';
/** Items separated by commas or lines; undefined when there are none. */
const listOf = (v: string | undefined) => {
  const items = (v ?? '')
    .split(/[,\n]/)
    .map((s) => s.trim())
    .filter(Boolean);
  return items.length ? items : undefined;
};
/** A `datetime-local` value is read as UTC; an RFC 3339 date-time is taken as it is. */
const instantOf = (v: string | undefined) => {
  const s = given(v);
  if (s === '') return null;
  return /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/.test(s) ? `${s.length === 16 ? `${s}:00` : s}Z` : s;
};

/** The program's settings as the form gives them, in ProgramInput's terms (a field left empty: its default). */
export function settingsOf(form: FormFields): Record<string, unknown> {
  const locales = ['en-US', 'fr-CA', 'es-ES'].filter((l) => ticked(form[`locale.${l}`]));
  const out: Record<string, unknown> = {
    subSegments: listOf(form.subSegments),
    offerType: optionalText(form.offerType),
    staticCode: optionalText(form.staticCode),
    consolationRewardCode: nullableText(form.consolationRewardCode),
    redirectUrl: nullableText(form.redirectUrl),
    countries: listOf(form.countries?.toUpperCase()),
    locales: locales.length ? locales : undefined,
    orgTypes: listOf(form.orgTypes?.toUpperCase()),
    affiliations: listOf(form.affiliations),
    maxReviewTime: optionalText(form.maxReviewTime),
    estimatedReviewTime: optionalText(form.estimatedReviewTime),
    metadataKeys: listOf(form.metadataKeys),
    allowedDomains: listOf(form.allowedDomains),
    emailLoop: optionalText(form.emailLoop),
    marketConsent: ticked(form['marketConsent.enabled'])
      ? { enabled: true, required: ticked(form['marketConsent.required']), message: given(form['marketConsent.message']) }
      : undefined,
    abuse: {
      refuseDisposableEmails: ticked(form['abuse.refuseDisposableEmails']),
      refuseDuplicateDocuments: ticked(form['abuse.refuseDuplicateDocuments']),
      ...Object.fromEntries(ABUSE_COUNTS.map((k) => [k, optionalNumber(form[`abuse.${k}`])])),
    },
    startDate: instantOf(form.startDate),
    endDate: instantOf(form.endDate),
  };
  for (const k of BOOLEAN_FIELDS) out[k] = ticked(form[k]);
  for (const k of NUMBER_FIELDS) out[k] = optionalNumber(form[k]);
  return out;
}

/** The whole definition a new program's form gives (for createProgram, which judges it). */
export const newProgramOf = (form: FormFields) => ({
  name: form.name ?? '',
  segment: given(form.segment),
  testMode: form.mode !== 'live',
  ...settingsOf(form),
});

/** What ProgramInput found wrong, one sentence a field. */
export type Findings = string[];

/**
 * The program with `part` applied (its `keys`, plus name and mode when given), judged as a whole by
 * ProgramInput, the management API's schema: the definition it would accept, or its findings. A key the
 * part leaves empty falls back to its default (an optional one is removed). Override codes (kept as digests)
 * and a partner's settings are carried over untouched.
 */
export function revised(
  program: Program,
  part: Record<string, unknown>,
  keys: readonly string[],
): { program: Program } | { findings: Findings } {
  const { overrideCodes: _codes, archived, offerDescription, customerTags, oemType, oemUniqueId, ...definition } = program.config;
  const parsed = ProgramInput.safeParse({
    ...definition,
    name: program.name,
    segment: program.segment,
    testMode: program.testMode,
    ...part,
  });
  if (!parsed.success) return { findings: parsed.error.issues.map((i) => `${fieldName(i.path.join('.'))}: ${i.message}`) };
  const data = parsed.data as unknown as Record<string, unknown>;
  const config = { ...program.config } as Record<string, unknown>;
  for (const k of keys) {
    if (data[k] === undefined) delete config[k];
    else config[k] = data[k];
  }
  return { program: { ...program, name: parsed.data.name, testMode: parsed.data.testMode, config: config as Program['config'] } };
}

/** A finding's field as the form labels it. */
export function fieldName(path: string): string {
  return FIELD_NAMES[path] ?? FIELD_NAMES[path.split('.')[0]] ?? (path || 'Program');
}

const FIELD_NAMES: Record<string, string> = {
  name: 'Name',
  segment: 'Segment',
  subSegments: 'Sub-segments',
  offerType: 'Offer type',
  staticCode: 'Static code',
  consolationRewardCode: 'Consolation code',
  redirectUrl: 'Redirect URL',
  countries: 'Countries',
  locales: 'Languages',
  minAge: 'Minimum age',
  maxAge: 'Maximum age',
  orgTypes: 'Organization types',
  affiliations: 'Affiliations',
  metadataKeys: 'Metadata keys',
  allowedDomains: 'Allowed domains',
  maxDocUploadAttempts: 'Document upload attempts',
  maxFileSizeBytes: 'Largest file',
  documentRetentionDays: 'Document retention',
  maxOverrideAttempts: 'Override code attempts',
  'marketConsent.message': 'Marketing consent text',
  'abuse.perPersonPerDay': 'Attempts per person a day',
  'abuse.perDevicePerDay': 'Attempts per device a day',
  'abuse.perEmailPerDay': 'Attempts per email a day',
  'abuse.perIpPerHour': 'Attempts per IP address an hour',
  startDate: 'Start',
  endDate: 'End',
  logoUrl: 'Logo URL',
  privacyPolicyUrl: 'Privacy policy URL',
  customCss: 'Custom CSS',
  'colors.primary': 'Button and link colour',
  'colors.background': 'Page colour',
  messages: 'Messages',
};

const joined = (v: readonly (string | number)[] | undefined) => (v ?? []).join(', ');
const on = (v: boolean | undefined) => (v ? 'on' : '');
/** A stored instant as a `datetime-local` value in UTC. */
const localOf = (v: string | null | undefined) => (v ? new Date(v).toISOString().slice(0, 16) : '');

/** The form's fields as a stored program fills them. */
export function formOf(p: Program): FormFields {
  const c = p.config;
  const abuse = (c.abuse ?? {}) as Partial<Record<string, number | boolean>>;
  const form: FormFields = {
    name: p.name,
    segment: p.segment,
    mode: p.testMode ? 'test' : 'live',
    subSegments: joined(c.subSegments),
    offerType: c.offerType,
    staticCode: c.staticCode ?? '',
    consolationRewardCode: c.consolationRewardCode ?? '',
    redirectUrl: c.redirectUrl ?? '',
    countries: joined(c.countries),
    orgTypes: joined(c.orgTypes),
    affiliations: joined(c.affiliations),
    maxReviewTime: c.maxReviewTime,
    estimatedReviewTime: c.estimatedReviewTime,
    metadataKeys: joined(c.metadataKeys),
    allowedDomains: (c.allowedDomains ?? []).join('\n'),
    emailLoop: c.emailLoop ?? 'off',
    'marketConsent.enabled': on(c.marketConsent?.enabled),
    'marketConsent.required': on(c.marketConsent?.required),
    'marketConsent.message': c.marketConsent?.message ?? '',
    'abuse.refuseDisposableEmails': on(abuse.refuseDisposableEmails !== false),
    'abuse.refuseDuplicateDocuments': on(abuse.refuseDuplicateDocuments === true),
    startDate: localOf(c.startDate),
    endDate: localOf(c.endDate),
  };
  for (const l of c.locales ?? []) form[`locale.${l}`] = 'on';
  for (const k of ABUSE_COUNTS) form[`abuse.${k}`] = abuse[k] === undefined ? '' : String(abuse[k]);
  for (const k of BOOLEAN_FIELDS) form[k] = on(c[k] as boolean | undefined);
  for (const k of NUMBER_FIELDS) form[k] = c[k] === undefined ? '' : String(c[k]);
  return form;
}

/** A new program's form: ProgramInput's defaults. */
export function blankForm(): FormFields {
  return {
    mode: 'test',
    offerType: 'staticCode',
    countries: 'US',
    'locale.en-US': 'on',
    maxReviewTime: '20_MIN',
    estimatedReviewTime: 'A_FEW_MINUTES',
    emailLoop: 'off',
    emailLoopCancellable: 'on',
    ssoCancellable: 'on',
    maxDocUploadAttempts: '3',
    maxFileSizeBytes: '10000000',
    documentRetentionDays: '0',
    maxOverrideAttempts: '5',
    'abuse.refuseDisposableEmails': 'on',
    'abuse.perPersonPerDay': '5',
    'abuse.perDevicePerDay': '20',
    'abuse.perEmailPerDay': '5',
    'abuse.perIpPerHour': '100',
  };
}
