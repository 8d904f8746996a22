import { z } from 'zod';

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
});

export type SettingsBody = z.output<typeof SettingsBody>;
