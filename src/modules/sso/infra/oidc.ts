import * as client from 'openid-client';
import { isLoopback, type OidcBinding } from '../domain/binding.ts';

/** A provider's discovered configuration is kept this long, so a sign-in's two legs do not both discover it. */
const DISCOVERY_TTL_MS = 10 * 60 * 1000;

/**
 * OpenID Connect through `openid-client`: discovery of the provider, the authorization URL (state,
 * nonce, PKCE S256) and the code exchange, whose ID token the library checks (signature, issuer, audience,
 * nonce, expiry). An issuer on plain http is accepted only on the loopback interface (local development).
 */
export class OidcClient {
  private cache = new Map<string, { at: number; config: Promise<client.Configuration> }>();

  constructor(private readonly redirectUri: string) {}

  private configuration(b: OidcBinding): Promise<client.Configuration> {
    const key = JSON.stringify([b.issuer, b.clientId, b.clientSecret]);
    const hit = this.cache.get(key);
    if (hit && Date.now() - hit.at < DISCOVERY_TTL_MS) return hit.config;
    const insecure = new URL(b.issuer).protocol === 'http:' && isLoopback(new URL(b.issuer).hostname);
    const config = client
      .discovery(new URL(b.issuer), b.clientId, { client_secret: b.clientSecret }, client.ClientSecretBasic(b.clientSecret), {
        execute: insecure ? [client.allowInsecureRequests] : [],
      })
      .then((c) => {
        client.enableNonRepudiationChecks(c);
        return c;
      });
    // A failed discovery is not kept: the next sign-in tries again.
    config.catch(() => this.cache.delete(key));
    this.cache.set(key, { at: Date.now(), config });
    return config;
  }

  /** Where to send the browser; `secrets` are kept with the sign-in for the callback. */
  async authorizationUrl(b: OidcBinding, state: string): Promise<{ url: string; nonce: string; codeVerifier: string }> {
    const config = await this.configuration(b);
    const nonce = client.randomNonce();
    const codeVerifier = client.randomPKCECodeVerifier();
    const url = client.buildAuthorizationUrl(config, {
      redirect_uri: this.redirectUri,
      response_type: 'code',
      scope: ['openid', ...b.scopes.filter((s) => s !== 'openid')].join(' '),
      state,
      nonce,
      code_challenge: await client.calculatePKCECodeChallenge(codeVerifier),
      code_challenge_method: 'S256',
    });
    return { url: url.href, nonce, codeVerifier };
  }

  /**
   * Exchanges the callback's code and answers the signed-in person's claims: the ID token's, completed by
   * the UserInfo endpoint's when the ID token lacks the binding's claim. Throws on any fault.
   */
  async claims(
    b: OidcBinding,
    callbackUrl: URL,
    checks: { state: string; nonce: string; codeVerifier: string },
  ): Promise<Record<string, unknown>> {
    const config = await this.configuration(b);
    const tokens = await client.authorizationCodeGrant(config, callbackUrl, {
      pkceCodeVerifier: checks.codeVerifier,
      expectedState: checks.state,
      expectedNonce: checks.nonce,
      idTokenExpected: true,
    });
    const idClaims = tokens.claims();
    if (!idClaims) throw new Error('The provider sent no ID token');
    if (b.claim in idClaims || !config.serverMetadata().userinfo_endpoint) return idClaims;
    const info = await client.fetchUserInfo(config, tokens.access_token, idClaims.sub);
    return { ...info, ...idClaims };
  }
}
