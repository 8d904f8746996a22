import { z } from 'zod';
import { CommonErrors } from '../../../shared/errors.ts';
import type { IdvDeps } from './deps.ts';

export const SettingsInput = z.strictObject({
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

const present = (s: {
  link_lifetime_hours: number;
  report_lifetime_days: number;
  report_warning_days: number;
  client_validity_days: number;
  test_mode: boolean;
  report_audit_days: number;
}) => ({
  linkLifetimeHours: s.link_lifetime_hours,
  reportLifetimeDays: s.report_lifetime_days,
  reportWarningDays: s.report_warning_days,
  clientValidityDays: s.client_validity_days,
  testMode: s.test_mode,
  reportAuditDays: s.report_audit_days,
});

export const getSettings = async (deps: IdvDeps, accountId: string) => present(await deps.repo.settings(accountId));

/** Changes some settings; the warning must come before the report's end. */
export async function changeSettings(deps: IdvDeps, accountId: string, body: unknown) {
  const parsed = SettingsInput.safeParse(body);
  if (!parsed.success) {
    throw CommonErrors.invalidRequest(parsed.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; '));
  }
  const s = { ...(await deps.repo.settings(accountId)) };
  const p = parsed.data;
  const next = {
    account_id: accountId,
    link_lifetime_hours: p.linkLifetimeHours ?? s.link_lifetime_hours,
    report_lifetime_days: p.reportLifetimeDays ?? s.report_lifetime_days,
    report_warning_days: p.reportWarningDays ?? s.report_warning_days,
    client_validity_days: p.clientValidityDays ?? s.client_validity_days,
    test_mode: p.testMode ?? s.test_mode,
    report_audit_days: p.reportAuditDays ?? s.report_audit_days,
  };
  if (next.report_warning_days >= next.report_lifetime_days) {
    throw CommonErrors.invalidRequest('reportWarningDays must be less than reportLifetimeDays');
  }
  await deps.repo.saveSettings(next, deps.clock.now());
  return present(next);
}
