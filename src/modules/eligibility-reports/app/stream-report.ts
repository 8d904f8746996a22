import type { Principal } from '../../../shared/principal.ts';
import {
  affiliations,
  type Column,
  errorCode,
  FIXED_COLUMNS,
  headerLine,
  reportDate,
  reportTimestamp,
  rowLine,
  type ReportRow,
} from '../domain/columns.ts';
import { ReportErrors } from '../error-codes.ts';
import type { SourceRow } from '../infra/reports-repository.ts';
import type { ReportsDeps } from './deps.ts';
import { presentReport } from './request-report.ts';
import { sourceRows } from './report-rows.ts';

type Person = Record<string, string | string[] | { id: number; name: string } | undefined>;

const STATUS: Record<string, string> = { success: 'COMPLETE', error: 'COMPLETE', pending: 'PENDING', docUpload: 'OPEN' };
const OUTCOME_TEXT: Record<string, [string, string]> = {
  NOT_FOUND: ['Verification not found in the program', 'NOT_FOUND'],
  NOT_VERIFIABLE: ['The verification holds no person data to re-verify', 'NOT_VERIFIABLE'],
};

/**
 * `GET /report/{id}`: the CSV, streamed page by page from the database. Before the report is ready the
 * caller gets its status (202) instead, and for a report that failed its status with the reason (410).
 */
export async function openReport(deps: ReportsDeps, principal: Principal, reportId: string) {
  const report = await deps.repo.find(principal.accountId, reportId);
  if (!report) throw ReportErrors.unknownReport(reportId);
  if (report.status !== 'COMPLETE') return { ready: false as const, status: presentReport(deps, report) };
  return { ready: true as const, lines: lines(deps, report) };
}

async function* lines(
  deps: ReportsDeps,
  report: { id: string; account_id: string; kind: string; batch_id: string | null; params: Record<string, unknown> },
) {
  const keys = (report.params.metadataKeys as string[]) ?? [];
  const columns = (report.params.columns as Column[] | null | undefined) ?? FIXED_COLUMNS;
  const programs = new Map((await deps.repo.programNames(report.account_id)).map((p) => [p.id, p.name]));
  const orgs = new Map<number, { type: string; country: string | null } | null>();
  yield headerLine(keys, columns);
  // Rows go out in groups of about 25 KB: one stream chunk and one socket write per group, not per row.
  let group: string[] = [];
  for await (const src of sourceRows(deps, report)) {
    if (src.organization_id !== null && !orgs.has(src.organization_id)) {
      orgs.set(src.organization_id, await deps.organization(report.account_id, src.organization_id));
    }
    group.push(rowLine(toRow(deps, report, src, programs, orgs), keys, columns));
    if (group.length === ROWS_PER_CHUNK) {
      yield group.join('');
      group = [];
    }
  }
  if (group.length > 0) yield group.join('');
}

const ROWS_PER_CHUNK = 64;

function toRow(
  deps: ReportsDeps,
  report: { account_id: string; params: Record<string, unknown> },
  src: SourceRow,
  programs: Map<string, string>,
  orgs: Map<number, { type: string; country: string | null } | null>,
): ReportRow {
  // The rows are built as whole object literals, never by spreading a shared part into a large literal:
  // V8 builds such a spread object one property at a time, about 50 KB of garbage per row of this width.
  const requestId = src.request_id;
  const accountId = report.account_id;
  const userId = report.params.userId as string;
  const username = report.params.username as string;
  const fixed = src.outcome ? OUTCOME_TEXT[src.outcome] : undefined;
  if (fixed || src.created_at === null) {
    const [text, code] = fixed ?? OUTCOME_TEXT.NOT_FOUND;
    return { 'Request ID': requestId, 'Account ID': accountId, 'User ID': userId, Username: username, Errors: text, ErrorCodes: code };
  }
  const person = src.person_enc ? deps.box.decryptJson<Person>(src.person_enc) : {};
  const str = (k: string) => (typeof person[k] === 'string' ? (person[k] as string) : null);
  const errorIds = src.error_ids ?? [];
  const decided = src.current_step === 'success' || src.current_step === 'error';
  const org = src.organization_id !== null ? orgs.get(src.organization_id) : null;
  const aff = affiliations(src.segment ?? '', src.sub_segment);
  const ssn = str('socialSecurityNumber');
  return {
    'Request ID': requestId,
    'Account ID': accountId,
    'User ID': userId,
    Username: username,
    'Request Timestamp': reportTimestamp(src.created_at),
    Result: decided ? String(src.current_step === 'success') : null,
    Status: STATUS[src.current_step ?? ''] ?? 'NEW',
    Errors: errorIds.map((e) => deps.errorText(e)).join('; ') || null,
    ErrorCodes: errorIds.map(errorCode).join(', ') || null,
    'Person ID': src.person_id,
    'Organization ID': src.organization_id !== null ? String(src.organization_id) : null,
    'Organization Name': src.organization_name,
    'Organization Country': org?.country ?? null,
    'Organization Type': org?.type ?? (src.segment === 'age' || src.segment === 'senior' ? 'AGE_ID' : null),
    'Verification Types': (src.doc_attempts ?? 0) > 0 ? 'ASSET REVIEW' : 'AUTHORITATIVE',
    'Requested Affiliation Types': aff.requested,
    'Confirmed Affiliation Types': src.current_step === 'success' ? aff.confirmed : null,
    'Test Mode': String(src.test_mode),
    PHONE_NUMBER: str('phoneNumber'),
    EMAIL: str('email'),
    SSN_LAST4: ssn ? ssn.slice(-4) : null,
    LAST_NAME: str('lastName'),
    IP_ADDRESS: src.client_ip_enc ? deps.box.decrypt(src.client_ip_enc) : null,
    ADDRESS1: str('address1'),
    CITY: str('city'),
    BIRTH_DATE: reportDate(str('birthDate') ?? undefined),
    POSTAL_CODE: str('postalCode'),
    FIRST_NAME: str('firstName'),
    STATE: str('state'),
    ID_NUMBER: str('memberId') ?? str('driverLicenseNumber'),
    EMAIL2: str('email2'),
    'Program Name': programs.get(src.program_id ?? '') ?? null,
    amount: src.conversion_amount,
    currency: src.conversion_currency,
    metadata: src.metadata_enc ? deps.box.decryptJson<Record<string, string>>(src.metadata_enc) : {},
  };
}
