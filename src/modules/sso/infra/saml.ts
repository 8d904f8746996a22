import { type CacheProvider, generateServiceProviderMetadata, SAML, ValidateInResponseTo } from '@node-saml/node-saml';
import type { SamlIdp } from '../domain/binding.ts';
import { SIGN_IN_TTL_MS } from '../domain/sign-in.ts';
import { pem } from './saml-metadata.ts';

/** Where Vouch is, as a SAML service provider: its entity id (the audience) and its assertion consumer service. */
export interface ServiceProvider {
  entityId: string;
  acsUrl: string;
}

/**
 * The one request id a response may answer: the library checks InResponseTo against this cache, which
 * holds only the id stored with the sign-in (or, when the request is made, catches the id it makes).
 */
class OneRequest implements CacheProvider {
  constructor(public id: string | null = null) {}
  async saveAsync(key: string, value: string) {
    this.id = key;
    return { value, createdAt: Date.now() };
  }
  async getAsync(key: string) {
    return key === this.id ? new Date().toISOString() : null;
  }
  async removeAsync(key: string | null) {
    if (key !== this.id) return null;
    this.id = null;
    return key;
  }
}

/**
 * SAML 2.0 through `@node-saml/node-saml`: an AuthnRequest for the HTTP-Redirect binding, and the check
 * of the identity provider's POSTed response: its signature (the assertion must be signed by a
 * certificate of the metadata), the audience, the time window, and InResponseTo (the request of this
 * sign-in). The library's own clock skew allowance is 30 seconds.
 */
export class SamlClient {
  constructor(private readonly sp: ServiceProvider) {}

  private saml(idp: SamlIdp, cache: OneRequest) {
    return new SAML({
      entryPoint: idp.signInUrl,
      issuer: this.sp.entityId,
      audience: this.sp.entityId,
      callbackUrl: this.sp.acsUrl,
      idpCert: idp.certificates.map(pem),
      idpIssuer: idp.entityId,
      wantAssertionsSigned: true,
      wantAuthnResponseSigned: false,
      validateInResponseTo: ValidateInResponseTo.always,
      requestIdExpirationPeriodMs: SIGN_IN_TTL_MS,
      acceptedClockSkewMs: 30_000,
      identifierFormat: null,
      disableRequestedAuthnContext: true,
      cacheProvider: cache,
    });
  }

  /** Vouch's service provider metadata, for the identity provider's administrator: its entity id and ACS. */
  metadata(): string {
    return generateServiceProviderMetadata({
      issuer: this.sp.entityId,
      callbackUrl: this.sp.acsUrl,
      identifierFormat: null,
      wantAssertionsSigned: true,
    });
  }

  /** The URL of the AuthnRequest (HTTP-Redirect binding) and its id, kept with the sign-in. */
  async authorizationUrl(idp: SamlIdp, relayState: string): Promise<{ url: string; requestId: string }> {
    const cache = new OneRequest();
    const url = await this.saml(idp, cache).getAuthorizeUrlAsync(relayState, undefined, {});
    if (!cache.id) throw new Error('The SAML request has no id');
    return { url, requestId: cache.id };
  }

  /** The attributes of a valid response to `requestId`, by Name; throws on any fault. */
  async attributes(idp: SamlIdp, requestId: string, samlResponse: string): Promise<Record<string, unknown>> {
    const { profile } = await this.saml(idp, new OneRequest(requestId)).validatePostResponseAsync({ SAMLResponse: samlResponse });
    if (!profile) throw new Error('The SAML response holds no assertion');
    return (profile.attributes as Record<string, unknown> | undefined) ?? {};
  }
}
