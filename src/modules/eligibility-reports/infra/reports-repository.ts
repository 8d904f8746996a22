import { sql } from 'kysely';
import { type Database, Repository } from '../../../platform/db/index.ts';

/** What one report row is built from: the verification, and for re-verifications the new outcome. */
export interface SourceRow {
  request_id: string;
  created_at: Date | null;
  current_step: string | null;
  error_ids: string[] | null;
  outcome: string | null;
  person_enc: string | null;
  metadata_enc: string | null;
  client_ip_enc: string | null;
  person_id: string | null;
  organization_id: number | null;
  organization_name: string | null;
  test_mode: boolean | null;
  segment: string | null;
  sub_segment: string | null;
  doc_attempts: number | null;
  cursor_position: number | null;
  cursor_id: string | null;
  program_id: string | null;
  conversion_amount: string | null;
  conversion_currency: string | null;
}

/** The conversions of verification `id`, totalled per currency (amounts and currencies in the same order). */
const conversionTotals = (id: ReturnType<typeof sql.ref>) => ({
  amount: sql<
    string | null
  >`(select string_agg(t.total::text, ';' order by t.currency) from (select currency, sum(amount) as total from conversions where verification_id = ${id} group by currency) t)`,
  currency: sql<
    string | null
  >`(select string_agg(t.currency, ';' order by t.currency) from (select distinct currency from conversions where verification_id = ${id}) t)`,
});

export interface VerificationFilter {
  accountId: string;
  programIds: string[] | null;
  start: Date;
  end: Date;
  testModes: boolean[];
}

/** Reports and the pages of rows they stream; every query is scoped by the account. */
export class ReportsRepository extends Repository {
  async insert(
    exec: Database,
    row: {
      id: string;
      account_id: string;
      kind: 'reverify' | 'verification';
      batch_id: string | null;
      params: Record<string, unknown>;
      requester: string;
    },
  ) {
    await exec
      .insertInto('reports')
      .values({ ...row, params: JSON.stringify(row.params), status: 'PENDING' })
      .execute();
  }

  find(accountId: string, id: string) {
    return this.db.selectFrom('reports').selectAll().where('account_id', '=', accountId).where('id', '=', id).executeTakeFirst();
  }

  findById(id: string) {
    return this.db.selectFrom('reports').selectAll().where('id', '=', id).executeTakeFirst();
  }

  pendingForBatch(exec: Database, batchId: string) {
    return exec.selectFrom('reports').select('id').where('batch_id', '=', batchId).where('status', '=', 'PENDING').execute();
  }

  pending() {
    return this.db.selectFrom('reports').select('id').where('status', '=', 'PENDING').execute();
  }

  /** Marks a pending report complete; true when this call did it (so its completion is told once). */
  async complete(id: string, params: Record<string, unknown>, now: Date, exec: Database = this.db) {
    const r = await exec
      .updateTable('reports')
      .set({ status: 'COMPLETE', params: JSON.stringify(params), completed_at: now })
      .where('id', '=', id)
      .where('status', '=', 'PENDING')
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  }

  /** Marks a pending report failed (ERROR) with the reason the API shows; a finished report stays as it is. */
  async fail(id: string, reason: string, now: Date) {
    await this.db
      .updateTable('reports')
      .set({ status: 'ERROR', failure_reason: reason, completed_at: now })
      .where('id', '=', id)
      .where('status', '=', 'PENDING')
      .execute();
  }

  /** The requester as the report names it: the token's user (id and encrypted email) or the token itself. */
  requester(accountId: string, tokenId: string) {
    // A report asked for in the console: the principal's token id names the person's session.
    if (tokenId.startsWith('session:'))
      return this.db
        .selectFrom('user_sessions as s')
        .innerJoin('users', 'users.id', 's.user_id')
        .select([sql<string>`${tokenId}`.as('token_id'), sql<string | null>`null`.as('name'), 'users.id as user_id', 'users.email_enc'])
        .where('s.account_id', '=', accountId)
        .where('s.id', '=', tokenId.slice('session:'.length))
        .executeTakeFirst();
    return this.db
      .selectFrom('api_tokens')
      .leftJoin('users', 'users.id', 'api_tokens.user_id')
      .select(['api_tokens.id as token_id', 'api_tokens.name', 'users.id as user_id', 'users.email_enc'])
      .where('api_tokens.account_id', '=', accountId)
      .where('api_tokens.id', '=', tokenId)
      .executeTakeFirst();
  }

  /** A page of a re-verification batch, in request order, after `position`. */
  async reverifyPage(batchId: string, programId: string, after: number, limit: number): Promise<SourceRow[]> {
    const { rows } = await sql<SourceRow>`
      select r.verification_id as request_id, o.created_at, n.current_step, n.error_ids, r.outcome,
             o.person_enc, o.metadata_enc, o.client_ip_enc, o.person_id,
             coalesce(n.organization_id, o.organization_id) as organization_id,
             coalesce(n.organization_name, o.organization_name) as organization_name,
             o.test_mode, o.segment, o.sub_segment, o.doc_attempts, r.position as cursor_position, null as cursor_id, o.program_id,
             ${conversionTotals(sql.ref('o.id')).amount} as conversion_amount,
             ${conversionTotals(sql.ref('o.id')).currency} as conversion_currency
      from reverify_records r
      left join verifications o on o.id = r.verification_id and o.program_id = ${programId}
      left join verifications n on n.id = r.new_verification_id
      where r.batch_id = ${batchId} and r.position > ${after}
        -- positions are dense (0..n-1): bounding the range keeps each page an index range scan, even
        -- when the planner has no statistics yet on a batch just written
        and r.position <= ${after + limit}
      order by r.position limit ${limit}`.execute(this.db);
    return rows;
  }

  /** A page of an account's verifications in a date range, oldest first, after the (created, id) cursor. */
  async verificationPage(f: VerificationFilter, after: { created: Date; id: string } | null, limit: number): Promise<SourceRow[]> {
    let q = this.db
      .selectFrom('verifications')
      .select([
        'id as request_id',
        'created_at',
        'current_step',
        'error_ids',
        sql<null>`null`.as('outcome'),
        'person_enc',
        'metadata_enc',
        'client_ip_enc',
        'person_id',
        'organization_id',
        'organization_name',
        'test_mode',
        'segment',
        'sub_segment',
        'doc_attempts',
        sql<null>`null`.as('cursor_position'),
        'id as cursor_id',
        'program_id',
        conversionTotals(sql.ref('verifications.id')).amount.as('conversion_amount'),
        conversionTotals(sql.ref('verifications.id')).currency.as('conversion_currency'),
      ])
      .where('account_id', '=', f.accountId)
      .where('created_at', '>=', f.start)
      .where('created_at', '<=', f.end)
      .where('test_mode', 'in', f.testModes);
    if (f.programIds) q = q.where('program_id', 'in', f.programIds.length ? f.programIds : ['-']);
    if (after)
      q = q.where((eb) =>
        eb.or([eb('created_at', '>', after.created), eb.and([eb('created_at', '=', after.created), eb('id', '>', after.id)])]),
      );
    return (await q.orderBy('created_at').orderBy('id').limit(limit).execute()) as unknown as SourceRow[];
  }

  programName(accountId: string, programId: string) {
    return this.db.selectFrom('programs').select('name').where('account_id', '=', accountId).where('id', '=', programId).executeTakeFirst();
  }

  /** The encrypted metadata of the account's latest verifications (of those programs) that have some. */
  async latestMetadata(accountId: string, programIds: string[] | null, limit: number): Promise<string[]> {
    let q = this.db
      .selectFrom('verifications')
      .select('metadata_enc')
      .where('account_id', '=', accountId)
      .where('metadata_enc', 'is not', null);
    if (programIds) q = q.where('program_id', 'in', programIds.length ? programIds : ['-']);
    const rows = await q.orderBy('created_at', 'desc').limit(limit).execute();
    return rows.map((r) => r.metadata_enc!);
  }

  programNames(accountId: string) {
    return this.db.selectFrom('programs').select(['id', 'name']).where('account_id', '=', accountId).execute();
  }
}
