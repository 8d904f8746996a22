import type { Database } from '../../../platform/db/index.ts';
import { readEligibilityDocument } from '../../document-reading/index.ts';
import type { DocumentReadingSignal } from '../domain/making-signals.ts';
import type { DocumentsDeps } from './deps.ts';

/** The job that reads the documents of a submitted attempt, keyed by the verification and attempt. */
export const READ_DOCUMENTS_JOB = 'documents-read';

/** What the person submitted, that the documents' text is matched against. */
export interface SubmittedPerson {
  firstName: string;
  lastName: string;
  organization: string | null;
}
interface ReadDocumentsJob {
  accountId: string;
  verificationId: string;
  attempt: number;
  /** The submitted person, encrypted: job data is stored in the clear otherwise. */
  personEnc: string;
}

/** Queues the reading of an attempt's documents in the caller's transaction (nothing when reading is off). */
export async function queueAttemptReading(
  deps: DocumentsDeps,
  exec: Database,
  job: { accountId: string; verificationId: string; attempt: number; person: SubmittedPerson },
) {
  if (!deps.reader || !deps.jobs) return;
  const { person, ...rest } = job;
  await deps.jobs.send<ReadDocumentsJob>(READ_DOCUMENTS_JOB, { ...rest, personEnc: deps.box.encryptJson(person) }, { exec });
}

const notRunSignal = (reason: string): DocumentReadingSignal => ({
  check: { name: 'documentText', result: 'not-run', reason, highRisk: false },
  source: null,
  score: null,
  evidence: [],
  dates: [],
});

/**
 * Reads each document of the attempt that has not been read yet (a re-run after a crash reads only the
 * rest) and stores its `documentText` check with the evidence in the document's signals, where the
 * reviewer sees it.
 */
export async function readAttempt(deps: DocumentsDeps, job: ReadDocumentsJob, failure?: string) {
  const person = deps.box.decryptJson<SubmittedPerson>(job.personEnc);
  for (const d of await deps.repo.forAttempt(job.verificationId, job.attempt)) {
    if (d.account_id !== job.accountId || d.signals?.reading || d.status !== 'UPLOADED' || !d.blob_key) continue;
    let signal: DocumentReadingSignal;
    if (failure || !deps.reader) signal = notRunSignal(`The document could not be read: ${failure ?? 'reading is off'}`);
    else {
      const bytes = await deps.blobs.read(d.blob_key).catch(() => null);
      if (!bytes) continue; // purged meanwhile
      const r = await readEligibilityDocument(deps.reader, { mime: d.mime_type, bytes }, person);
      // Stopping mid-reading is no answer about the document: the job runs again after the restart.
      if (r.check.reason === 'The server was stopping') throw new Error('The server stopped while reading');
      signal = {
        check: r.check,
        source: r.source,
        score: r.match?.score ?? null,
        evidence: r.match
          ? [
              ...r.match.name.words.map((w) => ({ part: 'name' as const, word: w.word, line: w.line, read: w.read })),
              ...r.match.organization.words.map((w) => ({ part: 'organization' as const, word: w.word, line: w.line, read: w.read })),
            ]
          : [],
        dates: r.match?.dates.slice(0, 10) ?? [],
      };
    }
    await deps.repo.setReading(job.accountId, d.id, signal);
  }
}

/** Registers the reading job: a job that gives up leaves its documents' check `not-run` with why. */
export async function startAttemptReading(deps: DocumentsDeps) {
  if (!deps.reader || !deps.jobs) return;
  await deps.jobs.work<ReadDocumentsJob>(
    READ_DOCUMENTS_JOB,
    (job) => readAttempt(deps, job),
    (job, reason) => readAttempt(deps, job, reason),
  );
}
