import type { AccountLookup, AuditRepository, NewAuditRow } from '../infra/audit-repository.ts';

/** An entry waiting to be written; without an account yet, the lookups that may find it, in order. */
export interface PendingEntry {
  row: NewAuditRow;
  lookups: { kind: AccountLookup; id: string }[];
}

interface Queued {
  entry: PendingEntry;
  done: () => void;
  failed: (e: unknown) => void;
}

/**
 * Writes audit entries in batches, by group commit: an entry that finds the writer idle is written at
 * once (with the others added in the same turn of the event loop); entries added while a batch is being
 * written wait for it and go together in the next one. So a request waits for one insert at most behind
 * another, and under load one multi-row insert serves many requests instead of one statement each (the
 * accounts of anonymous requests are looked up inside it). On the embedded store every statement takes its
 * one connection, so this keeps the audit log from halving throughput. Each `add` resolves once its entry is written:
 * requests wait for it before answering. Batches are written one after the other, so ids follow the order
 * of answers.
 */
export class AuditWriter {
  private queue: Queued[] = [];
  private scheduled = false;
  private writing = false;

  constructor(
    private readonly repo: AuditRepository,
    private readonly maxBatch = 500,
  ) {}

  add(entry: PendingEntry): Promise<void> {
    return new Promise((done, failed) => {
      this.queue.push({ entry, done, failed });
      if (this.writing || this.scheduled) return;
      this.scheduled = true;
      setImmediate(() => {
        this.scheduled = false;
        void this.drain();
      });
    });
  }

  private async drain(): Promise<void> {
    if (this.writing) return;
    this.writing = true;
    try {
      while (this.queue.length > 0) await this.write(this.queue.splice(0, this.maxBatch));
    } finally {
      this.writing = false;
    }
  }

  private async write(batch: Queued[]): Promise<void> {
    try {
      // An entry whose account no lookup finds is not written: nobody's data was touched (an unknown id,
      // link or client, without a token), no account could ever read it, and writing one per request would
      // let anyone fill the log.
      await this.repo.appendResolving(batch.map((q) => q.entry));
      for (const q of batch) q.done();
    } catch (e) {
      for (const q of batch) q.failed(e);
    }
  }
}
