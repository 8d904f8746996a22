import type { Database } from '../../../platform/db/index.ts';
import type { Program } from '../../programs/index.ts';
import { testModeDecision } from '../domain/decision.ts';
import type { Verification } from '../domain/verification.ts';
import { VerificationErrors } from '../error-codes.ts';
import type { VerificationsDeps } from './deps.ts';
import type { Outcome } from './person-step.ts';
import type { FileDeclarationInput } from './step-body.ts';
import { refusalMessage } from './abuse-check.ts';

/** At most this many files in one attempt. */
export const MAX_FILES_PER_ATTEMPT = 5;

/** docUpload: the person lists the files they will send; each gets its own upload URL. */
export async function declareFiles(
  deps: VerificationsDeps,
  v: Verification,
  program: Program,
  files: () => FileDeclarationInput[],
): Promise<Outcome> {
  // The last attempt used up is said before anything about the files.
  if (v.docAttempts >= program.config.maxDocUploadAttempts) throw VerificationErrors.docReviewLimit(v);
  const check = deps.documents.check(files(), { maxFiles: MAX_FILES_PER_ATTEMPT, maxFileSize: program.config.maxFileSizeBytes });
  if (check.kind === 'invalidRequest') throw VerificationErrors.badBody(v, check.errorId, check.message);
  if (check.kind === 'fileErrors') {
    const documents = check.perFile.map((f) => ({
      documentId: null as unknown as string,
      status: 'ERROR',
      mimeType: String(f.mimeType),
      fileSize: Number(f.fileSize),
      uploadUrl: null,
      errors: f.errors,
    }));
    return { kind: 'fieldErrors', errorIds: check.errorIds, documents };
  }
  const documents = await deps.documents.declare(v, v.docAttempts + 1, check.files);
  // The state does not move (still docUpload), but the response changes: record it with a version bump.
  return { kind: 'move', reward: false, patch: { errorIds: [] }, documents };
}

/** completeDocUpload: every declared file has arrived; the verification waits for review. */
export async function completeUpload(deps: VerificationsDeps, v: Verification, program: Program, _empty: null): Promise<Outcome> {
  const attempt = v.docAttempts + 1;
  const documents = await deps.documents.attempt(v.id, attempt);
  if (documents.length === 0 || documents.some((d) => d.status !== 'FINISHED')) {
    return { kind: 'fieldErrors', errorIds: ['noValidFiles'], documents };
  }
  if (await usedForAnotherPerson(deps, v, program, attempt))
    return {
      kind: 'move',
      reward: false,
      patch: {
        currentStep: 'error',
        errorIds: ['fraudRulesReject'],
        systemErrorMessage: refusalMessage('fraudRulesReject'),
        docAttempts: attempt,
      },
      alsoInTransaction: (trx) => deps.documents.schedulePurge(trx, v.id, program.config.documentRetentionDays),
    };
  const now = deps.clock.now();
  const reading = await readingJob(deps, v, attempt);
  const auto = program.testMode ? testModeDecision(await deps.documents.fileNames(v.id, attempt)) : null;
  return {
    kind: 'move',
    reward: false,
    documents,
    patch: {
      currentStep: 'pending',
      errorIds: [],
      docAttempts: attempt,
      pendingSince: now,
      autoDecision: auto,
      autoDecideAt: auto ? new Date(now.getTime() + deps.testReviewDelaySeconds * 1000) : null,
    },
    ...(reading ? { alsoInTransaction: reading } : {}),
  };
}

/**
 * When documents are read: the job that reads the attempt's documents against the person's submitted name
 * and organization, queued in the submit's transaction.
 */
async function readingJob(deps: VerificationsDeps, v: Verification, attempt: number) {
  const queue = deps.documents.queueReading;
  if (!queue) return null;
  const secrets = await deps.repo.findSecrets(v.accountId, v.id);
  const p = secrets?.person_enc ? deps.box.decryptJson<{ firstName?: string; lastName?: string }>(secrets.person_enc) : null;
  if (!p?.firstName || !p.lastName) return null;
  const person = { firstName: p.firstName, lastName: p.lastName, organization: v.organizationName };
  return (trx: Database) => queue(trx, { accountId: v.accountId, verificationId: v.id, attempt, person });
}

/**
 * A live program that refuses reused documents (`abuse.refuseDuplicateDocuments`): whether a document of
 * the attempt is one another person of the account sent (the same bytes, or a near-identical picture, as
 * the documents module flags them when they arrive). Test programs are not judged.
 */
async function usedForAnotherPerson(deps: VerificationsDeps, v: Verification, program: Program, attempt: number): Promise<boolean> {
  if (program.testMode || !program.config.abuse?.refuseDuplicateDocuments) return false;
  const documents = await deps.documents.reviewInfo({
    accountId: v.accountId,
    verificationId: v.id,
    attempt,
    programId: v.programId,
    personId: v.personId,
  });
  return documents.some((d) => d.flags.includes('DUPLICATE_DOCUMENT') || d.flags.includes('NEAR_DUPLICATE_IMAGE'));
}
