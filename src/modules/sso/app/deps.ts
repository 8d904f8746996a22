import type { SecretBox } from '../../../platform/crypto/index.ts';
import type { Clock } from '../../../shared/clock.ts';
import type { Ids } from '../../../shared/ids.ts';
import type { SignInResult } from '../../verifications/index.ts';
import type { OidcClient } from '../infra/oidc.ts';
import type { SamlClient } from '../infra/saml.ts';
import type { SsoRepository } from '../infra/sso-repository.ts';

/** What the sso module's use cases work with (built by module.ts from the module's deps). */
export interface SsoContext {
  repo: SsoRepository;
  ids: Ids;
  clock: Clock;
  box: SecretBox;
  publicUrl: string;
  oidc: OidcClient;
  saml: SamlClient;
  /** An organization of the account (its own, or the directory's), or null: bindings are made only for those. */
  organization(accountId: string, id: number): Promise<{ id: number; name: string } | null>;
  finish(verificationId: string, result: SignInResult): Promise<unknown>;
}

/** Vouch's own addresses for the providers. */
export const callbackUrls = (publicUrl: string) => ({
  oidcRedirect: `${publicUrl}/rest/v2/sso/oidc/callback`,
  samlAcs: `${publicUrl}/rest/v2/sso/saml/acs`,
  samlEntityId: `${publicUrl}/rest/v2/sso/saml`,
  testCallback: `${publicUrl}/rest/v2/sso/test/callback`,
});
