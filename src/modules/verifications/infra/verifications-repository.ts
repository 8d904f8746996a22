import { sql } from 'kysely';
import { type Database, Repository } from '../../../platform/db/index.ts';
import { LABEL_STEP } from '../domain/fraud-labels.ts';
import type { Verification } from '../domain/verification.ts';

const COLUMNS = [
  'id',
  'account_id',
  'program_id',
  'segment',
  'sub_segment',
  'current_step',
  'locale',
  'country',
  'test_mode',
  'tracking_id',
  'error_ids',
  'system_error_message',
  'reward_code',
  'organization_id',
  'organization_name',
  'person_id',
  'version',
  'created_at',
  'updated_at',
  'doc_attempts',
  'rejections',
  'pending_since',
  'auto_decision',
  'auto_decide_at',
  'override_attempts',
  'approved_by',
  'challenge_hash',
  'challenge_expires_at',
  'challenge_attempts',
  'loop_sends',
  'error_detail_ids',
] as const;

type Row = {
  id: string;
  account_id: string;
  program_id: string;
  segment: string;
  sub_segment: string | null;
  current_step: string;
  locale: string;
  country: string;
  test_mode: boolean;
  tracking_id: string | null;
  error_ids: string[];
  system_error_message: string | null;
  reward_code: string | null;
  organization_id: number | null;
  organization_name: string | null;
  person_id: string | null;
  version: number;
  created_at: Date;
  updated_at: Date;
  doc_attempts: number;
  rejections: string[][];
  pending_since: Date | null;
  auto_decision: string | null;
  auto_decide_at: Date | null;
  override_attempts: number;
  approved_by: string | null;
  challenge_hash: string | null;
  challenge_expires_at: Date | null;
  challenge_attempts: number;
  loop_sends: number;
  error_detail_ids: string[];
};

const toVerification = (r: Row): Verification => ({
  id: r.id,
  accountId: r.account_id,
  programId: r.program_id,
  segment: r.segment,
  subSegment: r.sub_segment,
  currentStep: r.current_step,
  locale: r.locale,
  country: r.country,
  testMode: r.test_mode,
  trackingId: r.tracking_id,
  errorIds: r.error_ids,
  systemErrorMessage: r.system_error_message,
  rewardCode: r.reward_code,
  organizationId: r.organization_id,
  organizationName: r.organization_name,
  personId: r.person_id,
  version: r.version,
  created: r.created_at,
  updated: r.updated_at,
  docAttempts: r.doc_attempts,
  rejections: r.rejections,
  pendingSince: r.pending_since,
  autoDecision: r.auto_decision,
  autoDecideAt: r.auto_decide_at,
  overrideAttempts: r.override_attempts,
  approvedBy: r.approved_by,
  challengeHash: r.challenge_hash,
  challengeExpiresAt: r.challenge_expires_at,
  challengeAttempts: r.challenge_attempts,
  loopSends: r.loop_sends,
  errorDetailIds: r.error_detail_ids,
});

/** What is stored beside the engine's view: encrypted PII and request facts. */
export interface VerificationRecord {
  metadataEnc: string | null;
  personEnc: string | null;
  clientIpEnc: string | null;
  userAgent: string | null;
  createdByToken: string | null;
}

/** The state a step moves a verification to. */
export type VerificationPatch = Partial<
  Pick<
    Verification,
    | 'currentStep'
    | 'subSegment'
    | 'errorIds'
    | 'systemErrorMessage'
    | 'rewardCode'
    | 'organizationId'
    | 'organizationName'
    | 'personId'
    | 'docAttempts'
    | 'rejections'
    | 'pendingSince'
    | 'autoDecision'
    | 'autoDecideAt'
    | 'overrideAttempts'
    | 'approvedBy'
    | 'challengeHash'
    | 'challengeExpiresAt'
    | 'challengeAttempts'
    | 'loopSends'
    | 'errorDetailIds'
  >
> & { personEnc?: string; metadataEnc?: string | null };

/** The row of a new verification. */
const newRow = (v: Verification, record: VerificationRecord) => ({
  id: v.id,
  account_id: v.accountId,
  program_id: v.programId,
  segment: v.segment,
  sub_segment: v.subSegment,
  current_step: v.currentStep,
  locale: v.locale,
  country: v.country,
  test_mode: v.testMode,
  tracking_id: v.trackingId,
  error_ids: JSON.stringify(v.errorIds),
  system_error_message: v.systemErrorMessage,
  reward_code: v.rewardCode,
  metadata_enc: record.metadataEnc,
  person_enc: record.personEnc,
  client_ip_enc: record.clientIpEnc,
  user_agent: record.userAgent,
  created_by_token: record.createdByToken,
  challenge_hash: v.challengeHash,
  challenge_expires_at: v.challengeExpiresAt,
  version: v.version,
  created_at: v.created,
  updated_at: v.updated,
});

/** The state after a move: the patch applied, the version one more. */
export const stateAfter = (v: Verification, patch: VerificationPatch, now: Date): Verification => ({
  ...v,
  ...stripRecord(patch),
  version: v.version + 1,
  updated: now,
});

/** The columns a move writes, from the state after it (`patch` adds the encrypted fields it replaces). */
const changedRow = (next: Verification, patch: VerificationPatch, now: Date) => ({
  current_step: next.currentStep,
  sub_segment: next.subSegment,
  error_ids: JSON.stringify(next.errorIds),
  system_error_message: next.systemErrorMessage,
  reward_code: next.rewardCode,
  organization_id: next.organizationId,
  organization_name: next.organizationName,
  person_id: next.personId,
  version: next.version,
  updated_at: now,
  doc_attempts: next.docAttempts,
  rejections: JSON.stringify(next.rejections),
  pending_since: next.pendingSince,
  auto_decision: next.autoDecision,
  auto_decide_at: next.autoDecideAt,
  override_attempts: next.overrideAttempts,
  approved_by: next.approvedBy,
  challenge_hash: next.challengeHash,
  challenge_expires_at: next.challengeExpiresAt,
  challenge_attempts: next.challengeAttempts,
  loop_sends: next.loopSends,
  error_detail_ids: JSON.stringify(next.errorDetailIds),
  ...(patch.personEnc !== undefined ? { person_enc: patch.personEnc } : {}),
  ...(patch.metadataEnc !== undefined ? { metadata_enc: patch.metadataEnc } : {}),
});

export class VerificationsRepository extends Repository {
  /**
   * Inserts a new verification and its first response. With `also` (its webhook event), all in one
   * transaction; without, in one statement (the row and its step by a data-modifying WITH), so the common
   * create costs one round trip.
   */
  async insert(v: Verification, record: VerificationRecord, response: object, also?: (trx: Database) => Promise<void>) {
    const row = newRow(v, record);
    if (!also) {
      await this.db
        .with('v', (db) => db.insertInto('verifications').values(row).returning(['id', 'account_id', 'current_step']))
        .insertInto('verification_steps')
        .columns(['verification_id', 'account_id', 'step', 'response'])
        .expression((eb) =>
          eb.selectFrom('v').select(['id', 'account_id', 'current_step', sql<string>`${JSON.stringify(response)}::jsonb`.as('response')]),
        )
        .execute();
      return;
    }
    await this.transaction(async (trx) => {
      await trx.insertInto('verifications').values(row).execute();
      await this.recordStep(trx, v, response);
      await also(trx);
    });
  }

  async findById(id: string, exec: Database = this.db, lock = false): Promise<Verification | undefined> {
    let q = exec.selectFrom('verifications').select(COLUMNS).where('id', '=', id);
    if (lock) q = q.forUpdate();
    const r = await q.executeTakeFirst();
    return r && toVerification(r as Row);
  }

  async findLatestByTrackingId(programId: string, trackingId: string): Promise<Verification | undefined> {
    const r = await this.db
      .selectFrom('verifications')
      .select(COLUMNS)
      .where('program_id', '=', programId)
      .where('tracking_id', '=', trackingId)
      .orderBy('created_at', 'desc')
      .limit(1)
      .executeTakeFirst();
    return r && toVerification(r as Row);
  }

  /** The program's most recent verifications for a tracking id, newest first. */
  async findByTrackingId(programId: string, trackingId: string, limit: number): Promise<Verification[]> {
    const rows = await this.db
      .selectFrom('verifications')
      .select(COLUMNS)
      .where('program_id', '=', programId)
      .where('tracking_id', '=', trackingId)
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .limit(limit)
      .execute();
    return rows.map((r) => toVerification(r as Row));
  }

  /**
   * Verifications started before `before` that still wait for their person (not finished, not awaiting a
   * reviewer), oldest first: those the expiry sweep ends.
   */
  async findAbandoned(before: Date, limit: number): Promise<Verification[]> {
    const rows = await this.db
      .selectFrom('verifications')
      .select(COLUMNS)
      .where('current_step', 'not in', ['success', 'error', 'consolation', 'pending'])
      .where('created_at', '<', before)
      .orderBy('created_at', 'asc')
      .orderBy('id', 'asc')
      .limit(limit)
      .execute();
    return rows.map((r) => toVerification(r as Row));
  }

  /**
   * Unfinished verifications started between `after` and `before` that no reminder was told of yet (not
   * finished, not awaiting a reviewer), oldest first.
   */
  async findUnreminded(after: Date, before: Date, limit: number): Promise<Verification[]> {
    const rows = await this.db
      .selectFrom('verifications')
      .select(COLUMNS)
      .where('reminded_at', 'is', null)
      .where('current_step', 'not in', ['success', 'error', 'consolation', 'pending'])
      .where('created_at', '<', before)
      .where('created_at', '>=', after)
      .orderBy('created_at', 'asc')
      .orderBy('id', 'asc')
      .limit(limit)
      .execute();
    return rows.map((r) => toVerification(r as Row));
  }

  /** Marks the reminder told, once: false when another process told it first. */
  async claimReminder(exec: Database, id: string, now: Date): Promise<boolean> {
    const r = await exec
      .updateTable('verifications')
      .set({ reminded_at: now })
      .where('id', '=', id)
      .where('reminded_at', 'is', null)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  }

  /** Replaces the stored metadata under the row lock (a step merging into it waits); the state does not move. */
  async replaceMetadata(accountId: string, id: string, metadataEnc: string | null) {
    await this.transaction(async (trx) => {
      await trx.selectFrom('verifications').select('id').where('id', '=', id).where('account_id', '=', accountId).forUpdate().execute();
      await trx
        .updateTable('verifications')
        .set({ metadata_enc: metadataEnc })
        .where('id', '=', id)
        .where('account_id', '=', accountId)
        .execute();
    });
  }

  /**
   * Erases what identifies the person from a verification and from the re-verifications made of it (which
   * hold copies): the person, the metadata, the client's IP and user agent, the person id, and the comments
   * of its fraud labels. What the verification was and how it ended stay.
   */
  async erasePersonData(exec: Database, accountId: string, id: string) {
    await exec
      .updateTable('verifications')
      .set({ person_enc: null, metadata_enc: null, client_ip_enc: null, user_agent: null, person_id: null })
      .where('account_id', '=', accountId)
      .where((eb) => eb.or([eb('id', '=', id), eb('reverify_of', '=', id)]))
      .execute();
    await exec
      .updateTable('verification_steps')
      .set({ response: sql`response || '{"commentEnc": null}'::jsonb` })
      .where('account_id', '=', accountId)
      .where('verification_id', '=', id)
      .where('step', '=', LABEL_STEP)
      .execute();
  }

  /** Records a fraud label beside the verification's responses (see LABEL_STEP). */
  async addLabel(accountId: string, id: string, label: { label: string; commentEnc: string | null; labeledBy: string }) {
    await this.db
      .insertInto('verification_steps')
      .values({ verification_id: id, account_id: accountId, step: LABEL_STEP, response: JSON.stringify(label) })
      .execute();
  }

  /** Records a reviewer's decision on an attempt; false when the attempt already has one (never overwritten). */
  async insertReviewDecision(
    exec: Database,
    row: {
      account_id: string;
      verification_id: string;
      attempt: number;
      decision: 'APPROVE' | 'REJECT';
      rejection_reasons: string[];
      decided_by: string;
    },
  ) {
    const r = await exec
      .insertInto('review_decisions')
      .values({ ...row, rejection_reasons: JSON.stringify(row.rejection_reasons) })
      .onConflict((oc) => oc.columns(['verification_id', 'attempt']).doNothing())
      .executeTakeFirst();
    return Number(r.numInsertedOrUpdatedRows ?? 0) === 1;
  }

  /** What a re-verification starts from: the program's verifications among `ids`. */
  originalsForReverify(accountId: string, programId: string, ids: string[]) {
    return this.db
      .selectFrom('verifications')
      .select(['id', 'segment', 'sub_segment', 'tracking_id', 'person_enc'])
      .where('program_id', '=', programId)
      .where('account_id', '=', accountId)
      .where('id', 'in', ids.length ? ids : ['-'])
      .execute();
  }

  /** Verifications awaiting review in an account, longest waiting first. */
  async listPending(accountId: string, limit: number) {
    const rows = await this.db
      .selectFrom('verifications')
      .select([...COLUMNS, 'person_enc'])
      .where('account_id', '=', accountId)
      .where('current_step', '=', 'pending')
      .orderBy('pending_since')
      .orderBy('id')
      .limit(limit)
      .execute();
    return rows.map((r) => ({ verification: toVerification(r as unknown as Row), personEnc: r.person_enc }));
  }

  findSecrets(accountId: string, id: string) {
    return this.db
      .selectFrom('verifications')
      .select(['person_enc', 'metadata_enc', 'client_ip_enc', 'user_agent'])
      .where('account_id', '=', accountId)
      .where('id', '=', id)
      .executeTakeFirst();
  }

  stepResponses(accountId: string, id: string) {
    return this.db
      .selectFrom('verification_steps')
      .select(['step', 'response', 'created_at'])
      .where('account_id', '=', accountId)
      .where('verification_id', '=', id)
      .orderBy('id')
      .execute();
  }

  /** Writes the new state and records its response; the caller holds the row lock. */
  async update(exec: Database, v: Verification, patch: VerificationPatch, now: Date): Promise<Verification> {
    const next = stateAfter(v, patch, now);
    await exec
      .updateTable('verifications')
      .set(changedRow(next, patch, now))
      .where('id', '=', v.id)
      .execute();
    return next;
  }

  /**
   * The move from `v` to `next` (its version one more) and the record of its response, in one statement:
   * applied only if the row is still at `v`'s version, else nothing is written and false is returned. For a
   * move that needs nothing else in its transaction.
   */
  async updateIfUnchanged(v: Verification, patch: VerificationPatch, next: Verification, response: object): Promise<boolean> {
    const r = await this.db
      .with('u', (db) =>
        db
          .updateTable('verifications')
          .set(changedRow(next, patch, next.updated))
          .where('id', '=', v.id)
          .where('version', '=', v.version)
          .returning(['id', 'account_id', 'current_step']),
      )
      .insertInto('verification_steps')
      .columns(['verification_id', 'account_id', 'step', 'response'])
      .expression((eb) =>
        eb.selectFrom('u').select(['id', 'account_id', 'current_step', sql<string>`${JSON.stringify(response)}::jsonb`.as('response')]),
      )
      .executeTakeFirst();
    return Number(r.numInsertedOrUpdatedRows ?? 0) === 1;
  }

  async recordStep(exec: Database, v: Verification, response: object) {
    await exec
      .insertInto('verification_steps')
      .values({
        verification_id: v.id,
        account_id: v.accountId,
        step: v.currentStep,
        response: JSON.stringify(response),
      })
      .execute();
  }
}

function stripRecord(patch: VerificationPatch): Partial<Verification> {
  const { personEnc: _p, metadataEnc: _m, ...rest } = patch;
  return rest;
}
