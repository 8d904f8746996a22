import type { Database } from '../../../platform/db/index.ts';
import { isRole, type Role } from '../../../shared/principal.ts';
import { AccountErrors } from '../error-codes.ts';
import type { PersonRow } from '../infra/people-repository.ts';
import { parseRoles } from './api-tokens.ts';
import type { AccountsDeps } from './deps.ts';
import { emailDigest } from './ensure-user.ts';
import { actorOf, userSubject } from './people-audit.ts';

/** A person of an account as the console lists them. */
export interface PersonSummary {
  id: string;
  email: string;
  roles: Role[];
  disabled: boolean;
  hasPassword: boolean;
  totp: boolean;
  passkeys: number;
  lastSignInAt: Date | null;
  createdAt: Date;
}

const summary = (deps: AccountsDeps, p: PersonRow): PersonSummary => ({
  id: p.id,
  email: deps.box.decrypt(p.email_enc),
  roles: (p.roles as string[]).filter(isRole),
  disabled: p.disabled_at !== null,
  hasPassword: p.password_hash !== null,
  totp: p.totp_secret_enc !== null,
  passkeys: Number(p.passkeys ?? 0),
  lastSignInAt: p.last_sign_in_at,
  createdAt: p.created_at,
});

export async function listUsers(deps: AccountsDeps, accountId: string): Promise<PersonSummary[]> {
  return (await deps.people.listPeople(accountId)).map((p) => summary(deps, p));
}

export async function findUserByEmail(deps: AccountsDeps, accountId: string, email: string): Promise<PersonSummary | null> {
  const p = await deps.people.findPersonByEmailHash(accountId, emailDigest(deps, email));
  return p ? summary(deps, p) : null;
}

/**
 * Refuses (`lastAdmin`) to take ADMIN from the account's last enabled administrator. Run inside the
 * transaction that changes the roles, after `lockAccount`, so that two changes cannot both pass.
 */
export async function keepAnAdmin(deps: AccountsDeps, trx: Database, person: PersonRow, roles: readonly Role[]) {
  const wasAdmin = (person.roles as string[]).includes('ADMIN') && person.disabled_at === null;
  if (!wasAdmin || roles.includes('ADMIN')) return;
  if ((await deps.people.countEnabledAdmins(trx, person.account_id)) <= 1) throw AccountErrors.lastAdmin();
}

/**
 * Sets a person's roles; they apply at the person's next request. `by` is the user who changed them, or
 * `cli`. The account always keeps an enabled ADMIN.
 */
export async function changeRoles(deps: AccountsDeps, input: { accountId: string; userId: string; roles: unknown; by: string }) {
  const roles = parseRoles(input.roles);
  const changed = await deps.people.transaction(async (trx) => {
    await deps.people.lockAccount(trx, input.accountId);
    const person = await deps.people.findPerson(input.accountId, input.userId, trx);
    if (!person) throw AccountErrors.userNotFound(input.userId);
    const before = (person.roles as string[]).filter(isRole);
    if (before.length === roles.length && before.every((r) => roles.includes(r))) return false;
    await keepAnAdmin(deps, trx, person, roles);
    await deps.people.updateRoles(trx, input.accountId, input.userId, roles);
    return true;
  });
  if (changed) {
    await deps.audit({
      accountId: input.accountId,
      action: 'user.roles-changed',
      actor: actorOf(input.by),
      subject: userSubject(input.userId),
      outcome: 200,
      ip: null,
    });
  }
  return { userId: input.userId, roles, changed };
}
