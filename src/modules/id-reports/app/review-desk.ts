import { ClientRequestErrors } from '../../client-requests/index.ts';
import { CommonErrors } from '../../../shared/errors.ts';
import type { ReviewQueueRepository } from '../infra/review-queue-repository.ts';
import type { IdReportsDeps } from './deps.ts';
import { reportInfo } from './reports.ts';

const PHOTO_ORDER = ['front', 'back', 'selfie'];

/** One page of the account's client ID reports awaiting review, oldest first (no personal data). */
export function reportsAwaitingReview(
  queue: ReviewQueueRepository,
  accountId: string,
  q: { after?: { at: Date; id?: string; inclusive?: boolean }; limit: number },
) {
  return queue.page(accountId, { ...q, limit: Math.min(Math.max(q.limit, 1), 500) });
}

/** How many client ID reports await review in the account. */
export const reportsAwaitingCount = (queue: ReviewQueueRepository, accountId: string) => queue.count(accountId);

/** Reports past their warning date and not yet expired: how many, and when the first one stops being served. */
export const reportsExpiringSoon = (queue: ReviewQueueRepository, accountId: string, now: Date) => queue.expiring(accountId, now);

/**
 * What a reviewer weighs on one client's report: the report as `report-info` gives it (checks with their
 * reasons, the client as read from the document and as entered, the recommendation), the request and its
 * file, the photos still held, and the client's earlier requests in the same file with how their reports
 * were decided and why. An expired report is refused as `report-info` refuses it.
 */
export async function reportForReview(deps: IdReportsDeps, accountId: string, requestId: string) {
  const info = await reportInfo(deps, accountId, { clientRequestId: requestId });
  const request = (await deps.repo.findRequest(accountId, requestId))!;
  const file = await deps.repo.findFile(accountId, request.file_id);
  const photos = (await deps.captures.images(accountId, request.id))
    .filter((i) => i.blob_key && !i.purged_at)
    .sort((a, b) => PHOTO_ORDER.indexOf(a.kind) - PHOTO_ORDER.indexOf(b.kind))
    .map((i) => ({ kind: i.kind, mimeType: i.mime_type, width: i.width, height: i.height, fileSize: i.file_size }));
  const siblings = (await deps.repo.requestsOfFile(accountId, request.file_id)).filter(
    (r) => r.client_id === request.client_id && r.id !== request.id && r.created_at < request.created_at,
  );
  const reports = await deps.idReports.reportsOfRequests(
    accountId,
    siblings.map((r) => r.id),
  );
  return {
    request: { id: request.id, status: request.status, created: request.created_at },
    file: file ? { fileNumber: file.file_number, fileName: file.file_name, reference: file.requester_reference_id } : null,
    info,
    photos,
    earlier: siblings.map((r) => {
      const report = reports.find((x) => x.request_id === r.id);
      return {
        requestId: r.id,
        status: r.status,
        created: r.created_at,
        decision: report?.decision ?? null,
        decidedAt: report?.decided_at ?? null,
        reason: report?.decision_reason_enc ? deps.box.decrypt(report.decision_reason_enc) : null,
      };
    }),
  };
}

/** The bytes of one photo of a client's capture (front, back, selfie), while it is held. */
export async function readReportPhoto(deps: IdReportsDeps, accountId: string, requestId: string, kind: string) {
  const request = await deps.repo.findRequest(accountId, requestId);
  if (!request) throw ClientRequestErrors.unknownRequest(requestId);
  const image = (await deps.captures.images(accountId, request.id)).find((i) => i.kind === kind);
  if (!image?.blob_key || image.purged_at) throw CommonErrors.notFound(`The ${kind} photo of request`, requestId);
  return {
    bytes: await deps.blobs.read(image.blob_key),
    mimeType: image.mime_type,
    fileName: `${kind}.${image.mime_type.split('/')[1] ?? 'bin'}`,
  };
}
