import { ClientRequestErrors, fileStatus, wireDate, type Profile } from '../../client-requests/index.ts';
import { IdReportErrors } from '../error-codes.ts';
import type { IdReportsDeps } from './deps.ts';
import { reportSummary } from './reports.ts';

/**
 * `casefile/transaction`: what a third party holding a file's `transactionKey` (a title insurer) may see,
 * read-only and without an account: the file, its current clients, their statuses and their report
 * summaries while each report lives. Never the PDF, the photos, emails or birth dates.
 */
export async function transactionView(deps: IdReportsDeps, { transactionKey: key }: { transactionKey: string }) {
  if (!/^TK-[A-Z0-9]{20}$/.test(key)) throw ClientRequestErrors.invalid(['transactionKey is not in the form TK-XXXXXXXXXXXXXXXXXXXX']);
  const file = await deps.repo.findFileByTransactionKey(key);
  if (!file) throw IdReportErrors.unknownTransactionKey();
  const all = await deps.repo.requestsOfFile(file.account_id, file.id);
  const current = all.filter((r) => !r.replaced_by);
  const profiles = new Map(
    (await deps.repo.clientsById(file.account_id, [...new Set(current.map((r) => r.client_id))])).map((c) => [
      c.id,
      deps.box.decryptJson<Profile>(c.profile_enc),
    ]),
  );
  const reports = new Map(
    (
      await deps.idReports.reportsOfRequests(
        file.account_id,
        current.map((r) => r.id),
      )
    ).map((r) => [r.request_id, r]),
  );
  const verified = new Map(
    (
      await deps.idReports.clientStates(
        file.account_id,
        current.map((r) => r.client_id),
      )
    ).map((c) => [c.id, c.verified_until]),
  );
  const now = deps.clock.now();
  return {
    fileName: file.file_name,
    fileNumber: file.file_number,
    fileStatus: fileStatus(
      file.closed_status,
      all.map((r) => r.status),
    ),
    transactionKey: file.transaction_key,
    clients: current.map((r) => {
      const p = profiles.get(r.client_id)!;
      const rep = reports.get(r.id);
      const live = !!rep && !rep.expired_at && now < rep.expiry_date;
      return {
        clientRequestId: r.id,
        firstName: p.firstName,
        lastName: p.lastName,
        requestStatus: r.status,
        report: rep && live ? withoutWarningDate(reportSummary(rep)) : null,
        reportExpired: !!rep && !live,
        // A sandbox sample, not a client's submission: its analyses and decision prove nothing.
        sampleReport: !!rep?.sample,
        // Approval of a real (not sample) report makes the client verified until the account's validity period ends.
        clientVerifiedUntil: (() => {
          const v = verified.get(r.client_id);
          return v && v > now ? wireDate(v) : null;
        })(),
      };
    }),
  };
}

/** The transaction view's report: the summary without the expiry warning date (its shape in the dialect). */
const withoutWarningDate = ({ verificationReportExpiryWarningDate: _warning, ...rest }: ReturnType<typeof reportSummary>) => rest;
