import type { FastifyInstance, FastifyRequest } from 'fastify';
import { requireRole } from '../../../platform/http/auth.ts';
import { CommonErrors } from '../../../shared/errors.ts';
import { cancelVerification, getLinkInfo, reinitiate, updateVerificationRequest, verificationDetails } from '../app/change-requests.ts';
import { endFile, fileDetails, fileEvents } from '../app/casefile.ts';
import { createVerificationRequest } from '../app/create-request.ts';
import type { IdvDeps } from '../app/deps.ts';
import { changeSettings, getSettings } from '../app/settings.ts';
import { ok } from './envelope.ts';
import { registerReportRoutes } from './report-routes.ts';

export type CredentialExchange = (clientId: unknown, secret: unknown) => Promise<string>;

const tags = ['client requests'];
const security = [{ bearer: [] }];

/** The Treefort-compatible API: every call a POST with ids in the body, every answer the envelope. */
export function registerIdvRoutes(app: FastifyInstance, deps: IdvDeps, exchange: CredentialExchange) {
  const caller = (req: FastifyRequest) => requireRole(req, 'VERIFIER').accountId;
  const routes: [string, string, (accountId: string, body: unknown) => Promise<unknown>][] = [
    ['/api/client/create-verification-request', 'Open a file and send each client a link', (a, b) => createVerificationRequest(deps, a, b)],
    ['/api/client/update-verification-request', 'Add clients to a file or change a client', (a, b) => updateVerificationRequest(deps, a, b)],
    ['/api/client/re-initiate-verification-request', 'Cancel a request and send a new one', (a, b) => reinitiate(deps, a, b)],
    ['/api/client/cancel-verification', 'Cancel a request', (a, b) => cancelVerification(deps, a, b)],
    ['/api/client/get-link-info', 'A new link to deliver yourself; it ends the link mailed before (replacedLinkId)', (a, b) => getLinkInfo(deps, a, b)],
    ['/api/client/verification-details', 'Status and profile of a request', (a, b) => verificationDetails(deps, a, b)],
    ['/api/casefile/details', 'A file and its requests', (a, b) => fileDetails(deps, a, b)],
    ['/api/casefile/events', 'What happened to a file', (a, b) => fileEvents(deps, a, b)],
    ['/api/casefile/cancel', 'Cancel a file', (a, b) => endFile(deps, a, b, 'Cancelled')],
    ['/api/casefile/close', 'Close a file', (a, b) => endFile(deps, a, b, 'Closed')],
  ];
  for (const [path, summary, run] of routes) {
    app.post(path, { schema: { tags, summary, security } }, async (req) => ok(await run(caller(req), req.body)));
  }

  app.post('/api/auth/token', { schema: { tags, summary: 'Exchange client credentials for a bearer token (text/plain)' } }, async (req, reply) => {
    const body = req.body as Record<string, unknown> | undefined;
    if (!body || typeof body !== 'object') throw CommonErrors.invalidRequest('Send {"clientId": "...", "secret": "..."}');
    const extra = Object.keys(body).find((k) => k !== 'clientId' && k !== 'secret');
    if (extra) throw CommonErrors.invalidRequest(`Unexpected property '${extra}', expected one of: clientId, secret`);
    return reply.type('text/plain; charset=utf-8').header('cache-control', 'no-store').send(await exchange(body.clientId, body.secret));
  });

  registerReportRoutes(app, deps);

  app.get('/manage/v1/settings', { schema: { tags: ['management'], summary: 'Account settings', security } },
    async (req) => getSettings(deps, requireRole(req, 'ADMIN').accountId));
  app.patch('/manage/v1/settings', { schema: { tags: ['management'], summary: 'Change account settings', security } },
    async (req) => changeSettings(deps, requireRole(req, 'ADMIN').accountId, req.body));
}
