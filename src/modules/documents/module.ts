import type { VouchModule } from '../../platform/module.ts';
import type { DocumentsDeps } from './app/deps.ts';
import { startAttemptReading } from './app/read-attempt.ts';
import { purgeDueDocuments } from './app/purge-documents.ts';
import { sweepPartialUploads } from './app/sweep-partial-uploads.ts';
import { registerUploadRoute } from './http/routes.ts';

/** Uploaded documents: the upload route, the job reading submitted documents, and the sweeps that purge bytes past their retention and partial files. */
export const createDocumentsModule = (deps: DocumentsDeps): VouchModule => ({
  name: 'documents',
  routes: (app) => registerUploadRoute(app, deps),
  // The reading of a submitted attempt's documents (when DOCUMENT_READING is on).
  start: () => startAttemptReading(deps),
  sweeps: [
    // Decisions with retention 0 purge at once; the others when their retention has passed.
    { what: 'document purge', run: () => purgeDueDocuments(deps) },
    { what: 'partial upload sweep', run: () => sweepPartialUploads(deps) },
  ],
});
