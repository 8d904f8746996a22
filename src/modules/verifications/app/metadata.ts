import type { Principal } from '../../../shared/principal.ts';
import { checkMetadata } from '../domain/metadata.ts';
import { VerificationErrors } from '../error-codes.ts';
import type { VerificationsDeps } from './deps.ts';
import { loadVerification } from './load-verification.ts';
import type { BodyRead } from './step-body.ts';

/** `GET /verification/{id}/metadata` (token): the integrator's metadata, each value as text. */
export async function getMetadata(deps: VerificationsDeps, id: string, principal: Principal): Promise<Record<string, string>> {
  const v = await loadVerification(deps, id, principal);
  const secrets = await deps.repo.findSecrets(v.accountId, v.id);
  return secrets?.metadata_enc ? deps.box.decryptJson<Record<string, string>>(secrets.metadata_enc) : {};
}

/**
 * `PUT /verification/{id}/metadata` (token): the map sent replaces the stored one whole, under the rules
 * of metadata everywhere (`checkMetadata`); the answer is the map as now stored. The body is read once the
 * verification is loaded, so that a refusal names it.
 */
export async function replaceMetadata(
  deps: VerificationsDeps,
  id: string,
  principal: Principal,
  body: () => BodyRead<Record<string, unknown>>,
): Promise<Record<string, string>> {
  const v = await loadVerification(deps, id, principal);
  const read = body();
  if (read.kind !== 'ok') throw VerificationErrors.badBody(v, read.errorId, read.message);
  const checked = checkMetadata(read.value);
  if (checked.kind !== 'ok') throw VerificationErrors.badBody(v, checked.errorId, checked.message);
  const { metadata } = checked;
  await deps.repo.replaceMetadata(v.accountId, v.id, Object.keys(metadata).length ? deps.box.encryptJson(metadata) : null);
  return metadata;
}
