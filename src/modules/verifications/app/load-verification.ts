import { HEX24 } from '../../../shared/ids.ts';
import type { Principal } from '../../../shared/principal.ts';
import type { Verification } from '../domain/verification.ts';
import { VerificationErrors } from '../error-codes.ts';
import type { VerificationsDeps } from './deps.ts';

/**
 * A verification by id. The id is the end user's capability; a caller with a token sees only its own
 * account's verifications, and another account's id is answered exactly like an unknown one.
 */
export async function loadVerification(deps: VerificationsDeps, id: string, principal: Principal | null): Promise<Verification> {
  const v = HEX24.test(id) ? await deps.repo.findById(id) : undefined;
  if (!v || (principal && principal.accountId !== v.accountId)) throw VerificationErrors.noVerification(id);
  return v;
}
