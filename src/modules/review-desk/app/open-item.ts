import type { Principal } from '../../../shared/principal.ts';
import { type Claim, claimExpiry } from '../domain/claims.ts';
import type { ItemKind } from '../domain/queue.ts';
import { ReviewDeskErrors } from '../error-codes.ts';
import type { DocumentSubject, ReportSubject, ReviewDeskDeps } from './deps.ts';
import { reviewNotes } from './notes.ts';

/** What opening an item gives: the item held for the reviewer, the item no longer awaiting review, or who holds it. */
export type Opened<S> =
  | { state: 'open'; subject: S; claim: Claim; notes: Awaited<ReturnType<typeof reviewNotes>> }
  | { state: 'decided'; subject: S; notes: Awaited<ReturnType<typeof reviewNotes>> }
  | { state: 'held'; holder: string; until: Date };

/** The person behind a console session: claims and decisions name people, never tokens. */
export function personOf(principal: Principal): string {
  if (!principal.userId) throw ReviewDeskErrors.personRequired();
  return principal.userId;
}

/**
 * Takes the item for the person (atomically: see ClaimsRepository.claim), or says who holds it and until
 * when. The item is read first, so an unknown or another account's id is refused before any claim is made.
 */
async function open<S>(
  deps: ReviewDeskDeps,
  principal: Principal,
  kind: ItemKind,
  id: string,
  subject: S,
  awaiting: boolean,
): Promise<Opened<S>> {
  const userId = personOf(principal);
  const notes = await reviewNotes(deps, principal.accountId, kind, id);
  if (!awaiting) return { state: 'decided', subject, notes };
  const now = deps.clock.now();
  const claim = await deps.claims.claim(principal.accountId, kind, id, userId, now, claimExpiry(now));
  if (claim) return { state: 'open', subject, claim, notes };
  const held = await deps.claims.find(principal.accountId, kind, id, now);
  // Released between the two statements: try once more.
  if (!held) return open(deps, principal, kind, id, subject, awaiting);
  const names = await deps.people(principal.accountId, [held.userId]);
  return { state: 'held', holder: names.get(held.userId) ?? 'Another reviewer', until: held.expiresAt };
}

/** Opens an eligibility document review: the verification, held for the reviewer while it awaits review. */
export async function openDocumentReview(
  deps: ReviewDeskDeps,
  principal: Principal,
  verificationId: string,
): Promise<Opened<DocumentSubject>> {
  personOf(principal);
  const subject = await deps.documentReviews.subject(principal.accountId, verificationId);
  return open(deps, principal, 'document', verificationId, subject, subject.verification.currentStep === 'pending');
}

/** Opens a client ID report: held for the reviewer while its request is in review and the report undecided. */
export async function openReportReview(deps: ReviewDeskDeps, principal: Principal, requestId: string): Promise<Opened<ReportSubject>> {
  personOf(principal);
  const subject = await deps.idReports.subject(principal.accountId, requestId);
  const awaiting = subject.request.status === 'Review Report' && subject.info.reviewDecision === null;
  return open(deps, principal, 'id-report', requestId, subject, awaiting);
}

/** Lets an item go before deciding it, so the next reviewer need not wait for the claim to lapse. */
export async function releaseItem(deps: ReviewDeskDeps, principal: Principal, kind: ItemKind, id: string) {
  await deps.claims.release(principal.accountId, kind, id, personOf(principal));
}
