import type { FastifyInstance, FastifyRequest } from 'fastify';
import { requireRole } from '../../../platform/http/auth.ts';
import type { IdvDeps } from '../app/deps.ts';
import { reportInfo, verificationReport } from '../app/reports.ts';
import { reviewReport } from '../app/review.ts';
import { generateSampleReport } from '../app/sample-report.ts';
import { transactionView } from '../app/transaction-view.ts';
import { ok } from './envelope.ts';

const tags = ['client requests'];
const security = [{ bearer: [] }];

/** Reports of the client-request API: download, metadata, review, the sandbox's sample, the transaction-key view. */
export function registerReportRoutes(app: FastifyInstance, deps: IdvDeps) {
  const as = (role: 'VERIFIER' | 'REVIEWER') => (req: FastifyRequest) => requireRole(req, role).accountId;
  const routes: [string, string, (req: FastifyRequest) => string, (accountId: string, body: unknown) => Promise<unknown>][] = [
    ['/api/client/verification-report', 'The report as a base64 PDF with its summary', as('VERIFIER'), (a, b) => verificationReport(deps, a, b)],
    ['/api/client/report-info', "The report's metadata, checks and client information", as('VERIFIER'), (a, b) => reportInfo(deps, a, b)],
    ['/api/client/review-report', 'Approve or reject a report (REVIEWER)', as('REVIEWER'), (a, b) => reviewReport(deps, a, b)],
    ['/api/client/generate-sample-report', 'Sandbox: a sample report for a pending request (test-mode accounts)', as('VERIFIER'), (a, b) => generateSampleReport(deps, a, b)],
  ];
  for (const [path, summary, caller, run] of routes) {
    app.post(path, { schema: { tags, summary, security } }, async (req) => ok(await run(caller(req), req.body)));
  }
  // The transaction key is the capability: a third party calls this without an account of its own.
  app.post('/api/casefile/transaction', { schema: { tags, summary: "Read-only view of a file's verifications by its transactionKey" } },
    async (req, reply) => {
      reply.header('cache-control', 'no-store');
      return ok(await transactionView(deps, req.body));
    });
}
