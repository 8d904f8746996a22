import { HEX24 } from '../../../shared/ids.ts';
import type { Principal } from '../../../shared/principal.ts';
import type { Verification } from '../domain/verification.ts';
import { VerificationErrors } from '../error-codes.ts';
import type { VerificationsDeps } from './deps.ts';
import { loadVerification } from './load-verification.ts';
import type { BodyRead } from './step-body.ts';

export interface ConversionInput {
  amount?: number;
  currency?: string;
  tags?: string[];
}

/** SheerID's 404 for a conversion by tracking id whose account or tracking id is unknown. */
/**
 * `POST /conversion/verification/{id}` (public: the verification id is the capability, as for the steps):
 * records that the verified person converted, with an amount (default 1) in a currency (default USD). A
 * token of another account is answered as for an unknown verification. The conversion shows in the
 * verification's report row (columns `amount` and `currency`).
 */
export async function convertVerification(
  deps: VerificationsDeps,
  id: string,
  principal: Principal | null,
  body: () => BodyRead<ConversionInput | undefined>,
): Promise<{ id: string }> {
  const v = await loadVerification(deps, id, principal);
  return record(deps, v, body);
}

/**
 * `POST /conversion/account/{accountId}/trackingId/{trackingId}` (public): the same, for the account's
 * latest verification carrying the merchant's tracking id. A token of another account is answered as for
 * an unknown account.
 */
export async function convertTrackingId(
  deps: VerificationsDeps,
  accountId: string,
  trackingId: string,
  principal: Principal | null,
  body: () => BodyRead<ConversionInput | undefined>,
): Promise<{ id: string }> {
  if (!HEX24.test(accountId) || (principal && principal.accountId !== accountId)) throw VerificationErrors.noTrackingId();
  const id = await deps.conversions.latestByTrackingId(accountId, trackingId);
  if (!id) throw VerificationErrors.noTrackingId();
  const v = await loadVerification(deps, id, null);
  return record(deps, v, body);
}

async function record(deps: VerificationsDeps, v: Verification, body: () => BodyRead<ConversionInput | undefined>) {
  const read = body();
  if (read.kind !== 'ok') throw VerificationErrors.badBody(v, read.errorId, read.message);
  const id = deps.ids.hex24();
  const conversion = {
    id,
    accountId: v.accountId,
    verificationId: v.id,
    amount: read.value?.amount ?? 1,
    currency: read.value?.currency ?? 'USD',
    tags: read.value?.tags ?? [],
  };
  await deps.conversions.record(conversion, deps.clock.now());
  return { id };
}
