import type { EndpointAdminRepository } from '../infra/endpoint-admin-repository.ts';
import type { WebhooksDeps } from './deps.ts';

/** The webhooks module's parts, with the store of secret rotation, test events and failing endpoints. */
export type EndpointAdminDeps = WebhooksDeps & { admin: EndpointAdminRepository };
