import type { Readable } from 'node:stream';
import { BlobRejected } from '../../../platform/blobs/index.ts';
import { sha256 } from '../../../platform/crypto/index.ts';
import { NEAR_DUPLICATE_MAX_DISTANCE } from '../domain/image-hash.ts';
import { createTypeInspector, FileTypeMismatch, type AcceptedMimeType } from '../domain/file-type.ts';
import { createMakingInspector, judgeMaking } from '../domain/making-signals.ts';
import { claimLapsed } from '../domain/upload-lease.ts';
import { DocumentErrors } from '../error-codes.ts';
import type { DocumentsDeps } from './deps.ts';
import { keyedImageHash } from './image-signals.ts';

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
    const making = createMakingInspector(doc.mime_type);
    // An image is kept whole (at most its declared size) for its perceptual hash.
    const image: Buffer[] | null = doc.mime_type === 'image/jpeg' || doc.mime_type === 'image/png' ? [] : null;
    let stored;
    try {
      stored = await deps.blobs.write(req.body, {
        maxBytes: doc.file_size,
        inspect: (chunk) => {
          inspector.push(chunk);
          making.push(chunk);
          image?.push(Buffer.from(chunk));
        },
      });
    } catch (e) {
      if (e instanceof BlobRejected && e.reason === 'tooLarge') throw DocumentErrors.tooLarge(doc.file_size);
      if (e instanceof BlobRejected) throw DocumentErrors.notTheDeclaredType(e.message);
      throw DocumentErrors.interrupted();
    }
    let imageHash: string | null = null;
    try {
      if (stored.size !== doc.file_size) throw DocumentErrors.truncated(stored.size, doc.file_size);
      try {
        inspector.finish();
      } catch (e) {
        if (e instanceof FileTypeMismatch) throw DocumentErrors.notTheDeclaredType(e.message);
        throw e;
      }
      const ipHash = req.clientIp ? deps.box.digest(`ip:${req.clientIp}`) : null;
      const uploadedAt = deps.clock.now();
      // Signs of a made document are for the reviewer only: they never refuse the file.
      const judged = judgeMaking(making.finish(), uploadedAt);
      imageHash = image ? await keyedImageHash(deps, doc.account_id, doc.mime_type, Buffer.concat(image)) : null;
      const flags = [...inspector.flags, ...judged.flags];
      if (!(await deps.repo.completeUpload(doc.id, now, stored, ipHash, uploadedAt, flags, { signals: judged.details, imageHash })))
        throw DocumentErrors.unknownUploadUrl();
    } catch (e) {
      await deps.blobs.delete(stored.key);
      throw e;
    }
    // The same document or picture for another person: compared once the upload is committed (see recordMatches).
    const compared = { id: doc.id, account_id: doc.account_id, verification_id: doc.verification_id, sha256: stored.sha256, imageHash };
    await deps.repo.recordMatches(compared, NEAR_DUPLICATE_MAX_DISTANCE, deps.clock.now());
    return { documentId: doc.id, status: 'FINISHED' as const, fileSize: stored.size, sha256: stored.sha256 };
  } catch (e) {
    await deps.repo.releaseUpload(doc.id, now);
    throw e;
  }
}
