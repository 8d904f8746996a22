import { LOCALES, SEGMENT_NAMES, TOKEN_ONLY_SEGMENTS } from '../../eligibility-terms/index.ts';

/** How each segment is named and described to a partner's merchant (SheerID's SegmentDescription). */
const WORDS: Record<string, { displayName: string; description: string }> = {
  student: { displayName: 'Student', description: 'Students of universities, colleges and high schools' },
  teacher: { displayName: 'Teacher', description: 'Teachers and faculty of schools and universities' },
  military: { displayName: 'Military', description: 'Active duty, veterans, retirees, reservists and their families' },
  senior: { displayName: 'Senior', description: 'People aged 55 or more' },
  age: { displayName: 'Age', description: 'People within an age range (18 or more unless set)' },
  firstResponder: { displayName: 'First Responder', description: 'Police, firefighters, search and rescue, EMTs' },
  medical: { displayName: 'Medical Professional', description: 'Nurses, doctors, dentists, pharmacists and other health workers' },
  employment: { displayName: 'Employee', description: 'Employees of an organization' },
  member: { displayName: 'Member', description: 'Members of an organization' },
  licensedProfessional: { displayName: 'Licensed Professional', description: 'Holders of a professional license' },
  recentMover: { displayName: 'Recent Mover', description: 'People who moved recently' },
  lowIncome: { displayName: 'Low Income', description: 'People receiving government assistance' },
  identity: { displayName: 'Identity', description: 'Anyone who proves who they are with an identity document' },
};

const LANGUAGE_LABELS: Record<string, string> = {
  'en-US': 'English (United States)',
  'fr-CA': 'French (Canada)',
  'es-ES': 'Spanish (Spain)',
};

/** A language as the partner API shows it: its locale and a label. */
export const language = (locale: string) => ({ value: locale, label: LANGUAGE_LABELS[locale] ?? locale });

/** The segments a partner can create a program for: every one with a person form (not marketplace). */
export const PARTNER_SEGMENTS = SEGMENT_NAMES.filter((s) => !TOKEN_ONLY_SEGMENTS.has(s));

/**
 * A segment as SheerID's partner API describes it. `name` is what a program is created with
 * (`segmentDescriptionName`); `countries` is empty, as a program may name any country.
 */
export function describeSegment(segment: string) {
  const words = WORDS[segment] ?? { displayName: segment, description: segment };
  return {
    name: segment,
    displayName: words.displayName,
    description: words.description,
    label: words.displayName,
    displayInfo: null,
    languages: LOCALES.map(language),
    countries: [] as string[],
  };
}
