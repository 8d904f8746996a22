import type { Principal } from '../../../shared/principal.ts';
import type { ReviewDeskDeps } from './deps.ts';

/** A document's bytes for a reviewer of its account: read (and the read recorded) by the documents module. */
export const documentBytes = (deps: ReviewDeskDeps, principal: Principal, verificationId: string, documentId: string, ip: string | null) =>
  deps.documentReviews.read(principal, verificationId, documentId, ip);

/** A photo of a client's capture (front, back, selfie) for a reviewer of its account. */
export const reportPhotoBytes = (deps: ReviewDeskDeps, principal: Principal, requestId: string, kind: string) =>
  deps.idReports.photo(principal.accountId, requestId, kind);
