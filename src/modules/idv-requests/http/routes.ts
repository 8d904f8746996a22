import type { FastifyInstance } from 'fastify';
import { audited, callerOf, rails, type Rails } from '../../../platform/http/rails.ts';
import { CommonErrors } from '../../../shared/errors.ts';
import { cancelVerification, getLinkInfo, reinitiate, updateVerificationRequest, verificationDetails } from '../app/change-requests.ts';
import { endFile, fileDetails, fileEvents } from '../app/casefile.ts';
import { createVerificationRequest } from '../app/create-request.ts';
import type { IdvDeps } from '../app/deps.ts';
import { changeSettings, getSettings } from '../app/settings.ts';
import { ClientRequestRef, FileRef, ReinitiateBody } from './bodies.ts';
import { ok } from './envelope.ts';
import { type Handler, typed, untyped } from './handler.ts';
import { registerReportRoutes } from './report-routes.ts';

export type CredentialExchange = (clientId: unknown, secret: unknown) => Promise<string>;

const tags = ['client requests'];
const security = [{ bearer: [] }];

/** The Treefort-compatible API: every call a POST with ids in the body, every answer the envelope. */
export function registerIdvRoutes(app: FastifyInstance, deps: IdvDeps, exchange: CredentialExchange) {
  // Each route with its rails: VERIFIER tokens; what it does with an Idempotency-Key; its rate limit; its audit entry.
  const routes: [string, string, Pick<Rails, 'limit' | 'idempotency' | 'audit'>, Handler][] = [
    [
      '/api/client/create-verification-request',
      'Open a file and send each client a link',
      { limit: 'create', idempotency: 'change', audit: audited('file.create', 'file', 'response.data.fileReferenceId') },
      untyped((a, b) => createVerificationRequest(deps, a, b)),
    ],
    [
      '/api/client/update-verification-request',
      'Add clients to a file or change a client',
      {
        limit: 'create',
        idempotency: 'change',
        audit: audited('file.update', 'file', 'body.fileReferenceId', 'response.data.fileReferenceId'),
      },
      untyped((a, b) => updateVerificationRequest(deps, a, b)),
    ],
    [
      '/api/client/re-initiate-verification-request',
      'Cancel a request and send a new one',
      { limit: 'create', idempotency: 'change', audit: audited('client-request.reinitiate', 'client-request', 'body.clientRequestId') },
      typed(ReinitiateBody, (a, b) => reinitiate(deps, a, b)),
    ],
    [
      '/api/client/cancel-verification',
      'Cancel a request',
      { limit: 'none', idempotency: 'change', audit: audited('client-request.cancel', 'client-request', 'body.clientRequestId') },
      typed(ClientRequestRef, (a, b) => cancelVerification(deps, a, b)),
    ],
    // Issues a new link (and ends the mailed one): a change, limited like opening links.
    [
      '/api/client/get-link-info',
      'A new link to deliver yourself; it ends the link mailed before (replacedLinkId)',
      { limit: 'link', idempotency: 'change', audit: audited('link.issue', 'client-request', 'body.clientRequestId') },
      typed(ClientRequestRef, (a, b) => getLinkInfo(deps, a, b)),
    ],
    [
      '/api/client/verification-details',
      'Status and profile of a request',
      { limit: 'none', idempotency: 'read', audit: audited('client-request.read', 'client-request', 'body.clientRequestId') },
      typed(ClientRequestRef, (a, b) => verificationDetails(deps, a, b)),
    ],
    [
      '/api/casefile/details',
      'A file and its requests',
      { limit: 'none', idempotency: 'read', audit: audited('file.read', 'file', 'body.fileReferenceId') },
      typed(FileRef, (a, b) => fileDetails(deps, a, b)),
    ],
    [
      '/api/casefile/events',
      'What happened to a file',
      { limit: 'none', idempotency: 'read', audit: audited('file.read-events', 'file', 'body.fileReferenceId') },
      typed(FileRef, (a, b) => fileEvents(deps, a, b)),
    ],
    [
      '/api/casefile/cancel',
      'Cancel a file',
      { limit: 'none', idempotency: 'change', audit: audited('file.cancel', 'file', 'body.fileReferenceId') },
      typed(FileRef, (a, b) => endFile(deps, a, b, 'Cancelled')),
    ],
    [
      '/api/casefile/close',
      'Close a file',
      { limit: 'none', idempotency: 'change', audit: audited('file.close', 'file', 'body.fileReferenceId') },
      typed(FileRef, (a, b) => endFile(deps, a, b, 'Closed')),
    ],
  ];
  for (const [path, summary, declared, handler] of routes) {
    app.post(
      path,
      {
        schema: { tags, summary, security, ...(handler.body ? { body: handler.body } : {}) },
        config: rails({ access: ['VERIFIER'], ...declared }),
      },
      async (req) => ok(await handler.run(callerOf(req).accountId, req.body)),
    );
  }

  app.post(
    '/api/auth/token',
    {
      schema: { tags, summary: 'Exchange client credentials for a bearer token (text/plain)' },
      config: rails({
        access: 'anyone',
        limit: 'auth',
        idempotency: 'exchange',
        audit: audited('oauth.issue-token', 'oauth-client', 'body.clientId'),
      }),
    },
    async (req, reply) => {
      const body = req.body as Record<string, unknown> | undefined;
      if (!body || typeof body !== 'object') throw CommonErrors.invalidRequest('Send {"clientId": "...", "secret": "..."}');
      const extra = Object.keys(body).find((k) => k !== 'clientId' && k !== 'secret');
      if (extra) throw CommonErrors.invalidRequest(`Unexpected property '${extra}', expected one of: clientId, secret`);
      return reply
        .type('text/plain; charset=utf-8')
        .header('cache-control', 'no-store')
        .send(await exchange(body.clientId, body.secret));
    },
  );

  registerReportRoutes(app, deps);

  app.get(
    '/manage/v1/settings',
    {
      schema: { tags: ['management'], summary: 'Account settings', security },
      config: rails({ access: ['ADMIN'], limit: 'none', audit: 'none' }),
    },
    async (req) => getSettings(deps, callerOf(req).accountId),
  );
  app.patch(
    '/manage/v1/settings',
    {
      schema: { tags: ['management'], summary: 'Change account settings', security },
      config: rails({ access: ['ADMIN'], limit: 'none', audit: audited('settings.change') }),
    },
    async (req) => changeSettings(deps, callerOf(req).accountId, req.body),
  );
}
