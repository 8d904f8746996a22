import type { FastifyInstance } from 'fastify';
import { audited, callerOf, rails, type Rails } from '../../../platform/http/rails.ts';
import type { IdvDeps } from '../app/deps.ts';
import { reportInfo, verificationReport } from '../app/reports.ts';
import { reviewReport } from '../app/review.ts';
import { generateSampleReport } from '../app/sample-report.ts';
import { transactionView } from '../app/transaction-view.ts';
import { ClientRequestRef, TransactionRef } from './bodies.ts';
import { ok } from './envelope.ts';
import { type Handler, typed, untyped } from './handler.ts';

const tags = ['client requests'];
const security = [{ bearer: [] }];

/** Reports of the client-request API: download, metadata, review, the sandbox's sample, the transaction-key view. */
export function registerReportRoutes(app: FastifyInstance, deps: IdvDeps) {
  const routes: [string, string, Rails, Handler][] = [
    [
      '/api/client/verification-report',
      'The report as a base64 PDF with its summary',
      { access: ['VERIFIER'], limit: 'none', idempotency: 'read', audit: audited('report.read', 'client-request', 'body.clientRequestId') },
      typed(ClientRequestRef, (a, b) => verificationReport(deps, a, b)),
    ],
    [
      '/api/client/report-info',
      "The report's metadata, checks and client information",
      {
        access: ['VERIFIER'],
        limit: 'none',
        idempotency: 'read',
        audit: audited('report.read-info', 'client-request', 'body.clientRequestId'),
      },
      typed(ClientRequestRef, (a, b) => reportInfo(deps, a, b)),
    ],
    [
      '/api/client/review-report',
      'Approve or reject a report (REVIEWER)',
      {
        access: ['REVIEWER'],
        limit: 'none',
        idempotency: 'change',
        audit: audited('report.review', 'client-request', 'body.clientRequestId'),
      },
      untyped((a, b) => reviewReport(deps, a, b)),
    ],
    [
      '/api/client/generate-sample-report',
      'Sandbox: a sample report for a pending request (test-mode accounts)',
      {
        access: ['VERIFIER'],
        limit: 'create',
        idempotency: 'change',
        audit: audited('report.generate-sample', 'client-request', 'body.clientRequestId'),
      },
      untyped((a, b) => generateSampleReport(deps, a, b)),
    ],
  ];
  for (const [path, summary, declared, handler] of routes) {
    app.post(
      path,
      { schema: { tags, summary, security, ...(handler.body ? { body: handler.body } : {}) }, config: rails(declared) },
      async (req) => ok(await handler.run(callerOf(req).accountId, req.body)),
    );
  }
  // The transaction key is the capability: a third party calls this without an account of its own. It is a
  // bearer secret presented without an account: limited like a credential, against guessing.
  app.post(
    '/api/casefile/transaction',
    {
      schema: { tags, summary: "Read-only view of a file's verifications by its transactionKey", body: TransactionRef },
      config: rails({ access: 'anyone', limit: 'auth', idempotency: 'read', audit: audited('file.read-by-transaction') }),
    },
    async (req, reply) => {
      reply.header('cache-control', 'no-store');
      return ok(await transactionView(deps, req.body as TransactionRef));
    },
  );
}
