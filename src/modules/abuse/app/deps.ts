import type { SecretBox } from '../../../platform/crypto/index.ts';
import type { Clock } from '../../../shared/clock.ts';
import type { AuditEvent } from '../../audit/index.ts';
import type { AbuseCountersRepository } from '../infra/abuse-counters-repository.ts';

export interface AbuseAppDeps {
  counters: AbuseCountersRepository;
  clock: Clock;
  box: SecretBox;
  /** The disposable email domains (the list of the package named in docs/abuse.md). */
  disposableDomains: ReadonlySet<string>;
  /** Records an audit entry (the audit module's `recordEvent`). */
  audit(entry: AuditEvent): Promise<void>;
}
