import { SEGMENTS } from '../../eligibility-terms/index.ts';
import { defaultMessages, mergeMessages } from './messages/index.ts';
import { ageBounds, type Program } from './program.ts';

/**
 * The program theme of the eligibility dialect: messages for the negotiated locale (defaults merged with
 * the program's own texts), the program's CSS, and the settings a client needs to render the form.
 */
export function buildTheme(p: Program, requestedLocale: string | undefined, publicUrl: string, remainingRewardCodes: number | null) {
  const wanted =
    requestedLocale && p.config.locales.some((l) => l === requestedLocale.replace('_', '-'))
      ? requestedLocale
      : (requestedLocale ?? p.config.locales[0]);
  const { locale, messages } = defaultMessages(wanted);
  const overrides = (p.config.messages[locale] ?? {}) as Record<string, unknown>;
  const { minAge, maxAge } = ageBounds(p);
  const orgTypes = p.config.orgTypes ?? SEGMENTS[p.segment].orgTypes;
  return {
    intl: { locale, messages: mergeMessages(messages, { companyName: p.name, ...overrides }) },
    customCss: p.config.customCss,
    logoUrl: p.config.logoUrl,
    privacyPolicyUrl: p.config.privacyPolicyUrl,
    colors: p.config.colors,
    // Vouch's own: the sites that may start verifications and embed the hosted form (empty: any).
    allowedDomains: p.config.allowedDomains,
    isTestMode: p.testMode,
    openOrgSearchEnabled: p.config.openOrgSearchEnabled,
    docUploadEnabled: true,
    emailLoopEnabled: (p.config.emailLoop ?? 'off') !== 'off',
    // Sign-in is per organization: whether the person's organization offers it is known once it is chosen.
    ssoEnabled: false,
    smsLoopEnabled: p.config.smsLoop === true,
    overrideEnabled: (p.config.overrideCodes?.length ?? 0) > 0,
    remainingRewardCodes,
    config: {
      countries: p.config.countries,
      locales: p.config.locales,
      maxReviewTime: p.config.maxReviewTime,
      estimatedReviewTime: p.config.estimatedReviewTime,
      marketConsent: p.config.marketConsent ?? { enabled: false, required: false, message: '' },
      customMetadata: { enabled: p.config.metadataKeys.length > 0, keys: p.config.metadataKeys },
      orgSearchUrl: orgSearchUrl(publicUrl, p.id, p.config.countries, orgTypes),
      orgTypes,
      excludedOrganizationIds: p.config.excludedOrganizationIds,
      segment: p.segment,
      subSegments: p.config.subSegments ?? SEGMENTS[p.segment].subSegments,
      offerType: p.config.offerType,
      minAge,
      maxAge,
      brandInfo: { faqUrl: null, emailAddress: null, phoneNumber: null },
    },
  };
}

/**
 * The organization search a form calls, with the person's text appended: the query shape of SheerID's
 * orgsearch service (`country` and `type` comma-separated, `name` last) on Vouch's own route, naming the
 * program so that its account's organizations and exclusions apply.
 */
export function orgSearchUrl(publicUrl: string, programId: string, countries: readonly string[], orgTypes: readonly string[]): string {
  const query = new URLSearchParams({ programId, country: countries.join(','), type: orgTypes.join(',') });
  return `${publicUrl}/rest/organization/search?${query}&name=`;
}
