/** The digests a person is recognised by (see person-keys.ts). */
export interface PersonDigests {
  nameHash: string;
  birthDateHash: string | null;
  emailHash: string | null;
}

/** A roster entry whose name digest and current status were already matched by the query. */
export interface CandidateEntry {
  name_hash: string;
  organization_id: number | null;
  birth_date_hash: string | null;
  email_hash: string | null;
  affiliation: string | null;
}

/**
 * Whether a candidate entry is this person: the same name and either the same birth date or the same
 * email, at the requested organization (null: any) and with one of the requested affiliations (none: any).
 */
export function entryMatches(e: CandidateEntry, p: PersonDigests, q: { organizationId: number | null; affiliations?: string[] }): boolean {
  if (e.name_hash !== p.nameHash) return false;
  const sameBirth = p.birthDateHash !== null && e.birth_date_hash === p.birthDateHash;
  const sameEmail = p.emailHash !== null && e.email_hash === p.emailHash;
  if (!sameBirth && !sameEmail) return false;
  if (q.organizationId !== null && e.organization_id !== q.organizationId) return false;
  if (q.affiliations?.length && (e.affiliation === null || !q.affiliations.includes(e.affiliation))) return false;
  return true;
}
