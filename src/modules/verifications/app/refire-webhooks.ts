import type { Principal } from '../../../shared/principal.ts';
import { VerificationErrors } from '../error-codes.ts';
import type { VerificationsDeps } from './deps.ts';
import { loadVerification } from './load-verification.ts';
import type { BodyRead } from './step-body.ts';
import { toldTypeOf, verificationEvent } from './webhook-events.ts';

/**
 * `POST /verification/{id}/refireWebhooks`: tells the account's webhooks again what they were last told
 * about the verification, its current state: the event of its step (`verification.success`, `.docUpload`,
 * `.pending`, `.error`), or `verification.created` while it waits on a person step. It goes through the
 * outbox as a new event (its own id and the subject's next sequence) to every endpoint subscribed now, and
 * a success also to its program's webhook, with the usual retries.
 */
export async function refireWebhooks(deps: VerificationsDeps, id: string, principal: Principal, body: () => BodyRead<null>) {
  const v = await loadVerification(deps, id, principal);
  const read = body();
  if (read.kind !== 'ok') throw VerificationErrors.badBody(v, read.errorId, read.message);
  await deps.repo.transaction((trx) => deps.events.emit(trx, verificationEvent(v, toldTypeOf(v.currentStep) ?? 'verification.created')));
}
