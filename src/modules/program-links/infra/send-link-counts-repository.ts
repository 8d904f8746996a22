import { Repository } from '../../../platform/db/repository.ts';

/** Texts sent per UTC day and counter: a digest of a phone number (`number`) or a program id (`program`). */
export interface SendLinkCountsTable {
  scope: string;
  key: string;
  /** The UTC day, `YYYY-MM-DD`. */
  day: string;
  count: number;
}

export type CountScope = 'number' | 'program';

export interface DailyCap {
  scope: CountScope;
  key: string;
  max: number;
}

/** Raised inside the transaction to roll back what it took before the counter that was full. */
class Full extends Error {
  constructor(readonly cap: DailyCap) {
    super('daily cap reached');
  }
}

/** The daily counters of texted links. Nothing here reads a phone number: the number's counter is keyed by its digest. */
export class SendLinkCountsRepository extends Repository {
  private get counts() {
    return this.db.withTables<{ send_link_counts: SendLinkCountsTable }>();
  }

  /**
   * Counts one text against every cap of `day`, all or none: the first cap already at its maximum is
   * returned and nothing is counted. Concurrent calls queue on the counter's row, so a cap is never passed.
   */
  async take(day: string, caps: readonly DailyCap[]): Promise<DailyCap | null> {
    try {
      await this.counts.transaction().execute(async (trx) => {
        for (const cap of caps) {
          const row = await trx
            .insertInto('send_link_counts')
            .values({ scope: cap.scope, key: cap.key, day, count: 1 })
            .onConflict((oc) =>
              oc
                .columns(['scope', 'key', 'day'])
                .doUpdateSet((eb) => ({ count: eb('send_link_counts.count', '+', 1) }))
                .where('send_link_counts.count', '<', cap.max),
            )
            .returning('count')
            .executeTakeFirst();
          if (!row) throw new Full(cap);
        }
      });
      return null;
    } catch (e) {
      if (e instanceof Full) return e.cap;
      throw e;
    }
  }

  /** Gives back what `take` counted (the text was not sent). */
  async giveBack(day: string, caps: readonly DailyCap[]): Promise<void> {
    await this.counts.transaction().execute(async (trx) => {
      for (const cap of caps) {
        await trx
          .updateTable('send_link_counts')
          .set((eb) => ({ count: eb('count', '-', 1) }))
          .where('scope', '=', cap.scope)
          .where('key', '=', cap.key)
          .where('day', '=', day)
          .where('count', '>', 0)
          .execute();
      }
    });
  }

  /** Drops the counters of days before `day`. */
  async dropBefore(day: string): Promise<number> {
    const r = await this.counts.deleteFrom('send_link_counts').where('day', '<', day).executeTakeFirst();
    return Number(r.numDeletedRows);
  }
}
