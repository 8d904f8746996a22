import type { Program } from '../../programs/index.ts';
import type { AbuseVerdict as Verdict } from './deps.ts';

/**
 * What the person and the integrator are told of a refusal: SheerID's sentence for its errorId, never which
 * rule refused (a script would learn to step around it). The rule is in the audit log.
 */
export const refusalMessage = (errorId: Extract<Verdict, { ok: false }>['errorId']) =>
  errorId === 'verificationLimitExceeded'
    ? 'User has exceeded the maximum number of verifications'
    : 'The verification was refused by the program’s fraud rules';
import type { Verification } from '../domain/verification.ts';
import type { AbuseAttempt, AbuseVerdict, VerificationsDeps } from './deps.ts';

/**
 * Asks the abuse defenses about an attempt. Test programs are not judged: SheerID's test mode turns its
 * offer protections off, so that an integration can be exercised freely.
 */
export async function judge(
  deps: VerificationsDeps,
  program: Program,
  v: Verification | null,
  attempt: Pick<AbuseAttempt, 'kind' | 'ip'> & Partial<Pick<AbuseAttempt, 'email' | 'personKey' | 'deviceFingerprintHash'>>,
): Promise<AbuseVerdict> {
  if (program.testMode) return { ok: true };
  return deps.abuse.judge({
    ...attempt,
    accountId: program.accountId,
    programId: program.id,
    rules: program.config.abuse,
    verificationId: v?.id ?? null,
    step: v?.currentStep ?? null,
    testMode: program.testMode,
  });
}
