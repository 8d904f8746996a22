import { disposableEmailBlocklist } from 'disposable-email-domains-js';
import type { SecretBox } from '../../platform/crypto/index.ts';
import type { Database } from '../../platform/db/index.ts';
import type { VouchModule } from '../../platform/module.ts';
import type { Clock } from '../../shared/clock.ts';
import type { AuditEvent } from '../audit/index.ts';
import type { AbusePort } from '../verifications/index.ts';
import type { AbuseAppDeps } from './app/deps.ts';
import { judgeAttempt, sweepCounters } from './app/judge.ts';
import { AbuseCountersRepository } from './infra/abuse-counters-repository.ts';

/** What the abuse defenses need from the rest of Vouch (wired in src/main). */
export interface AbuseDeps {
  db: Database;
  clock: Clock;
  box: SecretBox;
  /** Records an audit entry (the audit module's `recordEvent`). */
  audit(entry: AuditEvent): Promise<void>;
}

export type AbuseModule = VouchModule & AbusePort;

let listed: ReadonlySet<string> | null = null;
/** The package's list, read once per process (lowercased: the lookups are). */
const disposableDomains = () => {
  listed ??= new Set(disposableEmailBlocklist().map((d) => d.trim().toLowerCase()));
  return listed;
};

/** The defenses against scripted abuse: disposable email domains and velocity limits per program. */
export function createAbuseModule(deps: AbuseDeps): AbuseModule {
  const app: AbuseAppDeps = {
    counters: new AbuseCountersRepository(deps.db),
    clock: deps.clock,
    box: deps.box,
    audit: deps.audit,
    get disposableDomains() {
      return disposableDomains();
    },
  };
  return {
    name: 'abuse',
    judge: (attempt) => judgeAttempt(app, attempt),
    sweeps: [{ what: 'abuse counter expiry', run: () => sweepCounters(app) }],
  };
}
