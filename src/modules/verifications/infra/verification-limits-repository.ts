import { ChangeNotices, type Database, Repository } from '../../../platform/db/index.ts';
import { PROGRAM_LIMITS } from '../../programs/index.ts';

/**
 * What the same-person verification limit reads and writes: the program's limit (set through the programs
 * module's routes) and the verifications counted against it, one row per verification, by person digest.
 */
export class VerificationLimitsRepository extends Repository {
  /** The program's limit, through the read cache (the person step of every flow asks; limits rarely change). */
  async limitOf(programId: string): Promise<{ quantity: number; days: number } | undefined> {
    return ChangeNotices.of(this.db)
      .cache<{ quantity: number; days: number } | undefined>(PROGRAM_LIMITS)
      .get(programId, () =>
        this.db
          .selectFrom('program_verification_limits')
          .select(['quantity', 'days'])
          .where('program_id', '=', programId)
          .executeTakeFirst(),
      );
  }

  /** How many other verifications of the program the person made since `since`. */
  async countSince(programId: string, personKey: string, since: Date, exceptVerificationId: string): Promise<number> {
    const r = await this.db
      .selectFrom('verification_limit_marks')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('program_id', '=', programId)
      .where('person_key', '=', personKey)
      .where('created_at', '>=', since)
      .where('verification_id', '<>', exceptVerificationId)
      .executeTakeFirstOrThrow();
    return Number(r.n);
  }

  /** Counts the verification (once: a later person step of the same verification keeps the first count). */
  async mark(verificationId: string, programId: string, personKey: string, now: Date, exec: Database = this.db): Promise<void> {
    await exec
      .insertInto('verification_limit_marks')
      .values({ verification_id: verificationId, program_id: programId, person_key: personKey, created_at: now })
      .onConflict((oc) => oc.column('verification_id').doUpdateSet({ person_key: personKey }))
      .execute();
  }

  /** Forgets that this verification was counted: its keyed digest still names the person (a purge removes it). */
  async forgetVerification(verificationId: string, exec: Database = this.db): Promise<void> {
    await exec.deleteFrom('verification_limit_marks').where('verification_id', '=', verificationId).execute();
  }

  /** Forgets every counted verification of the person that `verificationId` was made by, in its program. */
  async resetPersonOf(verificationId: string): Promise<void> {
    const mark = await this.db
      .selectFrom('verification_limit_marks')
      .select(['program_id', 'person_key'])
      .where('verification_id', '=', verificationId)
      .executeTakeFirst();
    if (!mark) return;
    await this.db
      .deleteFrom('verification_limit_marks')
      .where('program_id', '=', mark.program_id)
      .where('person_key', '=', mark.person_key)
      .execute();
  }
}
