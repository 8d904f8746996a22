import { sql } from 'kysely';
import type { Database } from '../../../platform/db/index.ts';
import type { Program, ProgramConfig } from '../domain/program.ts';

type Row = { id: string; account_id: string; name: string; segment: string; test_mode: boolean; config: unknown; created_at: Date };
const toProgram = (r: Row): Program => ({
  id: r.id,
  accountId: r.account_id,
  name: r.name,
  segment: r.segment,
  testMode: r.test_mode,
  config: r.config as ProgramConfig,
  created: r.created_at,
});

/** Programs and their reward-code pools. */
export class ProgramsRepository {
  constructor(private readonly db: Database) {}

  async insert(p: Program) {
    await this.db
      .insertInto('programs')
      .values({
        id: p.id,
        account_id: p.accountId,
        name: p.name,
        segment: p.segment,
        test_mode: p.testMode,
        config: JSON.stringify(p.config),
      })
      .execute();
  }

  /** A program by id alone: the end-user flow reaches programs without a token, by their id. */
  async findById(id: string, exec: Database = this.db): Promise<Program | undefined> {
    const r = await exec
      .selectFrom('programs')
      .select(['id', 'account_id', 'name', 'segment', 'test_mode', 'config', 'created_at'])
      .where('id', '=', id)
      .executeTakeFirst();
    return r && toProgram(r);
  }

  async findInAccount(accountId: string, id: string): Promise<Program | undefined> {
    const p = await this.findById(id);
    return p && p.accountId === accountId ? p : undefined;
  }

  async findByName(accountId: string, name: string): Promise<Program | undefined> {
    const r = await this.db
      .selectFrom('programs')
      .select(['id', 'account_id', 'name', 'segment', 'test_mode', 'config', 'created_at'])
      .where('account_id', '=', accountId)
      .where('name', '=', name)
      .executeTakeFirst();
    return r && toProgram(r);
  }

  async list(accountId: string): Promise<Program[]> {
    const rows = await this.db
      .selectFrom('programs')
      .select(['id', 'account_id', 'name', 'segment', 'test_mode', 'config', 'created_at'])
      .where('account_id', '=', accountId)
      .orderBy('created_at')
      .execute();
    return rows.map(toProgram);
  }

  /** Adds codes to a program's pool; codes already in the pool are skipped. Returns how many were new. */
  async addRewardCodes(accountId: string, programId: string, codes: string[]): Promise<number> {
    let added = 0;
    await this.db.transaction().execute(async (trx) => {
      for (let i = 0; i < codes.length; i += 1000) {
        const chunk = codes.slice(i, i + 1000).map((code) => ({ account_id: accountId, program_id: programId, code }));
        const r = await trx
          .insertInto('reward_codes')
          .values(chunk)
          .onConflict((oc) => oc.columns(['program_id', 'code']).doNothing())
          .executeTakeFirst();
        added += Number(r.numInsertedOrUpdatedRows ?? 0);
      }
    });
    return added;
  }

  async remainingRewardCodes(programId: string): Promise<number> {
    const r = await this.db
      .selectFrom('reward_codes')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('program_id', '=', programId)
      .where('verification_id', 'is', null)
      .executeTakeFirstOrThrow();
    return Number(r.n);
  }

  /**
   * Hands one free code to a verification, atomically: concurrent claimers skip rows another transaction
   * holds, so no code is ever handed out twice. Undefined when the pool is empty.
   */
  async claimRewardCode(exec: Database, programId: string, verificationId: string, now: Date): Promise<string | undefined> {
    const { rows } = await sql<{ code: string }>`
      update reward_codes set verification_id = ${verificationId}, assigned_at = ${now}
      where id = (select id from reward_codes where program_id = ${programId} and verification_id is null
                  order by id limit 1 for update skip locked)
      returning code`.execute(exec);
    return rows[0]?.code;
  }
}
