import type { SecretBox } from '../../platform/crypto/index.ts';
import type { Database } from '../../platform/db/index.ts';
import type { VouchModule } from '../../platform/module.ts';
import type { Clock } from '../../shared/clock.ts';
import type { Ids } from '../../shared/ids.ts';
import type { SignInResult, SsoPort } from '../verifications/index.ts';
import { beginSignIn, offersSignIn } from './app/begin.ts';
import { deleteBinding, listBindings, readBinding, setBinding } from './app/bindings.ts';
import { callbackUrls, type SsoContext } from './app/deps.ts';
import { SIGN_IN_KEPT_MS } from './domain/sign-in.ts';
import { registerBindingRoutes, registerCallbackRoutes } from './http/routes.ts';
import { OidcClient } from './infra/oidc.ts';
import { SamlClient } from './infra/saml.ts';
import { SsoRepository } from './infra/sso-repository.ts';

/** What single sign-on needs from the rest of Vouch (wired in src/main). */
export interface SsoDeps {
  db: Database;
  ids: Ids;
  clock: Clock;
  box: SecretBox;
  publicUrl: string;
  /** An organization the account's programs can accept (its own, or the directory's), or null. */
  organization(accountId: string, id: number): Promise<{ id: number; name: string } | null>;
  /** Tells the verification how its sign-in ended (verifications' `finishSignIn`). */
  finish(verificationId: string, result: SignInResult): Promise<unknown>;
}

export interface SsoModule extends VouchModule, SsoPort {
  /** The bindings, for the CLI (the management API's use cases). */
  bindings: {
    set(accountId: string, organizationId: number, body: unknown): ReturnType<typeof setBinding>;
    list(accountId: string): ReturnType<typeof listBindings>;
    read(accountId: string, organizationId: number): ReturnType<typeof readBinding>;
    remove(accountId: string, organizationId: number): Promise<void>;
  };
}

/** Single sign-on at a person's organization: OpenID Connect and SAML bindings per organization. */
export function createSsoModule(deps: SsoDeps): SsoModule {
  const urls = callbackUrls(deps.publicUrl);
  const ctx: SsoContext = {
    repo: new SsoRepository(deps.db),
    ids: deps.ids,
    clock: deps.clock,
    box: deps.box,
    publicUrl: deps.publicUrl,
    oidc: new OidcClient(urls.oidcRedirect),
    saml: new SamlClient({ entityId: urls.samlEntityId, acsUrl: urls.samlAcs }),
    organization: deps.organization,
    finish: deps.finish,
  };
  return {
    name: 'sso',
    offers: (accountId, organizationId) => offersSignIn(ctx, accountId, organizationId),
    begin: (v) => beginSignIn(ctx, v),
    bindings: {
      set: (accountId, organizationId, body) => setBinding(ctx, accountId, organizationId, body),
      list: (accountId) => listBindings(ctx, accountId),
      read: (accountId, organizationId) => readBinding(ctx, accountId, organizationId),
      remove: (accountId, organizationId) => deleteBinding(ctx, accountId, organizationId),
    },
    routes: (app) => {
      registerBindingRoutes(app, ctx);
      registerCallbackRoutes(app, ctx);
    },
    sweeps: [
      {
        what: 'forget expired single sign-on states',
        run: () => ctx.repo.purge(new Date(deps.clock.now().getTime() - SIGN_IN_KEPT_MS)),
      },
    ],
  };
}
