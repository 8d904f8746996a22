import type { MakingDetails } from '../domain/making-signals.ts';
import type { DocumentsDeps } from './deps.ts';

const withoutReading = ({ reading: _reading, ...rest }: MakingDetails = {}) => rest;

/**
 * What a reviewer sees of an attempt's documents: metadata (never the bytes), the flags found at upload (a
 * PDF that runs actions or JavaScript; signs of a made document: EDITED_WITH_SOFTWARE,
 * MADE_JUST_BEFORE_UPLOAD, IMPLAUSIBLE_PAGE_SIZE, with what was found in `signals`; DUPLICATE_DOCUMENT and
 * NEAR_DUPLICATE_IMAGE, with the account's other verifications holding that document or picture) and fraud
 * signals: the same file already used by another person or in another account, and how many uploads the
 * same IP made for the program in the last hour.
 */
export async function reviewInfo(
  deps: DocumentsDeps,
  q: { accountId: string; verificationId: string; attempt: number; programId: string; personId: string | null },
) {
  const docs = await deps.repo.forAttempt(q.verificationId, q.attempt);
  const now = deps.clock.now();
  const matches = await deps.repo.matchesOf(
    q.accountId,
    docs.map((d) => d.id),
  );
  return Promise.all(
    docs.map(async (d) => {
      const reuse = d.sha256
        ? await deps.repo.reuse(q.accountId, d.sha256, q.verificationId, q.personId)
        : { other_people: 0, other_accounts: 0 };
      return {
        documentId: d.id,
        fileName: deps.box.decrypt(d.file_name_enc),
        mimeType: d.mime_type,
        fileSize: d.file_size,
        sha256: d.sha256,
        uploaded: d.uploaded_at ? d.uploaded_at.getTime() : null,
        flags: d.flags,
        signals: withoutReading(d.signals),
        /** The document's own text against the person (`documentText` with its evidence); null until read, or when reading is off. */
        reading: d.signals?.reading ?? null,
        fraudSignals: {
          sameDocumentElsewhere: matches
            .filter((m) => m.document_id === d.id)
            .map((m) => ({ verificationId: m.verification_id, documentId: m.other_document_id, kind: m.kind, distance: m.distance })),
          sameFileOtherPeople: Number(reuse.other_people),
          sameFileOtherAccounts: Number(reuse.other_accounts),
          uploadsFromSameIpLastHour: d.uploader_ip_hash ? await deps.repo.uploadsFromIp(q.programId, d.uploader_ip_hash, now) : 0,
        },
      };
    }),
  );
}

export async function attemptFileNames(deps: DocumentsDeps, verificationId: string, attempt: number): Promise<string[]> {
  return (await deps.repo.forAttempt(verificationId, attempt)).map((d) => deps.box.decrypt(d.file_name_enc));
}
