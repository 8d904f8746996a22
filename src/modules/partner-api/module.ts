import type { VouchModule } from '../../platform/module.ts';
import { createOutbox } from '../webhooks/index.ts';
import type { PartnerApiDeps } from './app/deps.ts';
import { registerPartnerRoutes } from './http/routes.ts';

/**
 * The partner ("OEM") API under `/rest/oem`: programs and their webhooks managed by a partner platform.
 * Program changes are told through an outbox of the webhooks module (the dispatcher finds them on its
 * next poll).
 */
export const createPartnerApiModule = (deps: PartnerApiDeps): VouchModule => {
  const context = { ...deps, outbox: createOutbox(deps.webhooks) };
  return { name: 'partner-api', routes: (app) => registerPartnerRoutes(app, context) };
};
