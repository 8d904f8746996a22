import type { FastifyInstance } from 'fastify';
import { audited, callerOf, rails, type Rails } from '../../../platform/http/rails.ts';
import { ClientRequestRef, Done, envelope, ok, responses, TransactionRef, typed, type Handler } from '../../client-requests/index.ts';
import type { IdReportsDeps } from '../app/deps.ts';
import { reportInfo, verificationReport } from '../app/reports.ts';
import { reviewReport } from '../app/review.ts';
import { generateSampleReport } from '../app/sample-report.ts';
import { transactionView } from '../app/transaction-view.ts';
import { ReviewBody, SampleReportBody } from './report-bodies.ts';
import { ReportDownload, ReportInfo, ReviewOutcome, TransactionView } from './report-answers.ts';

const tags = ['client requests'];
const security = [{ bearer: [] }];

/** Reports of the client-request API: download, metadata, review, the sandbox's sample, the transaction-key view. */
export function registerIdReportRoutes(app: FastifyInstance, deps: IdReportsDeps) {
  const routes: [string, string, Rails, Handler][] = [
    [
      '/api/client/verification-report',
      'The report as a base64 PDF with its summary',
      { access: ['VERIFIER'], limit: 'none', idempotency: 'read', audit: audited('report.read', 'client-request', 'body.clientRequestId') },
      typed(ClientRequestRef, ReportDownload, (a, b) => verificationReport(deps, a, b), { unknownIds: true, expiring: true }),
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
      typed(ClientRequestRef, ReportInfo, (a, b) => reportInfo(deps, a, b), { unknownIds: true, expiring: true }),
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
      typed(ReviewBody, ReviewOutcome, (a, b) => reviewReport(deps, a, b), { unknownIds: true }),
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
      typed(SampleReportBody, Done, (a, b) => generateSampleReport(deps, a, b), { unknownIds: true }),
    ],
  ];
  for (const [path, summary, declared, handler] of routes) {
    const response = responses(envelope(handler.data, handler.example), {
      roles: true,
      found: handler.unknownIds,
      gone: handler.expiring,
      changes: declared.idempotency === 'change',
    });
    app.post(path, { schema: { tags, summary, security, body: handler.body, response }, config: rails(declared) }, async (req) =>
      ok(await handler.run(callerOf(req).accountId, req.body)),
    );
  }
  // The transaction key is the capability: a third party calls this without an account of its own. It is a
  // bearer secret presented without an account: limited like a credential, against guessing.
  app.post(
    '/api/casefile/transaction',
    {
      schema: {
        tags,
        summary: "Read-only view of a file's verifications by its transactionKey",
        body: TransactionRef,
        response: responses(envelope(TransactionView), { found: true }),
      },
      config: rails({ access: 'anyone', limit: 'auth', idempotency: 'read', audit: audited('file.read-by-transaction') }),
    },
    async (req, reply) => {
      reply.header('cache-control', 'no-store');
      return ok(await transactionView(deps, req.body as TransactionRef));
    },
  );
}
