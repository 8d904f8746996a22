import { sha256 } from '../../../platform/crypto/index.ts';
import { SIGN_IN_TTL_MS, type SignInDetail, type SignInProtocol } from '../domain/sign-in.ts';
import { SsoErrors } from '../error-codes.ts';
import { openBinding } from './bindings.ts';
import { callbackUrls, type SsoContext } from './deps.ts';

export interface SigningIn {
  id: string;
  accountId: string;
  organizationId: number | null;
  testMode: boolean;
}

/** Whether the account's organization signs its people in: it has a binding. */
export const offersSignIn = (ctx: SsoContext, accountId: string, organizationId: number) => ctx.repo.exists(accountId, organizationId);

/**
 * Begins a sign-in for a verification on the `sso` step: a new random state (kept as its SHA-256, with
 * what the answer is checked against, for ten minutes, usable once), and the URL the browser goes to:
 * - the organization has an OpenID Connect binding: the provider's authorization endpoint (code flow,
 *   state, nonce, PKCE S256);
 * - a SAML binding: the identity provider's single sign-on service with an AuthnRequest (HTTP-Redirect
 *   binding), the state as RelayState;
 * - no binding, in a test-mode verification (the first name `SSO`): Vouch's own test callback, which
 *   completes the sign-in as successful.
 * A binding applies in test mode too, so a test program can try the real provider.
 */
export async function beginSignIn(ctx: SsoContext, v: SigningIn): Promise<string> {
  const stored = v.organizationId ? await ctx.repo.find(v.accountId, v.organizationId) : null;
  if (!stored && !v.testMode) throw SsoErrors.notOffered(v.id);
  const state = ctx.ids.secret('sso');
  let url: string;
  let detail: SignInDetail;
  if (!stored) {
    url = `${callbackUrls(ctx.publicUrl).testCallback}?state=${encodeURIComponent(state)}`;
    detail = { protocol: 'test' };
  } else {
    const { binding, idp } = openBinding(ctx, stored);
    if (binding.protocol === 'oidc') {
      const r = await ctx.oidc.authorizationUrl(binding, state).catch(() => {
        throw SsoErrors.providerUnreachable();
      });
      url = r.url;
      detail = { protocol: 'oidc', nonce: r.nonce, codeVerifier: r.codeVerifier };
    } else {
      const r = await ctx.saml.authorizationUrl(idp!, state);
      url = r.url;
      detail = { protocol: 'saml', requestId: r.requestId };
    }
  }
  const now = ctx.clock.now();
  await ctx.repo.begin({
    stateHash: sha256(state),
    verificationId: v.id,
    accountId: v.accountId,
    organizationId: v.organizationId,
    protocol: detail.protocol as SignInProtocol,
    detailEnc: ctx.box.encryptJson(detail),
    created: now,
    expires: new Date(now.getTime() + SIGN_IN_TTL_MS),
  });
  return url;
}
