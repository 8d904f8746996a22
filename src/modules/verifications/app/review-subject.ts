import { HEX24 } from '../../../shared/ids.ts';
import { VerificationErrors } from '../error-codes.ts';
import type { ConsoleReadsRepository, KeysetBound, PendingRow } from '../infra/console-reads-repository.ts';
import type { VerificationsDeps } from './deps.ts';

/** What the console's review pages read with: the engine's parts and the console's reads. */
export type ConsoleReadDeps = Pick<VerificationsDeps, 'repo' | 'box' | 'documents' | 'programs'> & { reads: ConsoleReadsRepository };

/** One page of the verifications awaiting review, oldest first (no personal data). */
export function pendingReviews(
  deps: Pick<ConsoleReadDeps, 'reads'>,
  accountId: string,
  q: { programId?: string; after?: KeysetBound; limit: number },
): Promise<PendingRow[]> {
  return deps.reads.pendingPage(accountId, { ...q, limit: Math.min(Math.max(q.limit, 1), 500) });
}

/** How many verifications await review in the account, per program id. */
export const pendingReviewCounts = (deps: Pick<ConsoleReadDeps, 'reads'>, accountId: string) => deps.reads.pendingCounts(accountId);

/** How many verifications have waited for review past their program's cutoff (`before`: now less its review time). */
export const lateReviewCount = (deps: Pick<ConsoleReadDeps, 'reads'>, accountId: string, cutoffs: { programId: string; before: Date }[]) =>
  deps.reads.pendingBefore(accountId, cutoffs);

/**
 * Everything a reviewer weighs on one verification awaiting review: the person as submitted, the current
 * attempt's documents with their flags and fraud signals (the documents module's `reviewInfo`), and each
 * earlier attempt with its file names and the reasons it was rejected for. Another account's verification
 * is answered exactly like an unknown one.
 */
export async function reviewSubject(deps: ConsoleReadDeps, accountId: string, verificationId: string) {
  const v = HEX24.test(verificationId) ? await deps.repo.findById(verificationId) : undefined;
  if (!v || v.accountId !== accountId) throw VerificationErrors.noVerification(verificationId);
  const secrets = await deps.repo.findSecrets(accountId, v.id);
  const decisions = await deps.reads.decisions(accountId, v.id);
  const documents =
    v.currentStep === 'pending'
      ? await deps.documents.reviewInfo({
          accountId,
          verificationId: v.id,
          attempt: v.docAttempts,
          programId: v.programId,
          personId: v.personId,
        })
      : [];
  const earlier = [];
  for (let attempt = 1; attempt < v.docAttempts; attempt++) {
    const decision = decisions.find((d) => d.attempt === attempt);
    earlier.push({
      attempt,
      fileNames: await deps.documents.fileNames(v.id, attempt),
      decision: decision?.decision ?? null,
      decidedAt: decision?.decided_at ?? null,
      // The verification keeps each rejected batch's reasons even once its documents are purged.
      rejectionReasons: decision?.rejection_reasons ?? v.rejections[attempt - 1] ?? [],
    });
  }
  return {
    verification: v,
    person: secrets?.person_enc ? deps.box.decryptJson<Record<string, unknown>>(secrets.person_enc) : null,
    documents,
    earlier,
  };
}
