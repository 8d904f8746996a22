import { sql } from 'kysely';
import { ChangeNotices, type Database, Repository } from '../../../platform/db/index.ts';
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

/**
 * How long a program read by id is served from memory. Every verification step and theme reads its program;
 * this process's own changes drop the copy at once, another process's show within this time.
 */
/** The read cache of programs by id (see ChangeNotices): the end-user flow reads its program on every request. */
const PROGRAMS = 'programs';
/** The read cache of programs' same-person verification limits, by program id. */
export const PROGRAM_LIMITS = 'program-limits';

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

/** Programs and their reward-code pools. */
export class ProgramsRepository extends Repository {
  /** The programs' same-person verification limits, on the same database. */
  verificationLimits(): VerificationLimitsSettings {
    return new VerificationLimitsSettings(this.db);
  }

  async insert(p: Program) {
    ChangeNotices.of(this.db).changed(PROGRAMS, p.id);
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

  /**
   * A program by id alone: the end-user flow reaches programs without a token, by their id. Outside a
   * transaction it is served from the read cache (frozen: shared by every request that reads it); inside
   * one, always read.
   */
  async findById(id: string, exec: Database = this.db): Promise<Program | undefined> {
    const read = async () => {
      const r = await exec
        .selectFrom('programs')
        .select(['id', 'account_id', 'name', 'segment', 'test_mode', 'config', 'created_at'])
        .where('id', '=', id)
        .executeTakeFirst();
      return r && deepFreeze(toProgram(r));
    };
    return exec === this.db ? ChangeNotices.of(this.db).cache<Program | undefined>(PROGRAMS).get(id, read) : read();
  }

  /** A program of the account, its row locked until `exec` (a transaction) ends: for a change made from what it holds. */
  async lockInAccount(exec: Database, accountId: string, id: string): Promise<Program | undefined> {
    const r = await exec
      .selectFrom('programs')
      .select(['id', 'account_id', 'name', 'segment', 'test_mode', 'config', 'created_at'])
      .where('id', '=', id)
      .where('account_id', '=', accountId)
      .forUpdate()
      .executeTakeFirst();
    return r && toProgram(r);
  }

  /** Writes a program's name, mode and config (its id, account, segment and creation stay). */
  async update(p: Program, exec: Database = this.db) {
    ChangeNotices.of(this.db).changed(PROGRAMS, p.id);
    await exec
      .updateTable('programs')
      .set({ name: p.name, test_mode: p.testMode, config: JSON.stringify(p.config) })
      .where('id', '=', p.id)
      .where('account_id', '=', p.accountId)
      .execute();
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
    await this.transaction(async (trx) => {
      for (let i = 0; i < codes.length; i += 1000) {
        const chunk = codes.slice(i, i + 1000).map((code) => ({ account_id: accountId, program_id: programId, code }));
        const r = await trx
          .insertInto('reward_codes')
          .values(chunk)
          .onConflict((oc) => oc.columns(['program_id', 'code']).doNothing())
          .executeTakeFirst();
        added += Number(r.numInsertedOrUpdatedRows ?? 0);
      }
      await this.rearmLowStock(trx, programId);
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
    const code = rows[0]?.code;
    if (code !== undefined) await this.markLowStock(exec, programId, now);
    return code;
  }

  /**
   * The low-stock warning's trigger, in the claim's transaction: a program whose free codes are now at or
   * below its threshold, and not yet warned, is marked (once; the console's sweep mails it).
   */
  private async markLowStock(exec: Database, programId: string, now: Date) {
    await sql`
      update reward_code_alerts set warned_at = ${now}
      where program_id = ${programId} and warned_at is null
        and threshold >= (select count(*) from reward_codes where program_id = ${programId} and verification_id is null)`.execute(exec);
  }

  /** A program's low-stock threshold (null: none), and whether its warning is pending or sent. */
  async lowStockAlert(programId: string): Promise<LowStockAlert | null> {
    const { rows } = await sql<LowStockAlert>`
      select threshold, warned_at as "warnedAt", mailed_at as "mailedAt" from reward_code_alerts where program_id = ${programId}`.execute(
      this.db,
    );
    return rows[0] ?? null;
  }

  /**
   * Sets (or, with null, removes) a program's low-stock threshold; the warning is armed again, or marked at
   * once when the pool is already at or below it (and was not warned of yet).
   */
  async setLowStockThreshold(accountId: string, programId: string, threshold: number | null, now: Date) {
    await this.transaction(async (trx) => {
      if (threshold === null) {
        await sql`delete from reward_code_alerts where program_id = ${programId}`.execute(trx);
        return;
      }
      await sql`
        insert into reward_code_alerts (program_id, account_id, threshold) values (${programId}, ${accountId}, ${threshold})
        on conflict (program_id) do update set threshold = excluded.threshold`.execute(trx);
      await this.rearmLowStock(trx, programId);
      await this.markLowStock(trx, programId, now);
    });
  }

  /** Clears the warning of a program whose pool is above its threshold again (after an upload), so the next fall warns. */
  private async rearmLowStock(exec: Database, programId: string) {
    await sql`
      update reward_code_alerts set warned_at = null, mailed_at = null
      where program_id = ${programId}
        and threshold < (select count(*) from reward_codes where program_id = ${programId} and verification_id is null)`.execute(exec);
  }

  /**
   * Takes up to `limit` warnings due (marked, not mailed), marking them mailed in the same statement, so
   * that two processes never mail the same one. `release` puts one back when its mail could not be sent.
   */
  async takeLowStockWarnings(now: Date, limit = 20): Promise<{ programId: string; accountId: string; threshold: number }[]> {
    const { rows } = await sql<{ programId: string; accountId: string; threshold: number }>`
      update reward_code_alerts set mailed_at = ${now}
      where program_id in (select program_id from reward_code_alerts where warned_at is not null and mailed_at is null
                           order by warned_at limit ${limit} for update skip locked)
      returning program_id as "programId", account_id as "accountId", threshold`.execute(this.db);
    return rows;
  }

  async releaseLowStockWarning(programId: string) {
    await sql`update reward_code_alerts set mailed_at = null where program_id = ${programId}`.execute(this.db);
  }
}

/** A program's low-stock warning for its reward codes. */
export interface LowStockAlert {
  threshold: number;
  /** When a claim left the pool at or below the threshold; null while above it. */
  warnedAt: Date | null;
  /** When the account was mailed about it. */
  mailedAt: Date | null;
}

/** A program's same-person verification limit: at most `quantity` verifications per person within `days`. */
export interface VerificationLimit {
  quantity: number;
  days: number;
}

/** The programs' same-person verification limits (one per program). */
export class VerificationLimitsSettings extends Repository {
  /** Stores the limit; false when the program already has one (it is deleted first, as SheerID asks). */
  async insert(accountId: string, programId: string, limit: VerificationLimit, now: Date): Promise<boolean> {
    ChangeNotices.of(this.db).changed(PROGRAM_LIMITS, programId);
    const r = await this.db
      .insertInto('program_verification_limits')
      .values({ program_id: programId, account_id: accountId, quantity: limit.quantity, days: limit.days, created_at: now })
      .onConflict((oc) => oc.column('program_id').doNothing())
      .executeTakeFirst();
    return Number(r.numInsertedOrUpdatedRows ?? 0) > 0;
  }

  async remove(accountId: string, programId: string): Promise<void> {
    ChangeNotices.of(this.db).changed(PROGRAM_LIMITS, programId);
    await this.db
      .deleteFrom('program_verification_limits')
      .where('account_id', '=', accountId)
      .where('program_id', '=', programId)
      .execute();
  }
}
