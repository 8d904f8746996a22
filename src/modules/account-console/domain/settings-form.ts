/** The settings form's fields: the name each input posts, its label, and the unit its number counts. */
export const SETTING_FIELDS = [
  { name: 'linkLifetimeHours', label: 'Link lifetime', unit: 'hours', hint: 'How long a client’s link works after it is sent.' },
  { name: 'reportLifetimeDays', label: 'Report lifetime', unit: 'days', hint: 'How long a finished report can be downloaded.' },
  {
    name: 'reportWarningDays',
    label: 'Expiry warning',
    unit: 'days before',
    hint: 'When a report’s coming expiry is announced; less than its lifetime.',
  },
  { name: 'clientValidityDays', label: 'Client validity', unit: 'days', hint: 'How long a verified client stays verified.' },
  {
    name: 'reportAuditDays',
    label: 'Expired report kept for audit',
    unit: 'days',
    hint: 'How long an expired report’s content stays, encrypted, for audit (0: deleted at expiry).',
  },
] as const;

export type SettingName = (typeof SETTING_FIELDS)[number]['name'];

/** The languages a client's mail and capture page can be in, as the settings name them, with their labels. */
export const LANGUAGES = [
  ['en', 'English'],
  ['fr', 'French'],
] as const;

/** The form's text fields (checked by the settings' own body check: a language it knows, an IANA time zone). */
type TextName = 'defaultLanguage' | 'timeZone';

export interface SettingsForm {
  /** What was typed, for the form to show again. */
  typed: Record<SettingName | TextName | 'autoApproveReports', string>;
  /** The whole numbers read, the language and time zone, and the automatic approval's checkbox. */
  values: Partial<Record<SettingName, number>> & Partial<Record<TextName, string>> & { autoApproveReports?: boolean };
  /** Per field, why it cannot be read. */
  problems: Partial<Record<SettingName | TextName, string>>;
}

const WHOLE = /^[0-9]{1,6}$/;

/** Reads the posted form: each number field must be a whole number, the others given (the ranges, languages and zones are the settings' own checks). Pure. */
export function readSettingsForm(body: unknown): SettingsForm {
  const b = (body ?? {}) as Record<string, unknown>;
  const form: SettingsForm = { typed: {} as SettingsForm['typed'], values: {}, problems: {} };
  for (const f of SETTING_FIELDS) {
    const raw = typeof b[f.name] === 'string' ? (b[f.name] as string).trim() : '';
    form.typed[f.name] = raw;
    if (raw === '') form.problems[f.name] = 'Enter a number';
    else if (!WHOLE.test(raw)) form.problems[f.name] = 'Enter a whole number, such as 3';
    else form.values[f.name] = Number(raw);
  }
  for (const name of ['defaultLanguage', 'timeZone'] as const) {
    const raw = typeof b[name] === 'string' ? (b[name] as string).trim() : '';
    form.typed[name] = raw;
    if (raw === '') form.problems[name] = name === 'timeZone' ? 'Enter a time zone, such as America/Toronto' : 'Choose a language';
    else form.values[name] = raw;
  }
  // A checkbox: posted when ticked, absent when not.
  form.values.autoApproveReports = b.autoApproveReports === 'on';
  form.typed.autoApproveReports = form.values.autoApproveReports ? 'on' : '';
  return form;
}
