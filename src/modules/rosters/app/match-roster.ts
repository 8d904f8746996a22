import type { Database } from '../../../platform/db/index.ts';
import type { SecretBox } from '../../../platform/crypto/index.ts';
import { birthDateKey, emailKey, nameKey } from '../domain/person-keys.ts';
import type { RosterRepository } from '../infra/roster-repository.ts';

export interface RosterQuery {
  accountId: string; organizationId: number | null; firstName: string; lastName: string;
  birthDate?: string; email?: string; today: string; affiliations?: string[];
}

/** Whether the person is on the account's roster with a current status: the instant-decision data source. */
export async function matchRoster(deps: { repo: RosterRepository; box: SecretBox }, q: RosterQuery, exec?: Database): Promise<boolean> {
  const hit = await deps.repo.findCurrent({
    accountId: q.accountId,
    organizationId: q.organizationId,
    nameHash: deps.box.digest(nameKey(q.firstName, q.lastName)),
    birthDateHash: q.birthDate ? deps.box.digest(birthDateKey(q.birthDate)) : null,
    emailHash: q.email ? deps.box.digest(emailKey(q.email)) : null,
    today: q.today,
    affiliations: q.affiliations,
  }, exec);
  return hit !== undefined;
}
