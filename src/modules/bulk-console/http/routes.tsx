import { Readable } from 'node:stream';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { sendConsolePage } from '../../../platform/html/console-page.tsx';
import { acceptUploadForms } from '../../../platform/html/upload-form.ts';
import { audited, callerOf, rails } from '../../../platform/http/rails.ts';
import { isAppError } from '../../../shared/errors.ts';
import { hasRole } from '../../../shared/principal.ts';
import type { BulkConsoleDeps } from '../app/deps.ts';
import { startBatch } from '../app/start-batch.ts';
import { reportFormValues, reportRequestOf, type ReportFormValues } from '../domain/report-form.ts';
import { BulkConsoleErrors } from '../error-codes.ts';
import { BatchPage } from './batch-page.tsx';
import { type BatchForm, BatchesPage } from './batches-page.tsx';
import { LandingPage } from './landing-page.tsx';
import { ReportPage } from './report-page.tsx';
import { ReportsPage } from './reports-page.tsx';
import { REFRESH_SECONDS, unfinished } from './views.tsx';

const HIDDEN = { hide: true } as const;
/** The largest form: 100,000 ids of 25 bytes in the file or the text box, with room for the form around them. */
const UPLOAD_LIMIT = 4 * 1024 * 1024;

// The roles of the API's own routes: re-verification is BULK_VERIFIER's; reports are REPORTER's or BULK_VERIFIER's.
const BULK = ['BULK_VERIFIER'] as const;
const REPORTS = ['REPORTER', 'BULK_VERIFIER'] as const;
const read = (access: typeof BULK | typeof REPORTS) => rails({ access, limit: 'none', audit: 'none' });
const change = (access: typeof BULK | typeof REPORTS, action: string, ...subject: string[]) =>
  rails({ access, limit: 'none', idempotency: 'change', audit: audited(action, ...subject) });

const idOf = (req: FastifyRequest) => (req.params as { id: string }).id;
const text = (body: unknown, name: string) => {
  const v = (body as Record<string, unknown> | undefined)?.[name];
  return typeof v === 'string' ? v : '';
};

/** A refusal the person can mend (bad input, an unknown program, the day's limit): shown on the form; others propagate. */
const mendable = (e: unknown) => isAppError(e) && e.status < 500 && e.status !== 401 && e.status !== 403;

/** The console's re-verification and report pages, each calling the use case the API calls. */
export function registerBulkConsoleRoutes(app: FastifyInstance, deps: BulkConsoleDeps) {
  app.get('/console/bulk', { schema: HIDDEN, config: read(REPORTS) }, async (req, reply) => {
    const p = callerOf(req);
    const [batches, reports] = await Promise.all([
      hasRole(p, 'BULK_VERIFIER') ? deps.batches.list(p.accountId) : Promise.resolve(null),
      deps.reports.list(p.accountId),
    ]);
    return sendConsolePage(req, reply, {
      title: 'Re-verify and reports',
      current: 'bulk',
      body: () => <LandingPage batches={batches} reports={reports} />,
    });
  });

  // Re-verification (BULK_VERIFIER, as POST /rest/v2/verification/reverify).
  const batchesPage = async (req: FastifyRequest, reply: FastifyReply, form: BatchForm, problem: string | null) => {
    const { accountId } = callerOf(req);
    const [programs, batches] = await Promise.all([deps.programs(accountId), deps.batches.list(accountId)]);
    return sendConsolePage(req, reply, {
      title: 'Re-verification',
      current: 'bulk',
      body: ({ csrf }) => (
        <BatchesPage csrf={csrf} programs={programs} batches={batches} form={form} problem={problem} maxBatch={deps.maxBatch} />
      ),
    });
  };
  app.get('/console/bulk/batches', { schema: HIDDEN, config: read(BULK) }, async (req, reply) =>
    batchesPage(req, reply, { programId: text(req.query, 'program'), ids: '' }, null),
  );
  app.register(async (scope) => {
    acceptUploadForms(scope, { bodyLimit: UPLOAD_LIMIT, unreadable: BulkConsoleErrors.unreadableForm });
    scope.post('/console/bulk/batches', { schema: HIDDEN, config: change(BULK, 'console.reverify-started') }, async (req, reply) => {
      const form = { programId: text(req.body, 'programId'), ids: text(req.body, 'ids') };
      const file = text(req.body, 'file');
      try {
        if (file.trim() !== '' && form.ids.trim() !== '') throw BulkConsoleErrors.twoCsv();
        const csv = file.trim() !== '' ? file : form.ids;
        if (csv.trim() === '') throw BulkConsoleErrors.noCsv();
        const started = await startBatch(deps, callerOf(req), { programId: form.programId, csv });
        return reply.redirect(`/console/bulk/batches/${started.batchId}`, 303);
      } catch (e) {
        if (!mendable(e)) throw e;
        reply.status(400);
        return batchesPage(req, reply, form, (e as Error).message);
      }
    });
  });
  app.get('/console/bulk/batches/:id', { schema: HIDDEN, config: read(BULK) }, async (req, reply) => {
    const p = callerOf(req);
    const batch = await deps.batches.status(p, idOf(req));
    const [programs, reports, program] = await Promise.all([
      deps.programs(p.accountId),
      deps.reports.list(p.accountId, { batchId: batch.batchId }),
      deps.batches.programOf(p.accountId, batch.batchId),
    ]);
    if (unfinished(batch.status) || reports.some((r) => r.status === 'PENDING')) reply.header('refresh', String(REFRESH_SECONDS));
    return sendConsolePage(req, reply, {
      title: `Batch ${batch.batchId}`,
      current: 'bulk',
      body: ({ csrf }) => (
        <BatchPage
          csrf={csrf}
          batch={batch}
          programName={programs.find((x) => x.id === program)?.name ?? null}
          reports={reports}
          canReport={hasRole(p, 'REPORTER') || hasRole(p, 'BULK_VERIFIER')}
        />
      ),
    });
  });
  // A batch's report (REPORTER or BULK_VERIFIER, as POST /rest/v2/report/reverify/{batchId}).
  app.post(
    '/console/bulk/batches/:id/report',
    { schema: HIDDEN, config: change(REPORTS, 'console.report-requested', 'reverify-batch', 'params.id') },
    async (req, reply) => {
      const report = await deps.reports.forBatch(callerOf(req), idOf(req));
      return reply.redirect(`/console/bulk/reports/${report.id}`, 303);
    },
  );

  // Verification reports (REPORTER or BULK_VERIFIER, as POST /rest/v2/report/verification).
  const reportsPage = async (req: FastifyRequest, reply: FastifyReply, form: ReportFormValues, problem: string | null) => {
    const { accountId } = callerOf(req);
    const [programs, reports] = await Promise.all([deps.programs(accountId), deps.reports.list(accountId)]);
    return sendConsolePage(req, reply, {
      title: 'Verification reports',
      current: 'bulk',
      body: ({ csrf }) => (
        <ReportsPage csrf={csrf} programs={programs} reports={reports} columns={deps.reports.columns} form={form} problem={problem} />
      ),
    });
  };
  app.get('/console/bulk/reports', { schema: HIDDEN, config: read(REPORTS) }, async (req, reply) => {
    const today = deps.clock.now().toISOString().slice(0, 10);
    const monthAgo = new Date(deps.clock.now().getTime() - 29 * 86_400_000).toISOString().slice(0, 10);
    const columns = [...deps.reports.columns.standard, ...deps.reports.columns.person];
    return reportsPage(req, reply, { startDate: monthAgo, endDate: today, mode: 'LIVE', programIds: [], columns, metadata: '' }, null);
  });
  app.post('/console/bulk/reports', { schema: HIDDEN, config: change(REPORTS, 'console.report-requested') }, async (req, reply) => {
    const p = callerOf(req);
    const form = reportFormValues(
      req.body,
      (await deps.programs(p.accountId)).map((x) => x.id),
      deps.reports.columns,
    );
    try {
      const checked = reportRequestOf(form, deps.reports.columns);
      if (!checked.ok) throw BulkConsoleErrors.badReport(checked.problem);
      const report = await deps.reports.forVerifications(p, checked.request);
      return reply.redirect(`/console/bulk/reports/${report.id}`, 303);
    } catch (e) {
      if (!mendable(e)) throw e;
      reply.status(400);
      return reportsPage(req, reply, form, (e as Error).message);
    }
  });
  app.get('/console/bulk/reports/:id', { schema: HIDDEN, config: read(REPORTS) }, async (req, reply) => {
    const report = await deps.reports.status(callerOf(req), idOf(req));
    if (report.status === 'PENDING') reply.header('refresh', String(REFRESH_SECONDS));
    return sendConsolePage(req, reply, { title: `Report ${report.id}`, current: 'bulk', body: () => <ReportPage report={report} /> });
  });
  // The CSV: the API's download (GET /rest/v2/report/{id}), the same bytes and headers; recorded as the API records it.
  app.get(
    '/console/bulk/reports/:id/download',
    {
      schema: HIDDEN,
      config: rails({ access: REPORTS, limit: 'none', audit: audited('console.report-downloaded', 'report', 'params.id') }),
    },
    async (req, reply) => {
      const id = idOf(req);
      const opened = await deps.reports.open(callerOf(req), id);
      if (!opened.ready) return reply.redirect(`/console/bulk/reports/${id}`, 303);
      return reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="report-${id}.csv"`)
        .header('x-content-type-options', 'nosniff')
        .header('cache-control', 'no-store')
        .send(Readable.from(opened.lines));
    },
  );
}
