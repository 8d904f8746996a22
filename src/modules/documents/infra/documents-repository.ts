import { type ColumnType, sql } from 'kysely';
import { type Database, Repository } from '../../../platform/db/index.ts';
import type { MakingDetails } from '../domain/making-signals.ts';

/** The columns of migration 0018: a keyed perceptual hash (bigint, as decimal text) and what the reviewer is told. */
interface DocumentSignalColumns {
  image_hash: ColumnType<string | null, string | null | undefined, string | null>;
  signals: ColumnType<MakingDetails, string | undefined, string>;
}

export const MATCH_KINDS = ['DUPLICATE_DOCUMENT', 'NEAR_DUPLICATE_IMAGE'] as const;
export type MatchKind = (typeof MATCH_KINDS)[number];

interface DocumentMatchesTable {
  account_id: string;
  document_id: string;
  other_document_id: string;
  kind: MatchKind;
  distance: number;
  found_at: Date;
}

/** What an upload found, stored with its bytes: the flags, what the reviewer is told, the keyed image hash. */
export interface UploadSignals {
  signals: MakingDetails;
  /** Keyed dHash as signed decimal text; null when the file is no decodable JPEG or PNG. */
  imageHash: string | null;
}

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
  signals: MakingDetails;
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
  'signals',
] as const;

/** Documents of verifications; reads by id always carry the verification (and so the account). */
export class DocumentsRepository extends Repository {
  private get docs() {
    return this.db.withTables<{ documents: DocumentSignalColumns; document_matches: DocumentMatchesTable }>();
  }

  /**
   * Replaces the not-yet-submitted documents of an attempt with a new declaration. Uploads of the earlier
   * one still running (or left running by a killed process) are cancelled too: their completion finds the
   * document replaced and keeps nothing.
   */
  async declare(
    verificationId: string,
    attempt: number,
    rows: (Omit<DocumentRow, 'uploaded_at' | 'sha256' | 'blob_key' | 'uploader_ip_hash' | 'flags' | 'upload_claimed_at' | 'signals'> & {
      upload_token_hash: string;
    })[],
  ) {
    return this.transaction(async (trx) => {
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

  /** Adds what reading found to a document's signals (kept with the flags the upload found). */
  async setReading(accountId: string, id: string, reading: unknown) {
    await sql`update documents set signals = coalesce(signals, '{}'::jsonb) || jsonb_build_object('reading', ${JSON.stringify(reading)}::jsonb)
      where account_id = ${accountId} and id = ${id}`.execute(this.db);
  }

  forAttempt(verificationId: string, attempt: number) {
    return this.docs
      .selectFrom('documents')
      .select(COLUMNS)
      .where('verification_id', '=', verificationId)
      .where('attempt', '=', attempt)
      .where('status', '!=', 'CANCELLED')
      .orderBy('position')
      .execute() as Promise<DocumentRow[]>;
  }

  find(accountId: string, verificationId: string, id: string) {
    return this.docs
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
    return this.docs.selectFrom('documents').select(COLUMNS).where('upload_token_hash', '=', tokenHash).executeTakeFirst() as Promise<
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
   * Records the stored bytes, their content flags and signals, and spends the token, if the claim made at
   * `claimedAt` still holds the slot. False when the document was replaced or its claim taken over meanwhile.
   */
  async completeUpload(
    id: string,
    claimedAt: Date,
    blob: { key: string; sha256: string },
    ipHash: string | null,
    now: Date,
    flags: readonly string[],
    found: UploadSignals = { signals: {}, imageHash: null },
  ): Promise<boolean> {
    const r = await this.docs
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
        signals: JSON.stringify(found.signals),
        image_hash: found.imageHash,
      })
      .where('id', '=', id)
      .where('status', '=', 'UPLOADING')
      .where('upload_claimed_at', '=', claimedAt)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  }

  /**
   * Compares a stored document with the account's other stored documents: the same bytes, or (for images)
   * a picture at most `maxDistance` bits away, in other verifications whose person differs from this one's
   * or is unknown on either side. Each pair is recorded both ways and both documents get the flag. Called
   * once the upload is committed, so that of two simultaneous uploads the later comparison sees the other.
   * Only this account's rows are read.
   */
  async recordMatches(
    doc: { id: string; account_id: string; verification_id: string; sha256: string; imageHash: string | null },
    maxDistance: number,
    now: Date,
  ) {
    await this.transaction(async (trx) => {
      const { rows } = await sql<{ id: string; kind: MatchKind; distance: number }>`
        select d.id,
               case when d.sha256 = ${doc.sha256} then 'DUPLICATE_DOCUMENT' else 'NEAR_DUPLICATE_IMAGE' end as kind,
               case when d.sha256 = ${doc.sha256} then 0
                    else bit_count((d.image_hash # ${doc.imageHash}::bigint)::bit(64))::int end as distance
        from documents d
        join verifications v on v.id = d.verification_id and v.account_id = d.account_id
        join verifications me on me.id = ${doc.verification_id} and me.account_id = ${doc.account_id}
        where d.account_id = ${doc.account_id}
          and d.verification_id <> ${doc.verification_id}
          and d.status in ('UPLOADED', 'PURGED')
          and (v.person_id is null or me.person_id is null or v.person_id <> me.person_id)
          and (d.sha256 = ${doc.sha256}
               or (${doc.imageHash}::bigint is not null and d.image_hash is not null
                   and bit_count((d.image_hash # ${doc.imageHash}::bigint)::bit(64)) <= ${maxDistance}))
        order by d.uploaded_at desc
        limit 50`.execute(trx);
      if (rows.length === 0) return;
      await trx
        .withTables<{ document_matches: DocumentMatchesTable }>()
        .insertInto('document_matches')
        .values(
          rows.flatMap((m) => [
            { account_id: doc.account_id, document_id: doc.id, other_document_id: m.id, kind: m.kind, distance: m.distance, found_at: now },
            { account_id: doc.account_id, document_id: m.id, other_document_id: doc.id, kind: m.kind, distance: m.distance, found_at: now },
          ]),
        )
        .onConflict((oc) => oc.doNothing())
        .execute();
      for (const kind of MATCH_KINDS) {
        const ids = rows.filter((m) => m.kind === kind).map((m) => m.id);
        if (ids.length === 0) continue;
        const flag = JSON.stringify([kind]);
        await sql`
          update documents set flags = flags || ${flag}::jsonb
          where account_id = ${doc.account_id} and id in (${sql.join([doc.id, ...ids])}) and not flags @> ${flag}::jsonb`.execute(trx);
      }
    });
  }

  /** The other verifications (of the same account) whose documents match these, per document. */
  async matchesOf(accountId: string, documentIds: string[]) {
    if (documentIds.length === 0) return [];
    return this.docs
      .selectFrom('document_matches as m')
      .innerJoin('documents as o', (j) => j.onRef('o.id', '=', 'm.other_document_id').onRef('o.account_id', '=', 'm.account_id'))
      .select(['m.document_id', 'm.kind', 'm.distance', 'o.verification_id', 'o.id as other_document_id'])
      .where('m.account_id', '=', accountId)
      .where('m.document_id', 'in', documentIds)
      .where('o.status', '!=', 'CANCELLED')
      .orderBy('m.found_at')
      .orderBy('o.id')
      .execute();
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

  /** Ends the upload URLs of a verification's files not yet received (one being received is let finish: its claim holds it). */
  async closeUploadUrls(exec: Database, verificationId: string, now: Date) {
    await exec
      .updateTable('documents')
      .set({ upload_expires_at: now })
      .where('verification_id', '=', verificationId)
      .where('status', '=', 'PENDING')
      .where('upload_expires_at', '>', now)
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
