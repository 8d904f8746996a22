import { sql } from 'kysely';
import type { Database } from '../../../platform/db/index.ts';

export interface DocumentRow {
  id: string;
  account_id: string;
  verification_id: string;
  attempt: number;
  position: number;
  file_name_enc: string;
  mime_type: string;
  file_size: number;
  status: string;
  upload_expires_at: Date;
  uploaded_at: Date | null;
  sha256: string | null;
  blob_key: string | null;
  uploader_ip_hash: string | null;
  flags: string[];
  upload_claimed_at: Date | null;
}

const COLUMNS = [
  'id',
  'account_id',
  'verification_id',
  'attempt',
  'position',
  'file_name_enc',
  'mime_type',
  'file_size',
  'status',
  'upload_expires_at',
  'uploaded_at',
  'sha256',
  'blob_key',
  'uploader_ip_hash',
  'flags',
  'upload_claimed_at',
] as const;

/** Documents of verifications; reads by id always carry the verification (and so the account). */
export class DocumentsRepository {
  constructor(private readonly db: Database) {}

  /**
   * Replaces the not-yet-submitted documents of an attempt with a new declaration. Uploads of the earlier
   * one still running (or left running by a killed process) are cancelled too: their completion finds the
   * document replaced and keeps nothing.
   */
  async declare(
    verificationId: string,
    attempt: number,
    rows: (Omit<DocumentRow, 'uploaded_at' | 'sha256' | 'blob_key' | 'uploader_ip_hash' | 'flags' | 'upload_claimed_at'> & {
      upload_token_hash: string;
    })[],
  ) {
    return this.db.transaction().execute(async (trx) => {
      const replaced = await trx
        .updateTable('documents')
        .set({ status: 'CANCELLED', upload_token_hash: null, upload_claimed_at: null })
        .where('verification_id', '=', verificationId)
        .where('attempt', '=', attempt)
        .where('status', 'in', ['PENDING', 'UPLOADING', 'UPLOADED'])
        .returning(['blob_key'])
        .execute();
      await trx.insertInto('documents').values(rows).execute();
      return replaced.map((r) => r.blob_key).filter((k): k is string => k !== null);
    });
  }

  forAttempt(verificationId: string, attempt: number) {
    return this.db
      .selectFrom('documents')
      .select(COLUMNS)
      .where('verification_id', '=', verificationId)
      .where('attempt', '=', attempt)
      .where('status', '!=', 'CANCELLED')
      .orderBy('position')
      .execute() as Promise<DocumentRow[]>;
  }

  find(accountId: string, verificationId: string, id: string) {
    return this.db
      .selectFrom('documents')
      .select(COLUMNS)
      .where('account_id', '=', accountId)
      .where('verification_id', '=', verificationId)
      .where('id', '=', id)
      .executeTakeFirst() as Promise<DocumentRow | undefined>;
  }

  /**
   * Takes the upload slot of a live token for the request that claims it at `now`: only one request at a
   * time can be sending its bytes. `seen` is the row as the caller read it (a free slot, or a lapsed claim
   * to take over): the slot is taken only if no other request changed it since. False when one did.
   */
  async claimUpload(seen: DocumentRow, tokenHash: string, now: Date): Promise<boolean> {
    const r = await this.db
      .updateTable('documents')
      .set({ status: 'UPLOADING', upload_claimed_at: now })
      .where('id', '=', seen.id)
      .where('upload_token_hash', '=', tokenHash)
      .where('upload_expires_at', '>', now)
      .where('status', '=', seen.status)
      .where('upload_claimed_at', 'is not distinct from', seen.upload_claimed_at)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  }

  findByToken(tokenHash: string) {
    return this.db.selectFrom('documents').select(COLUMNS).where('upload_token_hash', '=', tokenHash).executeTakeFirst() as Promise<
      DocumentRow | undefined
    >;
  }

  /** Frees the slot for a retry, if the claim made at `claimedAt` still holds it. */
  async releaseUpload(id: string, claimedAt: Date) {
    await this.db
      .updateTable('documents')
      .set({ status: 'PENDING', upload_claimed_at: null })
      .where('id', '=', id)
      .where('status', '=', 'UPLOADING')
      .where('upload_claimed_at', '=', claimedAt)
      .execute();
  }

  /**
   * Records the stored bytes and their content flags, and spends the token, if the claim made at
   * `claimedAt` still holds the slot. False when the document was replaced or its claim taken over meanwhile.
   */
  async completeUpload(
    id: string,
    claimedAt: Date,
    blob: { key: string; sha256: string },
    ipHash: string | null,
    now: Date,
    flags: readonly string[],
  ): Promise<boolean> {
    const r = await this.db
      .updateTable('documents')
      .set({
        status: 'UPLOADED',
        upload_token_hash: null,
        upload_claimed_at: null,
        blob_key: blob.key,
        sha256: blob.sha256,
        uploaded_at: now,
        uploader_ip_hash: ipHash,
        flags: JSON.stringify(flags),
      })
      .where('id', '=', id)
      .where('status', '=', 'UPLOADING')
      .where('upload_claimed_at', '=', claimedAt)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  }

  async recordAccess(row: { account_id: string; verification_id: string; document_id: string; token_id: string; ip_enc: string | null }) {
    await this.db.insertInto('document_accesses').values(row).execute();
  }

  accesses(accountId: string, documentId: string) {
    return this.db
      .selectFrom('document_accesses')
      .select(['token_id', 'accessed_at'])
      .where('account_id', '=', accountId)
      .where('document_id', '=', documentId)
      .orderBy('id')
      .execute();
  }

  /** Documents whose bytes are due to be deleted: decided verifications past their retention. */
  duePurge(now: Date, limit = 200) {
    return this.db
      .selectFrom('documents')
      .select(['id', 'blob_key'])
      .where('blob_key', 'is not', null)
      .where('purge_after', '<=', now)
      .limit(limit)
      .execute();
  }

  async schedulePurge(exec: Database, verificationId: string, at: Date) {
    await exec
      .updateTable('documents')
      .set({ purge_after: at })
      .where('verification_id', '=', verificationId)
      .where('blob_key', 'is not', null)
      .execute();
  }

  async markPurged(id: string) {
    await this.db.updateTable('documents').set({ status: 'PURGED', blob_key: null, purge_after: null }).where('id', '=', id).execute();
  }

  /** Fraud signal: the same bytes used by another person of this account, or in another account. */
  async reuse(accountId: string, sha256: string, verificationId: string, personId: string | null) {
    const { rows } = await sql<{ other_people: number; other_accounts: number }>`
      select count(*) filter (where d.account_id = ${accountId} and (v.person_id is distinct from ${personId}))::int as other_people,
             count(*) filter (where d.account_id <> ${accountId})::int as other_accounts
      from documents d join verifications v on v.id = d.verification_id
      where d.sha256 = ${sha256} and d.verification_id <> ${verificationId}`.execute(this.db);
    return rows[0] ?? { other_people: 0, other_accounts: 0 };
  }

  /** Fraud signal: uploads from the same IP for the program in the hour before `now`. */
  async uploadsFromIp(programId: string, ipHash: string, now: Date): Promise<number> {
    const { rows } = await sql<{ n: number }>`
      select count(*)::int as n from documents d join verifications v on v.id = d.verification_id
      where v.program_id = ${programId} and d.uploader_ip_hash = ${ipHash}
        and d.uploaded_at > ${new Date(now.getTime() - 3_600_000)}`.execute(this.db);
    return rows[0]?.n ?? 0;
  }
}
