import type { Database } from './store.ts';

/**
 * What every repository is built on: the database handle stays inside the repository (use cases never
 * query it themselves), and a use case that needs several writes to land together asks for a
 * transaction, whose handle it passes to the repositories' methods that take one (`exec`).
 */
export abstract class Repository {
  constructor(protected readonly db: Database) {}

  /** Runs `work` in one transaction: all its writes commit together, or none does. */
  transaction<T>(work: (trx: Database) => Promise<T>): Promise<T> {
    return this.db.transaction().execute(work);
  }
}
