import type { DocumentsDeps } from './deps.ts';

/**
 * Every document a verification's attempts declared (cancelled declarations left out), attempt by attempt,
 * as the console's explorer lists them: type, size, state, flags, whether the bytes are still held. The
 * file name (which may name the person) only when `withNames`. The caller has checked the verification's
 * account.
 */
export async function verificationDocuments(deps: DocumentsDeps, verificationId: string, attempts: number, withNames: boolean) {
  const out = [];
  for (let attempt = 1; attempt <= attempts; attempt++) {
    for (const d of await deps.repo.forAttempt(verificationId, attempt)) {
      out.push({
        documentId: d.id,
        attempt: d.attempt,
        position: d.position,
        fileName: withNames ? deps.box.decrypt(d.file_name_enc) : null,
        mimeType: d.mime_type,
        fileSize: d.file_size,
        status: d.status,
        uploaded: d.uploaded_at,
        flags: d.flags,
        held: d.blob_key !== null,
      });
    }
  }
  return out;
}
