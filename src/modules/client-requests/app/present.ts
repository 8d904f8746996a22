import type { ClientInput } from '../domain/client-input.ts';
import { fileStatus, linkIsLive, wireDate, type FileStatus } from '../domain/model.ts';
import type { FileRow, LinkRow, RequestRow } from '../infra/client-requests-repository.ts';
import type { ClientRequestsDeps, RequestReport } from './deps.ts';
import type { IssuedLink } from './links.ts';

/** A client's profile as stored and shown: what the organization sent, without its own reference. */
export type Profile = Omit<ClientInput, 'requesterClientRequestId'>;

/**
 * A request as the dialect shows it (the seed's `requests[]` entry). A link's URL is a secret shown only
 * in the answer that issues it; listings show its id and dates, with `link: null`.
 */
export function requestView(r: RequestRow, profile: Profile, links: LinkRow[], fresh: IssuedLink[] = [], report?: RequestReport) {
  return {
    clientRequestId: r.id,
    requesterClientRequestId: r.requester_client_request_id,
    email: profile.email,
    requestStatus: r.status,
    report: report?.report_number ?? null,
    verificationReportExpiryDate: wireDate(report?.expiry_date ?? null),
    verificationReportExpiryWarningDate: wireDate(report?.warning_date ?? null),
    links: links.map((l) => ({
      id: l.id,
      link: fresh.find((f) => f.id === l.id)?.link ?? null,
      startDate: wireDate(l.start_date),
      endDate: wireDate(l.end_date),
    })),
    firstName: profile.firstName,
    lastName: profile.lastName,
  };
}

/**
 * The file object with the given requests: `fileStatus` is null with `initialStatus` (the seed's value in
 * create, update and re-initiate answers), else derived from all the file's requests (`allOfFile`: those given).
 */
export async function fileView(
  deps: ClientRequestsDeps,
  file: FileRow,
  requests: RequestRow[],
  options: { fresh?: IssuedLink[]; initialStatus?: boolean; allOfFile?: boolean } = {},
) {
  const clients = new Map(
    (await deps.repo.clientsById(file.account_id, [...new Set(requests.map((r) => r.client_id))])).map((c) => [
      c.id,
      deps.box.decryptJson<Profile>(c.profile_enc),
    ]),
  );
  const links = await deps.repo.linksOf(
    file.account_id,
    requests.map((r) => r.id),
  );
  const reports = new Map(
    (
      await deps.reportsOf(
        file.account_id,
        requests.map((r) => r.id),
      )
    ).map((rep) => [rep.request_id, rep]),
  );
  let status: FileStatus = null;
  if (!options.initialStatus) {
    const all = options.allOfFile ? requests : await deps.repo.requestsOfFile(file.account_id, file.id);
    status = fileStatus(
      file.closed_status,
      all.map((r) => r.status),
    );
  }
  return {
    requesterReferenceId: file.requester_reference_id,
    fileReferenceId: file.id,
    fileName: file.file_name,
    fileNumber: file.file_number,
    fileStatus: status,
    transactionKey: file.transaction_key,
    requests: requests.map((r) =>
      requestView(
        r,
        clients.get(r.client_id)!,
        links.filter((l) => l.request_id === r.id),
        options.fresh,
        reports.get(r.id),
      ),
    ),
  };
}

export const linkState = (l: LinkRow, now: Date) => (linkIsLive(l, now) ? 'active' : l.status === 'active' ? 'expired' : l.status);
