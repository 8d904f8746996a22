import type { Readable } from 'node:stream';
import { BlobRejected } from '../../../platform/blobs/index.ts';
import { sha256 } from '../../../platform/crypto/index.ts';
import { createTypeInspector, FileTypeMismatch, type AcceptedMimeType } from '../domain/file-type.ts';
import { claimLapsed } from '../domain/upload-lease.ts';
import { DocumentErrors } from '../error-codes.ts';
import type { DocumentsDeps } from './deps.ts';

export interface UploadRequest {
  token: string;
  contentType: string | undefined;
  contentLength: string | undefined;
  body: Readable;
  clientIp: string | null;
}

/**
 * `PUT {uploadUrl}`: streams the body into the encrypted blob store, counting bytes, hashing and checking
 * the type as it goes. Answers only once the whole file is stored; any refusal keeps nothing, and the URL
 * stays usable for a corrected retry until it expires. A stored file spends the URL. While a request
 * sends its bytes the URL is held (409 to others), for the upload lease at most: a claim older than that
 * was left by a killed process, and the next PUT takes it over.
 */
export async function receiveUpload(deps: DocumentsDeps, req: UploadRequest) {
  const tokenHash = sha256(req.token);
  const now = deps.clock.now();
  const doc = await deps.repo.findByToken(tokenHash);
  if (!doc) throw DocumentErrors.unknownUploadUrl();
  if (doc.upload_expires_at <= now) throw DocumentErrors.expiredUploadUrl();
  if (doc.status === 'UPLOADING' && !claimLapsed(deps.uploadLease, doc.upload_claimed_at, doc.file_size, now))
    throw DocumentErrors.busyUploadUrl();
  // Another request may have claimed it since it was read: the claim is taken only if it has not.
  if (!(await deps.repo.claimUpload(doc, tokenHash, now))) throw DocumentErrors.busyUploadUrl();
  try {
    const mime = (req.contentType ?? '').split(';')[0].trim().toLowerCase();
    if (mime !== doc.mime_type) throw DocumentErrors.wrongContentType(doc.mime_type, req.contentType);
    if (req.contentLength === undefined) throw DocumentErrors.lengthRequired();
    if (req.contentLength !== String(doc.file_size)) throw DocumentErrors.wrongLength(doc.file_size, req.contentLength);

    const inspector = createTypeInspector(doc.mime_type as AcceptedMimeType, doc.file_size);
    let stored;
    try {
      stored = await deps.blobs.write(req.body, { maxBytes: doc.file_size, inspect: (chunk) => inspector.push(chunk) });
    } catch (e) {
      if (e instanceof BlobRejected && e.reason === 'tooLarge') throw DocumentErrors.tooLarge(doc.file_size);
      if (e instanceof BlobRejected) throw DocumentErrors.notTheDeclaredType(e.message);
      throw DocumentErrors.interrupted();
    }
    try {
      if (stored.size !== doc.file_size) throw DocumentErrors.truncated(stored.size, doc.file_size);
      try {
        inspector.finish();
      } catch (e) {
        if (e instanceof FileTypeMismatch) throw DocumentErrors.notTheDeclaredType(e.message);
        throw e;
      }
      const ipHash = req.clientIp ? deps.box.digest(`ip:${req.clientIp}`) : null;
      if (!(await deps.repo.completeUpload(doc.id, now, stored, ipHash, deps.clock.now(), inspector.flags)))
        throw DocumentErrors.unknownUploadUrl();
    } catch (e) {
      await deps.blobs.delete(stored.key);
      throw e;
    }
    return { documentId: doc.id, status: 'FINISHED', fileSize: stored.size, sha256: stored.sha256 };
  } catch (e) {
    await deps.repo.releaseUpload(doc.id, now);
    throw e;
  }
}
