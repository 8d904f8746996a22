import type { z } from 'zod';
import {
  cancelVerification,
  ClientRequestErrors,
  createFileBody,
  createVerificationRequest,
  endFile,
  fileDetails,
  fileEvents,
  getLinkInfo,
  getSettings,
  reinitiate,
  updateFileBody,
  updateVerificationRequest,
  verificationDetails,
} from '../modules/client-requests/index.ts';
import { createFilesConsoleModule, FileListQueries } from '../modules/files-console/index.ts';
import {
  generateSampleReport,
  readReportPhoto,
  reportForReview,
  ReviewBody,
  reviewReport,
  SampleReportBody,
  verificationReport,
} from '../modules/id-reports/index.ts';
import type { VouchModule } from '../platform/module.ts';
import type { ConsoleParts } from './console-modules.ts';

/**
 * A body checked with the API route's own schema: its findings are the API's sentences (the body's unknown
 * properties first, as the dialect lists them), refused as the API refuses them (400, nothing changed).
 */
function checked<S extends z.ZodType>(schema: S, body: unknown): z.output<S> {
  const result = schema.safeParse(body);
  if (result.success) return result.data;
  const issues = result.error.issues;
  const unknown = issues.filter((i) => i.code === 'unrecognized_keys').flatMap((i) => i.message.split('; '));
  throw ClientRequestErrors.invalid([...unknown, ...issues.filter((i) => i.code !== 'unrecognized_keys').map((i) => i.message)]);
}

/** The console's client file pages, wired from the container's parts: the client-requests and id-reports use cases. */
export function consoleClientFilesModules(parts: ConsoleParts): VouchModule[] {
  const cr = parts.clientRequests;
  const idr = parts.idReports;
  return [
    createFilesConsoleModule({
      clock: parts.clock,
      queries: new FileListQueries(parts.db),
      testMode: async (accountId) => (await getSettings(cr, accountId)).testMode,
      files: {
        create: (accountId, body) => createVerificationRequest(cr, accountId, checked(createFileBody(cr.clock), body)),
        update: (accountId, body) => updateVerificationRequest(cr, accountId, checked(updateFileBody(cr.clock), body)),
        details: (accountId, fileReferenceId) => fileDetails(cr, accountId, { fileReferenceId }),
        events: (accountId, fileReferenceId) => fileEvents(cr, accountId, { fileReferenceId }),
        end: (accountId, fileReferenceId, how) => endFile(cr, accountId, { fileReferenceId }, how),
      },
      requests: {
        details: (accountId, clientRequestId) => verificationDetails(cr, accountId, { clientRequestId }),
        reinitiate: (accountId, clientRequestId) => reinitiate(cr, accountId, { clientRequestId }),
        cancel: (accountId, clientRequestId) => cancelVerification(cr, accountId, { clientRequestId }),
        link: (accountId, clientRequestId) => getLinkInfo(cr, accountId, { clientRequestId }),
        sample: (accountId, body) => generateSampleReport(idr, accountId, checked(SampleReportBody, body)),
      },
      reports: {
        subject: (accountId, requestId) => reportForReview(idr, accountId, requestId),
        pdf: async (accountId, clientRequestId) => {
          const report = await verificationReport(idr, accountId, { clientRequestId });
          return {
            bytes: Buffer.from(report.report, 'base64'),
            mimeType: 'application/pdf',
            fileName: `report-${report.reportNumber}.pdf`,
          };
        },
        photo: (accountId, requestId, kind) => readReportPhoto(idr, accountId, requestId, kind),
        review: (accountId, body) => reviewReport(idr, accountId, checked(ReviewBody, body)),
      },
    }),
  ];
}
