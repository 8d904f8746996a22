import type { FastifyBaseLogger } from 'fastify';
import type { VouchModule } from '../../platform/module.ts';
import { expireDueLinks } from './app/casefile.ts';
import type { ClientRequestsDeps } from './app/deps.ts';
import { type LinkMailer, type LinkMailWorkerOptions, startLinkMailWorker } from './app/send-link-mail.ts';
import { type CredentialExchange, registerClientRequestRoutes, registerSettingsRoutes } from './http/routes.ts';

export interface ClientRequestsWiring {
  /** The dialect's token route exchanges an OAuth client's credentials (the accounts module's). */
  exchange: CredentialExchange;
  mailer: LinkMailer;
  /** How the link mail worker runs, given the process's log. */
  mail: (log: FastifyBaseLogger) => LinkMailWorkerOptions;
}

/**
 * Client requests: the file and request routes and the account's settings, the worker that mails the
 * links, and the sweep that records the expiry of links past their end.
 */
export const createClientRequestsModule = (deps: ClientRequestsDeps, wiring: ClientRequestsWiring): VouchModule => ({
  name: 'client-requests',
  routes: (app) => {
    registerClientRequestRoutes(app, deps, wiring.exchange);
    registerSettingsRoutes(app, deps);
  },
  start: (log) => startLinkMailWorker(deps, wiring.mailer, wiring.mail(log)),
  sweeps: [{ what: 'link expiry', run: () => expireDueLinks(deps) }],
});
