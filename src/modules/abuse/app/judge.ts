import type { AbuseAttempt, AbuseVerdict } from '../../verifications/index.ts';
import { isDisposable } from '../domain/disposable.ts';
import {
  countersOf,
  DISPOSABLE_REASON,
  keyText,
  LIMITS,
  type LimitName,
  type RuleName,
  rulesOf,
  verdictOfCounts,
  windowOf,
} from '../domain/rules.ts';
import type { AbuseAppDeps } from './deps.ts';

/**
 * Judges an attempt on a live program: every limit that applies counts it (a refused attempt counts too,
 * so a script that keeps trying stays refused), then the disposable email rule and the limits decide.
 * A refusal is recorded in the account's audit log, with the rule that refused.
 */
export async function judgeAttempt(deps: AbuseAppDeps, attempt: AbuseAttempt): Promise<AbuseVerdict> {
  if (attempt.testMode) return { ok: true };
  const rules = rulesOf(attempt.rules);
  const now = deps.clock.now();
  const counted = countersOf(attempt, rules);
  const hits = counted.map((c) => {
    const w = windowOf(now, LIMITS[c.rule].period);
    return { rule: c.rule, key: deps.box.digest(keyText(c)), windowStart: w.start, expiresAt: w.end };
  });
  const counts = await deps.counters.hit(attempt.programId, hits);

  let refusal: { errorId: 'fraudRulesReject' | 'verificationLimitExceeded'; reason: string; rule: RuleName } | null = null;
  if (attempt.kind === 'person' && rules.refuseDisposableEmails && attempt.email && isDisposable(attempt.email, deps.disposableDomains))
    refusal = { errorId: 'fraudRulesReject', reason: DISPOSABLE_REASON, rule: 'disposableEmail' };
  else refusal = verdictOfCounts(counted.map((c) => ({ rule: c.rule as LimitName, limit: c.limit, count: counts.get(c.rule) ?? 0 })));
  if (!refusal) return { ok: true };

  await deps.audit({
    accountId: attempt.accountId,
    action: 'abuse.refused',
    actor: { type: 'system', id: `abuse.${refusal.rule}` },
    subject: attempt.verificationId ? { type: 'verification', id: attempt.verificationId } : { type: 'program', id: attempt.programId },
    // A refused person step ends the verification and is answered as a move; a start or another step is answered 429.
    outcome: attempt.kind === 'person' ? 200 : 429,
    method: 'POST',
    route: attempt.kind === 'start' ? 'start' : (attempt.step ?? 'step'),
    ip: attempt.ip,
  });
  return { ok: false, errorId: refusal.errorId, reason: refusal.reason };
}

/** Forgets the counters of windows that have ended. */
export const sweepCounters = (deps: Pick<AbuseAppDeps, 'counters' | 'clock'>) => deps.counters.sweep(deps.clock.now());
