import { sql } from 'kysely';
import { Repository } from '../../../platform/db/index.ts';
import type { EventRow, NewDelivery } from './webhooks-repository.ts';

/** An endpoint's secret rotation, its test events, and which endpoints are failing, by id. */
export class EndpointAdminRepository extends Repository {
  /** Replaces a live endpoint's signing secret; false when the account has no such endpoint. */
  async setSecret(accountId: string, id: string, secretEnc: string, now: Date): Promise<boolean> {
    const r = await this.db
      .updateTable('webhook_endpoints')
      .set({ secret_enc: secretEnc, updated_at: now })
      .where('account_id', '=', accountId)
      .where('id', '=', id)
      .where('deleted_at', 'is', null)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  }

  /**
   * Writes a test event (numbered in its endpoint's own series of test events) and its one delivery
   * together; `body` is given the sequence number.
   */
  insertTestEvent(
    event: Omit<EventRow, 'sequence' | 'body'>,
    body: (sequence: number) => string,
    delivery: Omit<NewDelivery, 'event_id'>,
  ): Promise<void> {
    return this.transaction(async (trx) => {
      const counter = await trx
        .insertInto('webhook_subjects')
        .values({ account_id: event.account_id, subject_id: event.subject_id, last_sequence: 1 })
        .onConflict((oc) =>
          oc.columns(['account_id', 'subject_id']).doUpdateSet({ last_sequence: sql<number>`webhook_subjects.last_sequence + 1` }),
        )
        .returning('last_sequence')
        .executeTakeFirstOrThrow();
      const sequence = Number(counter.last_sequence);
      await trx
        .insertInto('webhook_events')
        .values({ ...event, sequence, body: body(sequence) })
        .execute();
      await trx
        .insertInto('webhook_deliveries')
        .values({ ...delivery, event_id: event.id })
        .execute();
    });
  }

  /**
   * The ids of the account's endpoints that are failing: turned off after a 410, or with a delivery
   * retrying after a failed attempt, or one given up on since `since` (the overview's rule, by id).
   */
  async failingIds(accountId: string, since: Date): Promise<Set<string>> {
    const rows = await this.db
      .selectFrom('webhook_endpoints as e')
      .select('e.id')
      .where('e.account_id', '=', accountId)
      .where('e.deleted_at', 'is', null)
      .where((eb) =>
        eb.or([
          eb('e.disabled_reason', '=', 'gone'),
          eb.exists(
            eb
              .selectFrom('webhook_deliveries as d')
              .select('d.id')
              .whereRef('d.endpoint_id', '=', 'e.id')
              .where('d.account_id', '=', accountId)
              .where((d) =>
                d.or([
                  d.and([d('d.status', '=', 'pending'), d('d.attempts', '>', 0)]),
                  d.and([d('d.status', '=', 'dead'), d('d.completed_at', '>=', since)]),
                ]),
              ),
          ),
        ]),
      )
      .execute();
    return new Set(rows.map((r) => r.id));
  }
}
