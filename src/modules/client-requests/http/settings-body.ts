import { z } from 'zod';
import { isTimeZone } from '../../../shared/dates.ts';
import { CLIENT_LANGUAGES } from '../domain/client-input.ts';

/** `PATCH /manage/v1/settings`: the settings to change, each optional (management dialect: Zod's own messages). */
export const SettingsBody = z.strictObject({
  linkLifetimeHours: z
    .int()
    .min(1)
    .max(24 * 30)
    .optional(),
  reportLifetimeDays: z.int().min(1).max(14).optional(),
  reportWarningDays: z.int().min(0).max(13).optional(),
  clientValidityDays: z.int().min(1).max(365).optional(),
  /** Test mode: the account may generate sample reports (sandbox). */
  testMode: z.boolean().optional(),
  /** How long an expired report's content stays, encrypted, for audit (0: deleted at expiry). */
  reportAuditDays: z.int().min(0).max(3650).optional(),
  /** The language of the link mail and page for clients sent without one. */
  defaultLanguage: z.enum(CLIENT_LANGUAGES).optional(),
  /** The IANA time zone the link mail gives its dates in (the page uses the client's browser's). */
  /** Approve a client's ID report without a person when every check passed and the document itself was read. */
  autoApproveReports: z.boolean().optional(),
  timeZone: z.string().max(64).refine(isTimeZone, { error: 'must be an IANA time zone, such as America/Toronto' }).optional(),
});

export type SettingsBody = z.output<typeof SettingsBody>;
