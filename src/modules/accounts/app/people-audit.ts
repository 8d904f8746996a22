import type { AccountsDeps } from './deps.ts';

/** Who did it, for the audit log: a user id, or `cli` for the command line. */
export const actorOf = (by: string): { type: string; id: string | null } =>
  by === 'cli' ? { type: 'cli', id: null } : { type: 'user', id: by };

export const ANONYMOUS = { type: 'anonymous', id: null } as const;

export const userSubject = (userId: string) => ({ type: 'user', id: userId });

/** Records a failed sign-in step of a known person (a wrong code, a refused passkey), by that person. */
export const auditPersonFailure = (deps: Pick<AccountsDeps, 'audit'>, person: { account_id: string; id: string }, ip: string | null) =>
  deps.audit({
    accountId: person.account_id,
    action: 'user.sign-in-failed',
    actor: { type: 'user', id: person.id },
    subject: userSubject(person.id),
    outcome: 401,
    ip,
  });
