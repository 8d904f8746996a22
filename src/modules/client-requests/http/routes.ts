import type { FastifyInstance } from 'fastify';
import { problemResponses } from '../../../platform/http/error-schemas.ts';
import { audited, callerOf, rails, type Rails } from '../../../platform/http/rails.ts';
import { cancelVerification, getLinkInfo, reinitiate, updateVerificationRequest, verificationDetails } from '../app/change-requests.ts';
import { endFile, fileDetails, fileEvents } from '../app/casefile.ts';
import { createVerificationRequest } from '../app/create-request.ts';
import type { ClientRequestsDeps } from '../app/deps.ts';
import { changeSettings, getSettings } from '../app/settings.ts';
import { ClientRequestRef, FileRef, ReinitiateBody, TokenBody } from './bodies.ts';
import { ok } from './envelope.ts';
import { createFileBody, updateFileBody } from './file-bodies.ts';
import { type Handler, typed } from './handler.ts';
import { FileEvents, FileView, IssuedLink, RequestDetails, SEED_FILE_EXAMPLE } from './file-answers.ts';
import { Done, envelope, responses, SettingsView, TokenAnswer } from './responses.ts';
import { SettingsBody } from './settings-body.ts';

export type CredentialExchange = (clientId: unknown, secret: unknown) => Promise<string>;

const tags = ['client requests'];
const security = [{ bearer: [] }];

/**
 * The Treefort-compatible API of files, requests and links, and its token exchange: every call a POST with
 * ids in the body, every answer the envelope. The report routes are the id-reports module's.
 */
export function registerClientRequestRoutes(app: FastifyInstance, deps: ClientRequestsDeps, exchange: CredentialExchange) {
  // Each route with its rails: VERIFIER tokens; what it does with an Idempotency-Key; its rate limit; its audit entry.
  const routes: [string, string, Pick<Rails, 'limit' | 'idempotency' | 'audit'>, Handler][] = [
    [
      '/api/client/create-verification-request',
      'Open a file and send each client a link',
      { limit: 'create', idempotency: 'change', audit: audited('file.create', 'file', 'response.data.fileReferenceId') },
      typed(createFileBody(deps.clock), FileView, (a, b) => createVerificationRequest(deps, a, b)),
    ],
    [
      '/api/client/update-verification-request',
      'Add clients to a file or change a client',
      {
        limit: 'create',
        idempotency: 'change',
        audit: audited('file.update', 'file', 'body.fileReferenceId', 'response.data.fileReferenceId'),
      },
      typed(updateFileBody(deps.clock), FileView, (a, b) => updateVerificationRequest(deps, a, b), { unknownIds: true }),
    ],
    [
      '/api/client/re-initiate-verification-request',
      'Cancel a request and send a new one',
      { limit: 'create', idempotency: 'change', audit: audited('client-request.reinitiate', 'client-request', 'body.clientRequestId') },
      typed(ReinitiateBody, FileView, (a, b) => reinitiate(deps, a, b), { unknownIds: true, example: SEED_FILE_EXAMPLE }),
    ],
    [
      '/api/client/cancel-verification',
      'Cancel a request',
      { limit: 'none', idempotency: 'change', audit: audited('client-request.cancel', 'client-request', 'body.clientRequestId') },
      typed(ClientRequestRef, Done, (a, b) => cancelVerification(deps, a, b), { unknownIds: true }),
    ],
    // Issues a new link (and ends the mailed one): a change, limited like opening links.
    [
      '/api/client/get-link-info',
      'A new link to deliver yourself; it ends the link mailed before (replacedLinkId)',
      { limit: 'link', idempotency: 'change', audit: audited('link.issue', 'client-request', 'body.clientRequestId') },
      typed(ClientRequestRef, IssuedLink, (a, b) => getLinkInfo(deps, a, b), { unknownIds: true }),
    ],
    [
      '/api/client/verification-details',
      'Status and profile of a request',
      { limit: 'none', idempotency: 'read', audit: audited('client-request.read', 'client-request', 'body.clientRequestId') },
      typed(ClientRequestRef, RequestDetails, (a, b) => verificationDetails(deps, a, b), { unknownIds: true }),
    ],
    [
      '/api/casefile/details',
      'A file and its requests',
      { limit: 'none', idempotency: 'read', audit: audited('file.read', 'file', 'body.fileReferenceId') },
      typed(FileRef, FileView, (a, b) => fileDetails(deps, a, b), { unknownIds: true }),
    ],
    [
      '/api/casefile/events',
      'What happened to a file',
      { limit: 'none', idempotency: 'read', audit: audited('file.read-events', 'file', 'body.fileReferenceId') },
      typed(FileRef, FileEvents, (a, b) => fileEvents(deps, a, b), { unknownIds: true }),
    ],
    [
      '/api/casefile/cancel',
      'Cancel a file',
      { limit: 'none', idempotency: 'change', audit: audited('file.cancel', 'file', 'body.fileReferenceId') },
      typed(FileRef, Done, (a, b) => endFile(deps, a, b, 'Cancelled'), { unknownIds: true }),
    ],
    [
      '/api/casefile/close',
      'Close a file',
      { limit: 'none', idempotency: 'change', audit: audited('file.close', 'file', 'body.fileReferenceId') },
      typed(FileRef, Done, (a, b) => endFile(deps, a, b, 'Closed'), { unknownIds: true }),
    ],
  ];
  for (const [path, summary, declared, handler] of routes) {
    app.post(
      path,
      {
        schema: {
          tags,
          summary,
          security,
          body: handler.body,
          response: responses(envelope(handler.data, handler.example), {
            roles: true,
            found: handler.unknownIds,
            changes: declared.idempotency === 'change',
          }),
        },
        config: rails({ access: ['VERIFIER'], ...declared }),
      },
      async (req) => ok(await handler.run(callerOf(req).accountId, req.body)),
    );
  }

  app.post(
    '/api/auth/token',
    {
      schema: {
        tags,
        summary: 'Exchange client credentials for a bearer token (text/plain)',
        body: TokenBody,
        response: responses(TokenAnswer),
      },
      config: rails({
        access: 'anyone',
        limit: 'auth',
        idempotency: 'exchange',
        audit: audited('oauth.issue-token', 'oauth-client', 'body.clientId'),
      }),
    },
    async (req, reply) => {
      const body = req.body as TokenBody;
      return reply
        .type('text/plain; charset=utf-8')
        .header('cache-control', 'no-store')
        .send(await exchange(body.clientId, body.secret));
    },
  );
}

/** `GET` and `PATCH /manage/v1/settings`: the account's settings for links, reports and the sandbox. */
export function registerSettingsRoutes(app: FastifyInstance, deps: ClientRequestsDeps) {
  app.get(
    '/manage/v1/settings',
    {
      schema: { tags: ['management'], summary: 'Account settings', security, response: { 200: SettingsView, ...problemResponses } },
      config: rails({ access: ['ADMIN'], limit: 'none', audit: 'none' }),
    },
    async (req) => getSettings(deps, callerOf(req).accountId),
  );
  app.patch(
    '/manage/v1/settings',
    {
      schema: {
        tags: ['management'],
        summary: 'Change account settings',
        security,
        body: SettingsBody,
        response: { 200: SettingsView, ...problemResponses },
      },
      config: rails({ access: ['ADMIN'], limit: 'none', audit: audited('settings.change') }),
    },
    async (req) => changeSettings(deps, callerOf(req).accountId, req.body as SettingsBody),
  );
}
