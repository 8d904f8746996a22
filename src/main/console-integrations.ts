import { CredentialsRepository } from '../modules/accounts/index.ts';
import { createIntegrationsConsoleModule } from '../modules/integrations-console/index.ts';
import { EndpointAdminRepository } from '../modules/webhooks/index.ts';
import type { VouchModule } from '../platform/module.ts';
import type { ConsoleParts } from './console-modules.ts';

/**
 * The console's integrations pages, wired from the container's parts. The webhook dispatcher is not among
 * them, so a test event or a replay is picked up on its next look (it looks every second).
 */
export function consoleIntegrationsModules(parts: ConsoleParts): VouchModule[] {
  return [
    createIntegrationsConsoleModule({
      accounts: parts.accounts,
      credentials: { credentials: new CredentialsRepository(parts.db), clock: parts.clock },
      webhooks: { ...parts.webhooks, admin: new EndpointAdminRepository(parts.db) },
      wake: parts.wakeWebhooks,
    }),
  ];
}
