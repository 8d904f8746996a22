import type { Principal } from '../../../shared/principal.ts';
import { DocumentErrors } from '../error-codes.ts';
import type { DocumentsDeps } from './deps.ts';

/** A document's bytes for a reviewer of its account; every read is recorded (who, when, from where). */
export async function readDocument(
  deps: DocumentsDeps,
  principal: Principal,
  verificationId: string,
  documentId: string,
  clientIp: string | null,
) {
  const doc = await deps.repo.find(principal.accountId, verificationId, documentId);
  if (!doc || doc.status === 'CANCELLED' || doc.status === 'PENDING' || doc.status === 'UPLOADING')
    throw DocumentErrors.unknownDocument(documentId);
  if (!doc.blob_key) throw DocumentErrors.purged(documentId);
  const bytes = await deps.blobs.read(doc.blob_key);
  await deps.repo.recordAccess({
    account_id: principal.accountId,
    verification_id: verificationId,
    document_id: documentId,
    token_id: principal.tokenId,
    ip_enc: clientIp ? deps.box.encrypt(clientIp) : null,
  });
  return { bytes, mimeType: doc.mime_type, fileName: deps.box.decrypt(doc.file_name_enc), sha256: doc.sha256, flags: doc.flags };
}
