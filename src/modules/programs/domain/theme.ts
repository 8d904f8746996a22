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
    isTestMode: p.testMode,
    openOrgSearchEnabled: p.config.openOrgSearchEnabled,
    docUploadEnabled: true,
    emailLoopEnabled: false,
    ssoEnabled: false,
    smsLoopEnabled: false,
    overrideEnabled: false,
    remainingRewardCodes,
    config: {
      countries: p.config.countries,
      locales: p.config.locales,
      maxReviewTime: p.config.maxReviewTime,
      estimatedReviewTime: p.config.estimatedReviewTime,
      marketConsent: p.config.marketConsent ?? { enabled: false, required: false, message: '' },
      customMetadata: { enabled: p.config.metadataKeys.length > 0, keys: p.config.metadataKeys },
      orgSearchUrl: `${publicUrl}/rest/v2/program/${p.id}/organization?name=`,
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
