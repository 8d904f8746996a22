import type { AccountsDeps, CredentialsDeps } from '../../accounts/index.ts';
import type { EndpointAdminDeps } from '../../webhooks/index.ts';

/** The integrations pages work through the accounts and webhooks modules' own use cases, with their parts. */
export interface IntegrationsConsoleDeps {
  accounts: AccountsDeps;
  credentials: CredentialsDeps;
  webhooks: EndpointAdminDeps;
  /** Tells the webhook dispatcher there is something to send now (a test, a replay); it looks every second anyway. */
  wake: () => void;
}
