import type { VerificationsDeps } from './deps.ts';

/**
 * The account's review queue: pending verifications, oldest first, with the submitted person, the
 * documents' metadata and their fraud signals. The bytes are fetched one by one (and each read recorded).
 */
export async function reviewQueue(deps: VerificationsDeps, accountId: string, limit = 50) {
  const pending = await deps.repo.listPending(accountId, Math.min(Math.max(limit, 1), 200));
  return Promise.all(
    pending.map(async ({ verification: v, personEnc }) => ({
      verificationId: v.id,
      programId: v.programId,
      segment: v.segment,
      subSegment: v.subSegment,
      pendingSince: v.pendingSince?.getTime() ?? null,
      attempt: v.docAttempts,
      previousRejections: v.rejections,
      testMode: v.testMode,
      person: personEnc ? deps.box.decryptJson<Record<string, unknown>>(personEnc) : null,
      organization: v.organizationId !== null ? { id: v.organizationId, name: v.organizationName } : null,
      documents: await deps.documents.reviewInfo({
        accountId,
        verificationId: v.id,
        attempt: v.docAttempts,
        programId: v.programId,
        personId: v.personId,
      }),
    })),
  );
}
