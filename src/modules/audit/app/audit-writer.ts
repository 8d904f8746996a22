import type { AccountLookup, AuditRepository, NewAuditRow } from '../infra/audit-repository.ts';

/** An entry waiting to be written; without an account yet, the lookups that may find it, in order. */
export interface PendingEntry {
  row: NewAuditRow;
  lookups: { kind: AccountLookup; id: string }[];
}

interface Queued { entry: PendingEntry; done: () => void; failed: (e: unknown) => void }

/**
 * Writes audit entries in batches: one multi-row insert (and one account lookup per kind) for every
 * entry answered within `delayMs`, instead of one or two statements per request. On the embedded store
 * every statement takes its one connection, so this keeps the audit log from halving throughput.
 * Each `add` resolves once its entry is written, so a server that stops can wait for them.
 */
export class AuditWriter {
  private queue: Queued[] = [];
  private timer: NodeJS.Timeout | undefined;
  private writing: Promise<void> = Promise.resolve();

  constructor(private readonly repo: AuditRepository, private readonly delayMs = 20, private readonly maxBatch = 500) {}

  add(entry: PendingEntry): Promise<void> {
    return new Promise((done, failed) => {
      this.queue.push({ entry, done, failed });
      if (this.queue.length >= this.maxBatch) void this.flush();
      else this.timer ??= setTimeout(() => void this.flush(), this.delayMs);
    });
  }

  /** Writes what is queued; batches are written one after the other, so ids follow the order of answers. */
  flush(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    const batch = this.queue.splice(0);
    if (batch.length > 0) this.writing = this.writing.then(() => this.write(batch));
    return this.writing;
  }

  private async write(batch: Queued[]): Promise<void> {
    try {
      await this.resolveAccounts(batch.map((q) => q.entry));
      // Nobody's data was touched (an unknown id, link or client, without a token): no account could ever
      // read such an entry, and writing one per request would let anyone fill the log.
      await this.repo.appendMany(batch.map((q) => q.entry.row).filter((r) => r.account_id));
      for (const q of batch) q.done();
    } catch (e) {
      for (const q of batch) q.failed(e);
    }
  }

  private async resolveAccounts(entries: PendingEntry[]) {
    const wanted = new Map<AccountLookup, Set<string>>();
    for (const e of entries) {
      if (e.row.account_id) continue;
      for (const l of e.lookups) (wanted.get(l.kind) ?? wanted.set(l.kind, new Set()).get(l.kind)!).add(l.id);
    }
    const found = new Map<AccountLookup, Map<string, string>>();
    for (const [kind, ids] of wanted) found.set(kind, await this.repo.accountsOf(kind, [...ids]));
    for (const e of entries) {
      if (e.row.account_id) continue;
      e.row.account_id = e.lookups.map((l) => found.get(l.kind)?.get(l.id)).find(Boolean) ?? null;
    }
  }
}
