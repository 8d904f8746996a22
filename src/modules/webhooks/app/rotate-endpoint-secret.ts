import { isPartnerEndpoint } from '../domain/partner-webhook.ts';
import { isProgramEndpoint } from '../domain/program-webhook.ts';
import { WebhookErrors } from '../error-codes.ts';
import { newSecret, newSharedSecret } from '../infra/signature.ts';
import type { EndpointAdminDeps } from './endpoint-admin-deps.ts';

/**
 * Gives an endpoint a new signing secret, returned here once (stored encrypted). The old one stops at
 * once: every attempt from now on, retries of earlier deliveries included, is signed with the new one.
 * A program or partner webhook gets a secret of SheerID's kind, as at its registration.
 */
export async function rotateEndpointSecret(deps: EndpointAdminDeps, accountId: string, id: string) {
  const secret = isProgramEndpoint(id) || isPartnerEndpoint(id) ? newSharedSecret() : newSecret();
  if (!(await deps.admin.setSecret(accountId, id, deps.box.encrypt(secret), deps.clock.now()))) throw WebhookErrors.unknownEndpoint(id);
  return { id, secret };
}
