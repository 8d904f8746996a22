import type { SecretBox } from '../../../platform/crypto/index.ts';
import type { Mailer } from '../../../platform/mail/index.ts';
import type { Clock } from '../../../shared/clock.ts';
import type { Ids } from '../../../shared/ids.ts';
import type { AccountsRepository } from '../infra/accounts-repository.ts';
import type { PeopleRepository } from '../infra/people-repository.ts';

/** An audit entry the accounts module records for a person's sign-in and profile (ids only: no email, no password). */
export interface PeopleAuditEvent {
  accountId: string;
  action: string;
  actor: { type: string; id: string | null };
  subject: { type: string; id: string } | null;
  outcome: number;
  ip: string | null;
}

export interface AccountsDeps {
  repo: AccountsRepository;
  /** Console sign-in rows: credentials, sessions, mailed links, challenges, passkeys, failed attempts. */
  people: PeopleRepository;
  ids: Ids;
  clock: Clock;
  box: SecretBox;
  oauthTokenTtlSeconds: number;
  /** Sends invitations and password-reset links. */
  mailer: Mailer;
  /** The server's public URL: the links mailed, and the passkeys' relying party (its host name and origin). */
  publicUrl: string;
  /** A console session ends after `idleMs` without a request, and `absoluteMs` after sign-in in any case. */
  sessions: { idleMs: number; absoluteMs: number };
  audit: (e: PeopleAuditEvent) => Promise<void>;
}
