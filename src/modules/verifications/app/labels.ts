import type { Principal } from '../../../shared/principal.ts';
import { FRAUD_LABELS, isFraudLabel } from '../domain/fraud-labels.ts';
import { VerificationErrors } from '../error-codes.ts';
import type { VerificationsDeps } from './deps.ts';
import { loadVerification } from './load-verification.ts';
import type { BodyRead } from './step-body.ts';

/** The body of a label: an optional comment. */
export interface LabelBody {
  comment?: string | null;
}

/**
 * `POST /verification/{id}/label/{label}` (token): the account marks a verification as `suspectedFraud` or
 * `confirmedFraud`, with an optional comment. Labels add up (each is kept, with who set it and when) and
 * change nothing about the verification's state; its details list them.
 */
export async function labelVerification(
  deps: VerificationsDeps,
  input: { id: string; label: string; principal: Principal; body: () => BodyRead<LabelBody | null | undefined> },
) {
  const v = await loadVerification(deps, input.id, input.principal);
  if (!isFraudLabel(input.label)) {
    throw VerificationErrors.badBody(v, 'invalidRequest', `Label '${input.label}' is not one of: ${FRAUD_LABELS.join(', ')}`);
  }
  const read = input.body();
  if (read.kind !== 'ok') throw VerificationErrors.badBody(v, read.errorId, read.message);
  await deps.repo.addLabel(v.accountId, v.id, {
    label: input.label,
    // A comment may name the person: it is kept encrypted, as the person is.
    commentEnc: read.value?.comment ? deps.box.encrypt(read.value.comment) : null,
    labeledBy: input.principal.tokenId,
  });
}
