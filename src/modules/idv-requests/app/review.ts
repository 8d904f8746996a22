import type { Database } from '../../../platform/db/index.ts';
import { isObject, unexpectedKeys } from '../domain/client-input.ts';
import { EVENTS, REQUEST_STATUS, wireDate } from '../domain/model.ts';
import { IdvErrors } from '../error-codes.ts';
import type { IdvDeps } from './deps.ts';
import { event } from './links.ts';

const DAY = 86_400_000;

/**
 * `review-report`: the organization approves or rejects a report in review, with a reason (required to
 * reject). Approval marks the client verified until the account's client validity, except for a sample
 * report (`sampleReport: true` in the answer), whose approval never verifies anyone; the file's status
 * follows from its requests (Action Required while another report awaits review, else In Progress).
 */
export async function reviewReport(deps: IdvDeps, accountId: string, body: unknown) {
  if (!isObject(body)) throw IdvErrors.invalid(['Request body must be a JSON object']);
  const errors = unexpectedKeys(body, ['clientRequestId', 'decision', 'reason']);
  if (typeof body.clientRequestId !== 'string' || !body.clientRequestId.trim())
    errors.push('clientRequestId is required and must be a string');
  if (body.decision !== 'APPROVE' && body.decision !== 'REJECT') errors.push("decision must be 'APPROVE' or 'REJECT'");
  const reason = typeof body.reason === 'string' ? body.reason.trim() : null;
  if (
    body.reason !== undefined &&
    body.reason !== null &&
    (typeof body.reason !== 'string' || reason!.length > 1000 || /[\u0000-\u0008\u000b-\u001f\u007f]/.test(reason!))
  ) {
    errors.push('reason must be a string of at most 1000 characters');
  } else if (body.decision === 'REJECT' && !reason) errors.push('reason is required to reject a report');
  if (errors.length) throw IdvErrors.invalid(errors);
  const id = (body.clientRequestId as string).trim();
  if (!(await deps.repo.findRequest(accountId, id))) throw IdvErrors.unknownRequest(id);
  const now = deps.clock.now();
  const approve = body.decision === 'APPROVE';
  const settings = await deps.repo.settings(accountId);
  return deps.repo.db.transaction().execute(async (trx: Database) => {
    const r = (await deps.repo.findRequest(accountId, id, trx, true))!;
    if (r.status !== REQUEST_STATUS.review) throw IdvErrors.notInReview(id, r.status);
    const report = await deps.captures.reportOf(accountId, id, trx, true);
    if (!report) throw IdvErrors.noReport(id);
    const status = approve ? REQUEST_STATUS.approved : REQUEST_STATUS.rejected;
    await deps.captures.decide(trx, accountId, report.id, status, reason ? deps.box.encrypt(reason) : null, now);
    await deps.repo.setRequest(trx, r.id, { status }, now);
    let verifiedUntil: Date | null = null;
    // A sample report (sandbox) is no evidence of identity: its approval is recorded, but the client is
    // never marked verified, whatever the account's test mode is now.
    if (approve && !report.sample) {
      verifiedUntil = new Date(now.getTime() + settings.client_validity_days * DAY);
      await deps.captures.markVerified(trx, accountId, r.client_id, now, verifiedUntil);
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
