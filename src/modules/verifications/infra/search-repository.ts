import { Repository } from '../../../platform/db/repository.ts';

/** What narrows a search in the database; the person's fields, encrypted there, are matched after. */
export interface SearchFilter {
  accountId: string;
  verificationId?: string;
  programId?: string;
  steps?: string[];
  createdFrom?: Date;
  createdTo?: Date;
}

export interface SearchCandidate {
  id: string;
  createdAt: Date;
  personEnc: string | null;
}

/** An account's verifications matching a search's filter, newest first, one page at a time. */
export class SearchRepository extends Repository {
  async candidates(f: SearchFilter, after: { createdAt: Date; id: string } | null, limit: number): Promise<SearchCandidate[]> {
    let q = this.db.selectFrom('verifications').select(['id', 'created_at', 'person_enc']).where('account_id', '=', f.accountId);
    if (f.verificationId !== undefined) q = q.where('id', '=', f.verificationId);
    if (f.programId !== undefined) q = q.where('program_id', '=', f.programId);
    if (f.steps !== undefined) q = q.where('current_step', 'in', f.steps.length ? f.steps : ['-']);
    if (f.createdFrom) q = q.where('created_at', '>=', f.createdFrom);
    if (f.createdTo) q = q.where('created_at', '<=', f.createdTo);
    if (after)
      q = q.where((eb) =>
        eb.or([eb('created_at', '<', after.createdAt), eb.and([eb('created_at', '=', after.createdAt), eb('id', '<', after.id)])]),
      );
    const rows = await q.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(limit).execute();
    return rows.map((r) => ({ id: r.id, createdAt: new Date(r.created_at), personEnc: r.person_enc }));
  }
}
