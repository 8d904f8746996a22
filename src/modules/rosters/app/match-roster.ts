import type { Database } from '../../../platform/db/index.ts';
import type { SecretBox } from '../../../platform/crypto/index.ts';
import { birthDateKey, emailKey, nameKey } from '../domain/person-keys.ts';
import { entryMatches, type PersonDigests } from '../domain/entry-match.ts';
import type { RosterRepository } from '../infra/roster-repository.ts';

export interface RosterQuery {
  accountId: string;
  organizationId: number | null;
  firstName: string;
  lastName: string;
  birthDate?: string;
  email?: string;
  today: string;
  affiliations?: string[];
}

type Deps = { repo: RosterRepository; box: SecretBox };

/**
 * Whether each person is on the account's roster with a current status: the instant-decision data
 * source. One query per account and day for many people (a re-verification chunk): candidates are
 * fetched by name digest, and the rest of the match is decided here, per person.
 */
export async function matchRosterMany(deps: Deps, queries: RosterQuery[], exec?: Database): Promise<boolean[]> {
  const people = queries.map((q) => ({ q, digests: digestsOf(deps.box, q) }));
  const out: boolean[] = new Array(queries.length).fill(false);
  const groups = new Map<string, number[]>();
  people.forEach(({ q }, i) => {
    const key = `${q.accountId}|${q.today}`;
    const members = groups.get(key);
    if (members) members.push(i);
    else groups.set(key, [i]);
  });
  for (const members of groups.values()) {
    const { accountId, today } = queries[members[0]];
    const names = [...new Set(members.map((i) => people[i].digests.nameHash))];
    const byName = new Map<string, Awaited<ReturnType<RosterRepository['findCurrentByNames']>>>();
    for (const entry of await deps.repo.findCurrentByNames(accountId, names, today, exec)) {
      const same = byName.get(entry.name_hash);
      if (same) same.push(entry);
      else byName.set(entry.name_hash, [entry]);
    }
    for (const i of members) {
      const { q, digests } = people[i];
      out[i] = (byName.get(digests.nameHash) ?? []).some((e) => entryMatches(e, digests, q));
    }
  }
  return out;
}

function digestsOf(box: SecretBox, q: RosterQuery): PersonDigests {
  return {
    nameHash: box.digest(nameKey(q.firstName, q.lastName)),
    birthDateHash: q.birthDate ? box.digest(birthDateKey(q.birthDate)) : null,
    emailHash: q.email ? box.digest(emailKey(q.email)) : null,
  };
}
