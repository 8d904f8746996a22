import { WebhookErrors } from '../error-codes.ts';
import { newSharedSecret } from '../infra/signature.ts';
import type { WebhooksDeps } from './deps.ts';
import { checkUrl } from './endpoints.ts';

/**
 * Registers a program's webhook (SheerID's `POST /program/{id}/webhook`): one per program, refused
 * with 409 while one exists. The URL is held to the rules of every endpoint (the SSRF guard included).
 * The signing secret is the caller's own when it sends one, else a new random one; it is returned here
 * and stored encrypted.
 */
export async function createProgramWebhook(
  deps: WebhooksDeps,
  accountId: string,
  programId: string,
  input: { callbackUri: string; signingSecret?: string },
) {
  await deps.programOfAccount(accountId, programId); // another account's program is answered as unknown (noProgram)
  const url = await checkUrl(deps, input.callbackUri);
  const signingSecret = input.signingSecret ?? newSharedSecret();
  const now = deps.clock.now();
  const id = await deps.repo.insertProgramEndpoint(programId, {
    account_id: accountId,
    url,
    description: null,
    secret_enc: deps.box.encrypt(signingSecret),
    created_at: now,
    updated_at: now,
  });
  if (!id) throw WebhookErrors.programWebhookExists(programId);
  return { signingSecret };
}

/**
 * Deletes a program's webhook. A program without one is answered the same (`{}`): afterwards it has
 * none either way, and a client that deletes before it registers (as SheerID's tutorial does) works.
 */
export async function deleteProgramWebhook(deps: WebhooksDeps, accountId: string, programId: string) {
  await deps.programOfAccount(accountId, programId); // another account's program is answered as unknown (noProgram)
  await deps.repo.deleteProgramEndpoints(accountId, programId, deps.clock.now());
  return {};
}
