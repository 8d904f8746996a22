/**
 * Which requests the audit log records and under what name: every request that changes state, and every
 * read of PII or of a document. Keyed by method and route pattern; a state change missing here is still
 * recorded, under its method and route. Reads not listed (status polling, lists without PII) are not.
 */
export interface ActionRule {
  action: string;
  subjectType?: string;
  /** Where the subject's id is found, first match wins: `params.x`, `body.x`, `response.x`, `response.data.x`. */
  subjectFrom?: string[];
}

const rule = (action: string, subjectType?: string, ...subjectFrom: string[]): ActionRule => ({ action, subjectType, subjectFrom });

export const ACTIONS: Record<string, ActionRule> = {
  // Eligibility (SheerID dialect)
  'POST /rest/v2/verification': rule('verification.start', 'verification', 'response.verificationId'),
  'POST /rest/v2/verification/program/:programId/step/:step': rule('verification.start', 'verification', 'response.verificationId'),
  'POST /rest/v2/verification/:verificationId/step/:step': rule('verification.submit-step', 'verification', 'params.verificationId'),
  'GET /rest/v2/verification/:verificationId/details': rule('verification.read-details', 'verification', 'params.verificationId'),
  'GET /rest/v2/verification/program/:programId/trackingId/:trackingId': rule('verification.read-by-tracking-id', 'verification', 'response.verificationId'),
  'PUT /rest/v2/document/upload/:token': rule('document.upload', 'document', 'response.documentId'),
  'GET /rest/v2/review/queue': rule('review.read-queue'),
  'GET /rest/v2/review/:verificationId/document/:documentId': rule('document.read', 'document', 'params.documentId'),
  'POST /rest/v2/review/:verificationId/decision': rule('review.decide', 'verification', 'params.verificationId'),
  'POST /rest/v2/verification/reverify': rule('reverify.create', 'reverify-batch', 'response.batchId'),
  'POST /rest/v2/report/reverify/:batchId': rule('report.request', 'report', 'response.reportId'),
  'POST /rest/v2/report/verification': rule('report.request', 'report', 'response.reportId'),
  'GET /rest/v2/report/:reportId': rule('report.download', 'report', 'params.reportId'),
  'POST /rest/v2/oauth/token': rule('oauth.issue-token', 'oauth-client', 'body.client_id'),
  // Management
  'POST /manage/v1/programs': rule('program.create', 'program', 'response.id', 'response.programId'),
  'POST /manage/v1/programs/:programId/reward-codes': rule('program.add-reward-codes', 'program', 'params.programId'),
  'POST /manage/v1/roster/import': rule('roster.import'),
  'POST /manage/v1/organizations/import': rule('organizations.import'),
  'POST /manage/v1/tokens': rule('token.create', 'token', 'response.id'),
  'DELETE /manage/v1/tokens/:tokenId': rule('token.revoke', 'token', 'params.tokenId'),
  'POST /manage/v1/oauth-clients': rule('oauth-client.create', 'oauth-client', 'response.clientId', 'response.id'),
  'PATCH /manage/v1/settings': rule('settings.change'),
  'GET /manage/v1/audit': rule('audit.read'),
  // Client identity requests (Treefort dialect)
  'POST /api/auth/token': rule('oauth.issue-token', 'oauth-client', 'body.clientId'),
  'POST /api/client/create-verification-request': rule('file.create', 'file', 'response.data.fileReferenceId'),
  'POST /api/client/update-verification-request': rule('file.update', 'file', 'body.fileReferenceId', 'response.data.fileReferenceId'),
  'POST /api/client/re-initiate-verification-request': rule('client-request.reinitiate', 'client-request', 'body.clientRequestId'),
  'POST /api/client/cancel-verification': rule('client-request.cancel', 'client-request', 'body.clientRequestId'),
  'POST /api/client/get-link-info': rule('link.issue', 'client-request', 'body.clientRequestId'),
  'POST /api/client/verification-details': rule('client-request.read', 'client-request', 'body.clientRequestId'),
  'POST /api/casefile/details': rule('file.read', 'file', 'body.fileReferenceId'),
  'POST /api/casefile/events': rule('file.read-events', 'file', 'body.fileReferenceId'),
  'POST /api/casefile/cancel': rule('file.cancel', 'file', 'body.fileReferenceId'),
  'POST /api/casefile/close': rule('file.close', 'file', 'body.fileReferenceId'),
  'POST /api/casefile/transaction': rule('file.read-by-transaction'),
  'POST /api/client/verification-report': rule('report.read', 'client-request', 'body.clientRequestId'),
  'POST /api/client/report-info': rule('report.read-info', 'client-request', 'body.clientRequestId'),
  'POST /api/client/review-report': rule('report.review', 'client-request', 'body.clientRequestId'),
  'POST /api/client/generate-sample-report': rule('report.generate-sample', 'client-request', 'body.clientRequestId'),
  // Webhook endpoints (management)
  'POST /manage/v1/webhooks': rule('webhook.create', 'webhook-endpoint', 'response.id'),
  'PATCH /manage/v1/webhooks/:endpointId': rule('webhook.update', 'webhook-endpoint', 'params.endpointId'),
  'DELETE /manage/v1/webhooks/:endpointId': rule('webhook.delete', 'webhook-endpoint', 'params.endpointId'),
  'POST /manage/v1/webhooks/events/:eventId/replay': rule('webhook.replay-event', 'webhook-event', 'params.eventId'),
  // Pages reached through a client's link
  'GET /verify/:token': rule('link.open'),
  'POST /verify/:token/:step': rule('capture.submit-step'),
  'PUT /verify/:token/image/:kind': rule('capture.upload-image'),
};

const CHANGES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** The rule for a request, or null when it is not recorded. */
export function actionFor(method: string, route: string): ActionRule | null {
  const listed = ACTIONS[`${method} ${route}`];
  if (listed) return listed;
  // Capture pages and their calls, whatever their exact routes: every one is reached through a link.
  if (route.startsWith('/verify/')) return { action: method === 'GET' ? 'link.open' : 'link.submit' };
  if (CHANGES.has(method)) return { action: `${method} ${route}` };
  return null;
}

/** Follows `params.x` / `response.data.x` style paths through plain objects; only short strings count as ids. */
export function pick(sources: Record<string, unknown>, paths: string[] = []): string | null {
  for (const p of paths) {
    let v: unknown = sources;
    for (const part of p.split('.')) v = v && typeof v === 'object' ? (v as Record<string, unknown>)[part] : undefined;
    if ((typeof v === 'string' && v.length > 0 && v.length <= 200) || typeof v === 'number') return String(v);
  }
  return null;
}
