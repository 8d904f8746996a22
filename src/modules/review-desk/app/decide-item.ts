import type { Principal } from '../../../shared/principal.ts';
import { type FormFields, parseDocumentDecision, parseReportDecision } from '../domain/decision-form.ts';
import type { ItemKind } from '../domain/queue.ts';
import { ReviewDeskErrors } from '../error-codes.ts';
import type { ReviewDeskDeps } from './deps.ts';
import { personOf } from './open-item.ts';
import { nextUnclaimed, type QueueFilter } from './review-queue.ts';

/**
 * Refuses a decision from someone who does not hold the item now: never opened it, let the claim lapse,
 * or another reviewer took it over since. (Two decisions on one attempt are refused by the use cases too.)
 */
async function mustHold(deps: ReviewDeskDeps, accountId: string, kind: ItemKind, id: string, userId: string) {
  const claim = await deps.claims.find(accountId, kind, id, deps.clock.now());
  if (claim?.userId === userId) return;
  const holder = claim ? ((await deps.people(accountId, [claim.userId])).get(claim.userId) ?? 'Another reviewer') : null;
  throw ReviewDeskErrors.notHeld(holder, claim?.expiresAt ?? null);
}

/** What follows a decision: the next item no one else holds under the queue's filter, or none. */
export type AfterDecision = { next: { kind: ItemKind; id: string } | null };

/**
 * Decides an eligibility document review from the console: through `decideReview`, the review API's use
 * case (same state, events, webhooks and audit), with the person as who decided. The note, if any, is kept
 * encrypted beside it; the claim ends.
 */
export async function decideDocumentReview(
  deps: ReviewDeskDeps,
  principal: Principal,
  verificationId: string,
  fields: FormFields,
  filter: QueueFilter,
): Promise<AfterDecision> {
  const userId = personOf(principal);
  const form = parseDocumentDecision(fields);
  if (!form.ok) throw ReviewDeskErrors.badForm(form.problem);
  const { accountId } = principal;
  await mustHold(deps, accountId, 'document', verificationId, userId);
  const { decision, rejectionReasons, note, attempt } = form.value;
  await deps.documentReviews.decide(accountId, verificationId, { decision, rejectionReasons }, `user:${userId}`);
  if (note)
    await deps.claims.addNote({
      account_id: accountId,
      item_kind: 'document',
      item_id: verificationId,
      attempt,
      user_id: userId,
      decision,
      note_enc: deps.box.encrypt(note),
      created_at: deps.clock.now(),
    });
  await deps.claims.release(accountId, 'document', verificationId, userId);
  return { next: await nextUnclaimed(deps, accountId, userId, filter) };
}

/**
 * Decides a client ID report from the console: through `reviewReport`, the client-request API's use case
 * (the request's and file's status, the client's verified state, the file event and its webhook).
 */
export async function decideReportReview(
  deps: ReviewDeskDeps,
  principal: Principal,
  requestId: string,
  fields: FormFields,
  filter: QueueFilter,
): Promise<AfterDecision> {
  const userId = personOf(principal);
  const form = parseReportDecision(fields);
  if (!form.ok) throw ReviewDeskErrors.badForm(form.problem);
  const { accountId } = principal;
  await mustHold(deps, accountId, 'id-report', requestId, userId);
  await deps.idReports.decide(accountId, { clientRequestId: requestId, decision: form.value.decision, reason: form.value.reason });
  await deps.claims.release(accountId, 'id-report', requestId, userId);
  return { next: await nextUnclaimed(deps, accountId, userId, filter) };
}
