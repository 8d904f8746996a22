import { CommonErrors } from '../../../shared/errors.ts';
import type { SettingsRow } from '../infra/client-requests-repository.ts';
import type { ClientLanguage } from '../domain/client-input.ts';
import type { ClientRequestsDeps } from './deps.ts';

/** The settings a change names (the others stay). */
export interface SettingsChange {
  linkLifetimeHours?: number;
  reportLifetimeDays?: number;
  reportWarningDays?: number;
  clientValidityDays?: number;
  testMode?: boolean;
  reportAuditDays?: number;
  defaultLanguage?: ClientLanguage;
  timeZone?: string;
  autoApproveReports?: boolean;
}

const present = (s: SettingsRow) => ({
  linkLifetimeHours: s.link_lifetime_hours,
  reportLifetimeDays: s.report_lifetime_days,
  reportWarningDays: s.report_warning_days,
  clientValidityDays: s.client_validity_days,
  testMode: s.test_mode,
  reportAuditDays: s.report_audit_days,
  defaultLanguage: s.default_language as ClientLanguage,
  timeZone: s.time_zone,
  autoApproveReports: s.auto_approve_reports,
});

export const getSettings = async (deps: ClientRequestsDeps, accountId: string) => present(await deps.repo.settings(accountId));

/** Changes some settings; the warning must come before the report's end. */
export async function changeSettings(deps: ClientRequestsDeps, accountId: string, p: SettingsChange) {
  const s = await deps.repo.settings(accountId);
  const next = {
    account_id: accountId,
    link_lifetime_hours: p.linkLifetimeHours ?? s.link_lifetime_hours,
    report_lifetime_days: p.reportLifetimeDays ?? s.report_lifetime_days,
    report_warning_days: p.reportWarningDays ?? s.report_warning_days,
    client_validity_days: p.clientValidityDays ?? s.client_validity_days,
    test_mode: p.testMode ?? s.test_mode,
    report_audit_days: p.reportAuditDays ?? s.report_audit_days,
    default_language: p.defaultLanguage ?? s.default_language,
    time_zone: p.timeZone ?? s.time_zone,
    auto_approve_reports: p.autoApproveReports ?? s.auto_approve_reports,
  };
  if (next.report_warning_days >= next.report_lifetime_days) {
    throw CommonErrors.invalidRequest('reportWarningDays must be less than reportLifetimeDays');
  }
  await deps.repo.saveSettings(next, deps.clock.now());
  return present(next);
}
