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

export interface SettingsForm {
  /** What was typed, for the form to show again. */
  typed: Record<SettingName, string>;
  /** The whole numbers read. */
  values: Partial<Record<SettingName, number>>;
  /** Per field, why it cannot be read. */
  problems: Partial<Record<SettingName, string>>;
}

const WHOLE = /^[0-9]{1,6}$/;

/** Reads the posted form: each field must be a whole number (the ranges are the settings' own checks). Pure. */
export function readSettingsForm(body: unknown): SettingsForm {
  const b = (body ?? {}) as Record<string, unknown>;
  const form: SettingsForm = { typed: {} as Record<SettingName, string>, values: {}, problems: {} };
  for (const f of SETTING_FIELDS) {
    const raw = typeof b[f.name] === 'string' ? (b[f.name] as string).trim() : '';
    form.typed[f.name] = raw;
    if (raw === '') form.problems[f.name] = 'Enter a number';
    else if (!WHOLE.test(raw)) form.problems[f.name] = 'Enter a whole number, such as 3';
    else form.values[f.name] = Number(raw);
  }
  return form;
}
