import { SEGMENTS } from '../../eligibility-terms/index.ts';
import type { Program } from '../../programs/index.ts';
import { describeSegment, language } from './segments.ts';

/** A program's audience as the partner API holds it: the fields of a program it is made of. */
export interface AudienceFields {
  locales: string[];
  countries: string[];
  subSegments?: string[];
  minAge?: number;
  maxAge?: number;
}

/** An audience change: each part given replaces the program's. */
export interface AudienceChange {
  supportedLanguage?: { value: string; label?: string };
  supportedCountries?: string[];
  segmentDetails?: { subSegments?: string[]; minAge?: number | null; maxAge?: number | null };
}

/**
 * The audience fields after `change`, or the sentence saying why it cannot be: the supported language
 * becomes the program's first (default) locale, the others kept after it; sub-segments must be the
 * segment's (none means all); `null` clears an age bound.
 */
export function applyAudience(segment: string, fields: AudienceFields, change: AudienceChange): AudienceFields | string {
  const next: AudienceFields = { ...fields };
  if (change.supportedLanguage) {
    const locale = change.supportedLanguage.value;
    next.locales = [locale, ...fields.locales.filter((l) => l !== locale)];
  }
  if (change.supportedCountries) next.countries = [...new Set(change.supportedCountries)];
  const details = change.segmentDetails;
  if (details?.subSegments) {
    const allowed = SEGMENTS[segment]?.subSegments ?? [];
    const unknown = details.subSegments.find((s) => !allowed.includes(s));
    if (unknown !== undefined) {
      return `'${unknown}' is not a sub-segment of ${segment} (${allowed.join(', ') || 'none'})`;
    }
    next.subSegments = details.subSegments.length ? [...new Set(details.subSegments)] : undefined;
  }
  for (const bound of ['minAge', 'maxAge'] as const) {
    const v = details?.[bound];
    if (v === null) delete next[bound];
    else if (v !== undefined) next[bound] = v;
  }
  if (next.minAge !== undefined && next.maxAge !== undefined && next.minAge > next.maxAge) {
    return 'segmentDetails.maxAge must not be below minAge';
  }
  return next;
}

/** A program as SheerID's partner API shows it (`live` is the program out of test mode). */
export function presentPartnerProgram(p: Program) {
  const c = p.config;
  return {
    id: p.id,
    name: p.name,
    offerDescription: c.offerDescription ?? '',
    segmentDescription: describeSegment(p.segment),
    logoUrl: c.logoUrl ?? null,
    customCss: c.customCss ?? '',
    live: !p.testMode,
    archived: c.archived ?? false,
    // Vouch serves no hosted form of its own: a partner installs the form with the program's id.
    installOptions: { verifyUrl: null, landingPage: null, modal: null, embedded: null },
    customerTagging: { tags: c.customerTags ?? [] },
    oemType: c.oemType ?? null,
    oemUniqueId: c.oemUniqueId ?? null,
    audience: {
      supportedLanguage: language(c.locales[0] ?? 'en-US'),
      supportedCountries: c.countries,
      segmentDetails: { subSegments: c.subSegments ?? [], minAge: c.minAge ?? null, maxAge: c.maxAge ?? null },
    },
  };
}
export type PartnerProgram = ReturnType<typeof presentPartnerProgram>;
