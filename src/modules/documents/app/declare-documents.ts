import { sha256 } from '../../../platform/crypto/index.ts';
import type { FileDeclaration } from '../domain/declaration.ts';
import type { DocumentRow } from '../infra/documents-repository.ts';
import type { DocumentsDeps } from './deps.ts';

/** A document as the eligibility dialect shows it. `uploadUrl` is shown once, when it is issued. */
export interface PresentedDocument {
  documentId: string;
  status: string;
  mimeType: string;
  fileSize: number;
  uploadUrl: string | null;
  errors: string[];
}

const STATUS: Record<string, string> = { PENDING: 'PENDING', UPLOADING: 'PENDING', UPLOADED: 'FINISHED', PURGED: 'FINISHED' };

export const presentDocument = (
  d: Pick<DocumentRow, 'id' | 'status' | 'mime_type' | 'file_size'>,
  uploadUrl: string | null = null,
): PresentedDocument => ({
  documentId: d.id,
  status: STATUS[d.status] ?? d.status,
  mimeType: d.mime_type,
  fileSize: d.file_size,
  uploadUrl,
  errors: [],
});

/**
 * Creates the documents of an attempt with one single-use, expiring upload URL each (256-bit token,
 * stored hashed). A new declaration replaces the attempt's earlier, unsubmitted one.
 */
export async function declareDocuments(
  deps: DocumentsDeps,
  v: { id: string; accountId: string },
  attempt: number,
  files: FileDeclaration[],
): Promise<PresentedDocument[]> {
  const expires = new Date(deps.clock.now().getTime() + deps.uploadUrlTtlSeconds * 1000);
  const issued = files.map((f, position) => ({ f, position, id: deps.ids.hex24(), token: deps.ids.secret('vup') }));
  const rows = issued.map(({ f, position, id, token }) => ({
    id,
    account_id: v.accountId,
    verification_id: v.id,
    attempt,
    position,
    file_name_enc: deps.box.encrypt(f.fileName),
    mime_type: f.mimeType,
    file_size: f.fileSize,
    status: 'PENDING',
    upload_token_hash: sha256(token),
    upload_expires_at: expires,
  }));
  const replacedBlobs = await deps.repo.declare(v.id, attempt, rows);
  await Promise.all(replacedBlobs.map((k) => deps.blobs.delete(k)));
  return issued.map(({ token }, i) => presentDocument(rows[i], `${deps.publicUrl}/rest/v2/document/upload/${token}`));
}

export async function attemptDocuments(deps: DocumentsDeps, verificationId: string, attempt: number): Promise<PresentedDocument[]> {
  return (await deps.repo.forAttempt(verificationId, attempt)).map((d) => presentDocument(d));
}
