import type { Database } from '../../../platform/db/index.ts';
import { ClientRequestErrors, event, EVENTS, REQUEST_STATUS, wireDate } from '../../client-requests/index.ts';
import { IdReportErrors } from '../error-codes.ts';
import type { IdReportsDeps } from './deps.ts';

const DAY = 86_400_000;

/** A review as the route's schema gives it (http/report-bodies.ts): the id and reason trimmed, a reason to reject. */
export interface ReviewInput {
  clientRequestId: string;
  decision: 'APPROVE' | 'REJECT';
  reason?: string | null;
}

/**
 * `review-report`: the organization approves or rejects a report in review, with a reason (required to
 * reject). Approval marks the client verified until the account's client validity, except for a sample
 * report (`sampleReport: true` in the answer), whose approval never verifies anyone; the file's status
 * follows from its requests (Action Required while another report awaits review, else In Progress).
 */
export async function reviewReport(deps: IdReportsDeps, accountId: string, input: ReviewInput) {
  const { clientRequestId: id } = input;
  const reason = input.reason || null;
  if (!(await deps.repo.findRequest(accountId, id))) throw ClientRequestErrors.unknownRequest(id);
  const now = deps.clock.now();
  const approve = input.decision === 'APPROVE';
  const settings = await deps.repo.settings(accountId);
  return deps.repo.transaction(async (trx: Database) => {
    const r = (await deps.repo.findRequest(accountId, id, trx, true))!;
    if (r.status !== REQUEST_STATUS.review) throw IdReportErrors.notInReview(id, r.status);
    const report = await deps.idReports.reportOf(accountId, id, trx, true);
    if (!report) throw IdReportErrors.noReport(id);
    const status = approve ? REQUEST_STATUS.approved : REQUEST_STATUS.rejected;
    await deps.idReports.decide(trx, accountId, report.id, status, reason ? deps.box.encrypt(reason) : null, now);
    await deps.repo.setRequest(trx, r.id, { status }, now);
    let verifiedUntil: Date | null = null;
    // A sample report (sandbox) is no evidence of identity: its approval is recorded, but the client is
    // never marked verified, whatever the account's test mode is now.
    if (approve && !report.sample) {
      verifiedUntil = new Date(now.getTime() + settings.client_validity_days * DAY);
      await deps.idReports.markVerified(trx, accountId, r.client_id, now, verifiedUntil);
    }
    await event(deps, trx, r, approve ? EVENTS.reportApproved : EVENTS.reportRejected, now);
    return {
      clientRequestId: r.id,
      requestStatus: status,
      reviewDecisionDate: wireDate(now),
      clientVerifiedUntil: wireDate(verifiedUntil),
      sampleReport: report.sample,
    };
  });
}
