import type { Program } from '../../programs/index.ts';
import type { FormFields } from './program-form.ts';

export const THEME_LOCALES = ['en-US', 'fr-CA', 'es-ES'] as const;
export type ThemeLocale = (typeof THEME_LOCALES)[number];
export const themeLocale = (v: unknown): ThemeLocale => (THEME_LOCALES.find((l) => l === v) ?? 'en-US') as ThemeLocale;

type Tree = { [key: string]: unknown };
const isTree = (v: unknown): v is Tree => v !== null && typeof v === 'object' && !Array.isArray(v);

/** A message tree as dotted keys and texts (`step.success.title`), in the tree's order. */
export function flatten(tree: unknown, prefix = ''): [string, string][] {
  if (!isTree(tree)) return [];
  return Object.entries(tree).flatMap(([k, v]): [string, string][] =>
    typeof v === 'string' ? [[`${prefix}${k}`, v]] : flatten(v, `${prefix}${k}.`),
  );
}

function unflatten(entries: [string, string][]): Tree {
  const out: Tree = {};
  for (const [key, text] of entries) {
    const parts = key.split('.');
    let at = out;
    for (const p of parts.slice(0, -1)) {
      if (!isTree(at[p])) at[p] = {};
      at = at[p] as Tree;
    }
    at[parts[parts.length - 1]] = text;
  }
  return out;
}

/** The form field of a message key. */
export const messageField = (key: string) => `m.${key}`;

/**
 * The program's messages with one locale's texts as the form gives them: a field left empty means the
 * default (nothing is kept for it); texts the program holds at keys the form does not show are kept.
 */
export function messagesWith(program: Program, locale: ThemeLocale, defaults: [string, string][], form: FormFields): Tree {
  const shown = new Set(defaults.map(([k]) => k));
  const kept = flatten(program.config.messages[locale]).filter(([k]) => !shown.has(k));
  const typed = defaults.flatMap(([k]): [string, string][] => {
    const v = (form[messageField(k)] ?? '').trim();
    return v === '' ? [] : [[k, v]];
  });
  const { [locale]: _old, ...others } = program.config.messages;
  const texts = [...kept, ...typed];
  return texts.length ? { ...others, [locale]: unflatten(texts) } : others;
}

/** The theme page's look fields in ProgramInput's terms. */
export const lookOf = (form: FormFields) => ({
  colors: { primary: (form.primary ?? '').trim(), background: (form.background ?? '').trim() },
  logoUrl: (form.logoUrl ?? '').trim() || null,
  privacyPolicyUrl: (form.privacyPolicyUrl ?? '').trim() || null,
  customCss: form.customCss ?? '',
});

/** The theme form as the program fills it: the look, and the locale's own texts at the keys shown. */
export function themeFormOf(program: Program, locale: ThemeLocale): FormFields {
  const c = program.config;
  const form: FormFields = {
    primary: c.colors?.primary ?? '#0b6bcb',
    background: c.colors?.background ?? '#f4f5f7',
    logoUrl: c.logoUrl ?? '',
    privacyPolicyUrl: c.privacyPolicyUrl ?? '',
    customCss: c.customCss ?? '',
  };
  for (const [k, v] of flatten(c.messages[locale])) form[messageField(k)] = v;
  return form;
}
