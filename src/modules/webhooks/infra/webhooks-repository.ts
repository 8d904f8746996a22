import { sql } from 'kysely';
import { ChangeNotices, type Database, Repository } from '../../../platform/db/index.ts';
import { partnerEndpointPrefix } from '../domain/partner-webhook.ts';
import { programEndpointId, programEndpointPrefix } from '../domain/program-webhook.ts';

/** The read cache of whether an account has no enabled endpoint (by account id). */
const QUIET = 'webhook-endpoints';

export type EndpointRow = {
  id: string;
  account_id: string;
  url: string;
  description: string | null;
  event_types: string[];
  secret_enc: string;
  enabled: boolean;
  disabled_reason: string | null;
  created_at: Date;
  updated_at: Date;
};
export type EventRow = {
  id: string;
  account_id: string;
  type: string;
  subject_id: string;
  sequence: number;
  body: string;
  created_at: Date;
};
export type DeliveryRow = {
  id: string;
  event_id: string;
  endpoint_id: string;
  status: 'pending' | 'delivered' | 'dead';
  attempts: number;
  next_attempt_at: Date;
  last_status_code: number | null;
  last_error: string | null;
  created_at: Date;
  completed_at: Date | null;
};
export interface NewDelivery {
  id: string;
  account_id: string;
  event_id: string;
  endpoint_id: string;
  next_attempt_at: Date;
  created_at: Date;
}

/** A delivery claimed for sending, with what sending needs. */
export interface ClaimedDelivery {
  id: string;
  account_id: string;
  attempts: number;
  endpoint_id: string;
  url: string;
  secret_enc: string;
  event_id: string;
  /** The event's type (a partner webhook's header is read from it). */
  event_type: string;
  body: string;
}

/** The outcome of one attempt, written back in a batch. */
export interface AttemptRecord {
  deliveryId: string;
  accountId: string;
  endpointId: string;
  attempt: number;
  statusCode: number | null;
  latencyMs: number;
  error: string | null;
  at: Date;
  status: 'pending' | 'delivered' | 'dead';
  nextAttemptAt: Date;
  disableEndpoint: boolean;
}

const ENDPOINT_COLUMNS = [
  'id',
  'account_id',
  'url',
  'description',
  'event_types',
  'secret_enc',
  'enabled',
  'disabled_reason',
  'created_at',
  'updated_at',
] as const;
const DELIVERY_COLUMNS = [
  'id',
  'event_id',
  'endpoint_id',
  'status',
  'attempts',
  'next_attempt_at',
  'last_status_code',
  'last_error',
  'created_at',
  'completed_at',
] as const;

/** Endpoints, the event outbox, deliveries and attempts; every lookup by id also checks the account. */
export class WebhooksRepository extends Repository {
  // ------------------------------------------------------------------ endpoints

  async insertEndpoint(
    row: Omit<EndpointRow, 'enabled' | 'disabled_reason' | 'event_types'> & { event_types: string[] },
    exec: Database = this.db,
  ) {
    ChangeNotices.of(this.db).changed(QUIET, row.account_id);
    await exec
      .insertInto('webhook_endpoints')
      .values({ ...row, event_types: JSON.stringify(row.event_types) })
      .execute();
  }

  listEndpoints(accountId: string) {
    return this.db
      .selectFrom('webhook_endpoints')
      .select(ENDPOINT_COLUMNS)
      .where('account_id', '=', accountId)
      .where('deleted_at', 'is', null)
      .orderBy('created_at')
      .orderBy('id')
      .execute() as Promise<EndpointRow[]>;
  }

  findEndpoint(accountId: string, id: string) {
    return this.db
      .selectFrom('webhook_endpoints')
      .select(ENDPOINT_COLUMNS)
      .where('account_id', '=', accountId)
      .where('id', '=', id)
      .where('deleted_at', 'is', null)
      .executeTakeFirst() as Promise<EndpointRow | undefined>;
  }

  async updateEndpoint(
    accountId: string,
    id: string,
    patch: { enabled?: boolean; event_types?: string[]; description?: string | null },
    now: Date,
  ) {
    ChangeNotices.of(this.db).changed(QUIET, accountId);
    const r = await this.db
      .updateTable('webhook_endpoints')
      .set({
        updated_at: now,
        ...(patch.enabled !== undefined ? { enabled: patch.enabled, disabled_reason: patch.enabled ? null : 'manual' } : {}),
        ...(patch.event_types ? { event_types: JSON.stringify(patch.event_types) } : {}),
        ...(patch.description !== undefined ? { description: patch.description } : {}),
      })
      .where('account_id', '=', accountId)
      .where('id', '=', id)
      .where('deleted_at', 'is', null)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  }

  async deleteEndpoint(accountId: string, id: string, now: Date) {
    const r = await this.db
      .updateTable('webhook_endpoints')
      .set({ deleted_at: now, enabled: false, updated_at: now })
      .where('account_id', '=', accountId)
      .where('id', '=', id)
      .where('deleted_at', 'is', null)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  }

  // ------------------------------------------------------------------ program webhooks

  /**
   * Inserts a program's webhook (see domain/program-webhook.ts) unless the program has a live one;
   * returns its id, or null when there is one already. The program's counter row in webhook_subjects
   * (`program-webhook:<id>`) is written first and so held to the end of the transaction: of two
   * registrations at once, the second waits for the first, then sees its webhook.
   */
  async insertProgramEndpoint(
    programId: string,
    row: Omit<EndpointRow, 'id' | 'enabled' | 'disabled_reason' | 'event_types'>,
  ): Promise<string | null> {
    ChangeNotices.of(this.db).changed(QUIET, row.account_id);
    return this.transaction(async (trx) => {
      const counter = await trx
        .insertInto('webhook_subjects')
        .values({ account_id: row.account_id, subject_id: `program-webhook:${programId}`, last_sequence: 1 })
        .onConflict((oc) =>
          oc.columns(['account_id', 'subject_id']).doUpdateSet({ last_sequence: sql<number>`webhook_subjects.last_sequence + 1` }),
        )
        .returning('last_sequence')
        .executeTakeFirstOrThrow();
      const live = await trx
        .selectFrom('webhook_endpoints')
        .select('id')
        .where('account_id', '=', row.account_id)
        .where(sql<boolean>`starts_with(id, ${programEndpointPrefix(programId)})`)
        .where('deleted_at', 'is', null)
        .executeTakeFirst();
      if (live) return null;
      const id = programEndpointId(programId, Number(counter.last_sequence));
      await trx
        .insertInto('webhook_endpoints')
        .values({ ...row, id, event_types: JSON.stringify([]) })
        .execute();
      return id;
    });
  }

  /** Deletes a program's webhook (as `deleteEndpoint` does); how many there were (0 or 1). */
  async deleteProgramEndpoints(accountId: string, programId: string, now: Date): Promise<number> {
    const r = await this.db
      .updateTable('webhook_endpoints')
      .set({ deleted_at: now, enabled: false, updated_at: now })
      .where('account_id', '=', accountId)
      .where(sql<boolean>`starts_with(id, ${programEndpointPrefix(programId)})`)
      .where('deleted_at', 'is', null)
      .executeTakeFirst();
    return Number(r.numUpdatedRows);
  }

  // ------------------------------------------------------------------ partner webhooks

  /** A program's partner webhooks (see domain/partner-webhook.ts), oldest first. */
  listPartnerEndpoints(accountId: string, programId: string) {
    return this.db
      .selectFrom('webhook_endpoints')
      .select(ENDPOINT_COLUMNS)
      .where('account_id', '=', accountId)
      .where(sql<boolean>`starts_with(id, ${partnerEndpointPrefix(programId)})`)
      .where('deleted_at', 'is', null)
      .orderBy('created_at')
      .orderBy('id')
      .execute() as Promise<EndpointRow[]>;
  }

  /** Changes a partner webhook's address, type or state; false when there is no such live webhook. */
  async updatePartnerEndpoint(accountId: string, id: string, patch: { url?: string; type?: string; enabled?: boolean }, now: Date) {
    ChangeNotices.of(this.db).changed(QUIET, accountId);
    const r = await this.db
      .updateTable('webhook_endpoints')
      .set({
        updated_at: now,
        ...(patch.url !== undefined ? { url: patch.url } : {}),
        ...(patch.type !== undefined ? { event_types: JSON.stringify([patch.type]) } : {}),
        ...(patch.enabled !== undefined ? { enabled: patch.enabled, disabled_reason: patch.enabled ? null : 'manual' } : {}),
      })
      .where('account_id', '=', accountId)
      .where('id', '=', id)
      .where('deleted_at', 'is', null)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  }

  /** True when the account was lately found without enabled endpoints; never reads (safe inside a transaction). */
  knownQuiet(accountId: string): boolean {
    return ChangeNotices.of(this.db).cache<boolean>(QUIET).peek(accountId) === true;
  }

  /**
   * True when the account has no enabled endpoint, so that no event of its would be stored: most accounts
   * have none, and the end-user flow emits on every step. Read through the cache; a change that may add a
   * subscriber (an endpoint made, enabled or subscribed to more) is a change of the account's key.
   */
  async isQuiet(accountId: string): Promise<boolean> {
    return ChangeNotices.of(this.db)
      .cache<boolean>(QUIET)
      .get(accountId, async () => {
        const some = await this.db
          .selectFrom('webhook_endpoints')
          .select('id')
          .where('account_id', '=', accountId)
          .where('enabled', '=', true)
          .where('deleted_at', 'is', null)
          .limit(1)
          .executeTakeFirst();
        return !some;
      });
  }

  /** The endpoints that may receive an account's new events (read in the emitting transaction). */
  subscribers(exec: Database, accountId: string) {
    return exec
      .selectFrom('webhook_endpoints')
      .select(['id', 'event_types'])
      .where('account_id', '=', accountId)
      .where('enabled', '=', true)
      .where('deleted_at', 'is', null)
      .execute() as Promise<{ id: string; event_types: string[] }[]>;
  }

  // ------------------------------------------------------------------ outbox

  /** Reserves `count` sequence numbers per subject; returns the last one of each. Subjects are locked in a fixed order. */
  async reserveSequences(exec: Database, accountId: string, counts: Map<string, number>): Promise<Map<string, number>> {
    const subjects = [...counts.keys()].sort();
    const rows = await exec
      .insertInto('webhook_subjects')
      .values(subjects.map((s) => ({ account_id: accountId, subject_id: s, last_sequence: counts.get(s)! })))
      .onConflict((oc) =>
        oc
          .columns(['account_id', 'subject_id'])
          .doUpdateSet({ last_sequence: sql<number>`webhook_subjects.last_sequence + excluded.last_sequence` }),
      )
      .returning(['subject_id', 'last_sequence'])
      .execute();
    return new Map(rows.map((r) => [r.subject_id, Number(r.last_sequence)]));
  }

  async insertEvents(exec: Database, rows: EventRow[]) {
    for (let i = 0; i < rows.length; i += 1000)
      await exec
        .insertInto('webhook_events')
        .values(rows.slice(i, i + 1000))
        .execute();
  }

  async insertDeliveries(rows: NewDelivery[], exec: Database = this.db) {
    for (let i = 0; i < rows.length; i += 1000)
      await exec
        .insertInto('webhook_deliveries')
        .values(rows.slice(i, i + 1000))
        .execute();
  }

  listEvents(accountId: string, q: { type?: string; subjectId?: string; limit: number; before?: { created_at: Date; id: string } }) {
    let query = this.db
      .selectFrom('webhook_events')
      .select(['id', 'account_id', 'type', 'subject_id', 'sequence', 'body', 'created_at'])
      .where('account_id', '=', accountId);
    if (q.type) query = query.where('type', '=', q.type);
    if (q.subjectId) query = query.where('subject_id', '=', q.subjectId);
    if (q.before) {
      const b = q.before;
      query = query.where((eb) =>
        eb.or([eb('created_at', '<', b.created_at), eb.and([eb('created_at', '=', b.created_at), eb('id', '<', b.id)])]),
      );
    }
    return query.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(q.limit).execute() as Promise<EventRow[]>;
  }

  findEvent(accountId: string, id: string) {
    return this.db
      .selectFrom('webhook_events')
      .select(['id', 'account_id', 'type', 'subject_id', 'sequence', 'body', 'created_at'])
      .where('account_id', '=', accountId)
      .where('id', '=', id)
      .executeTakeFirst() as Promise<EventRow | undefined>;
  }

  // ------------------------------------------------------------------ deliveries and attempts

  deliveriesOfEvents(accountId: string, eventIds: string[]) {
    if (eventIds.length === 0) return Promise.resolve([] as DeliveryRow[]);
    return this.db
      .selectFrom('webhook_deliveries')
      .select(DELIVERY_COLUMNS)
      .where('account_id', '=', accountId)
      .where('event_id', 'in', eventIds)
      .orderBy('created_at')
      .orderBy('id')
      .execute() as Promise<DeliveryRow[]>;
  }

  deliveriesOfEndpoint(accountId: string, endpointId: string, q: { status?: string; limit: number }) {
    let query = this.db
      .selectFrom('webhook_deliveries')
      .select(DELIVERY_COLUMNS)
      .where('account_id', '=', accountId)
      .where('endpoint_id', '=', endpointId);
    if (q.status) query = query.where('status', '=', q.status as DeliveryRow['status']);
    return query.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(q.limit).execute() as Promise<DeliveryRow[]>;
  }

  findDelivery(accountId: string, id: string) {
    return this.db
      .selectFrom('webhook_deliveries')
      .select(DELIVERY_COLUMNS)
      .where('account_id', '=', accountId)
      .where('id', '=', id)
      .executeTakeFirst() as Promise<DeliveryRow | undefined>;
  }

  attempts(accountId: string, deliveryId: string) {
    return this.db
      .selectFrom('webhook_attempts')
      .select(['attempt', 'status_code', 'latency_ms', 'error', 'attempted_at'])
      .where('account_id', '=', accountId)
      .where('delivery_id', '=', deliveryId)
      .orderBy('attempt')
      .orderBy('id')
      .execute();
  }

  /** Counts of deliveries by status (for /metrics and operators). */
  async countsByStatus(): Promise<Record<'pending' | 'delivered' | 'dead', number>> {
    const rows = await this.db
      .selectFrom('webhook_deliveries')
      .select(['status', sql<string>`count(*)`.as('n')])
      .groupBy('status')
      .execute();
    const out = { pending: 0, delivered: 0, dead: 0 };
    for (const r of rows) out[r.status] = Number(r.n);
    return out;
  }

  // ------------------------------------------------------------------ the dispatcher's queue

  /**
   * Claims due deliveries of enabled endpoints, oldest due first, at most `perEndpoint` per endpoint less
   * what this process already has in flight for it (`inflight`). The claim is a lease: the row stays
   * pending, and a process that dies with it simply lets the lease run out. The lease is re-checked under
   * the row lock, so two claimers never take the same row.
   */
  async claim(now: Date, leaseUntil: Date, limit: number, perEndpoint: number, inflight: Map<string, number>): Promise<ClaimedDelivery[]> {
    const busy = inflight.size
      ? sql`left join (values ${sql.join([...inflight].map(([id, n]) => sql`(${id}::text, ${n}::int)`))}) as f(id, n) on f.id = e.id`
      : sql`left join (select null::text as id, 0 as n) as f on false`;
    // Per enabled endpoint, its oldest due deliveries through the (endpoint, due time) index, then the
    // oldest of those overall: the cost follows the endpoints and the batch, not the backlog.
    const r = await sql<ClaimedDelivery>`
      update webhook_deliveries d set lease_until = ${leaseUntil}
      from (
        select x.id from webhook_endpoints e ${busy} cross join lateral (
          select q.id, q.next_attempt_at, row_number() over (order by q.next_attempt_at, q.id) as rn from webhook_deliveries q
          where q.endpoint_id = e.id and q.status = 'pending' and q.next_attempt_at <= ${now} and (q.lease_until is null or q.lease_until < ${now})
          order by q.next_attempt_at, q.id limit ${perEndpoint}
        ) x
        where e.enabled and e.deleted_at is null and x.rn <= ${perEndpoint} - coalesce(f.n, 0)
        order by x.next_attempt_at, x.id limit ${limit}
      ) c, webhook_endpoints e, webhook_events ev
      where d.id = c.id and e.id = d.endpoint_id and ev.id = d.event_id
        and d.status = 'pending' and (d.lease_until is null or d.lease_until < ${now})
      returning d.id, d.account_id, d.attempts, d.endpoint_id, e.url, e.secret_enc, ev.id as event_id, ev.type as event_type, ev.body`.execute(
      this.db,
    );
    return r.rows;
  }

  /** A process that owns its store alone (embedded) drops the leases a killed run left, instead of waiting them out. */
  async releaseAllLeases() {
    await this.db
      .updateTable('webhook_deliveries')
      .set({ lease_until: null })
      .where('status', '=', 'pending')
      .where('lease_until', 'is not', null)
      .execute();
  }

  /** Writes a batch of attempts and their deliveries' new state in one transaction; 410s disable their endpoints. */
  async record(batch: AttemptRecord[]) {
    if (batch.length === 0) return;
    await this.transaction(async (trx) => {
      await trx
        .insertInto('webhook_attempts')
        .values(
          batch.map((a) => ({
            delivery_id: a.deliveryId,
            account_id: a.accountId,
            attempt: a.attempt,
            status_code: a.statusCode,
            latency_ms: a.latencyMs,
            error: a.error,
            attempted_at: a.at,
          })),
        )
        .execute();
      const values = sql.join(
        batch.map(
          (a) => sql`(${a.deliveryId}::text, ${a.status}::text, ${a.attempt}::int, ${a.nextAttemptAt}::timestamptz,
        ${a.statusCode}::int, ${a.error}::text, ${a.status === 'pending' ? null : a.at}::timestamptz)`,
        ),
      );
      await sql`update webhook_deliveries d set status = v.status, attempts = v.attempts, next_attempt_at = v.next_at, lease_until = null,
          last_status_code = v.code, last_error = v.error, completed_at = v.completed
        from (values ${values}) as v(id, status, attempts, next_at, code, error, completed)
        where d.id = v.id and d.status = 'pending'`.execute(trx);
      const gone = [...new Set(batch.filter((a) => a.disableEndpoint).map((a) => a.endpointId))];
      if (gone.length) {
        await trx
          .updateTable('webhook_endpoints')
          .set({ enabled: false, disabled_reason: 'gone', updated_at: batch[0].at })
          .where('id', 'in', gone)
          .where('enabled', '=', true)
          .execute();
      }
    });
  }
}
