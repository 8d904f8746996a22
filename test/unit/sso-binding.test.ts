import { describe, expect, it } from 'vitest';
import { BindingInput, provesSegment, reachableUrl } from '../../src/modules/sso/domain/binding.ts';
import { readIdpMetadata } from '../../src/modules/sso/infra/saml-metadata.ts';

describe('the segment rule', () => {
  it('holds when the claim, one value or several, holds one of the values, whatever the case and spaces', () => {
    expect(provesSegment('student', ['student'])).toBe(true);
    expect(provesSegment(['member', ' Student '], ['faculty', 'student'])).toBe(true);
    expect(provesSegment('STUDENT', ['student'])).toBe(true);
    expect(provesSegment(['staff', 'member'], ['student'])).toBe(false);
    expect(provesSegment('students', ['student'])).toBe(false);
    expect(provesSegment(undefined, ['student'])).toBe(false);
    expect(provesSegment(null, ['student'])).toBe(false);
    expect(provesSegment({ student: true }, ['student'])).toBe(false);
    expect(provesSegment([1, true], ['1', 'true'])).toBe(false);
  });
});

describe('provider addresses', () => {
  it('are https, or http on the loopback interface only, without credentials or fragment', () => {
    expect(reachableUrl('https://login.example.edu')).toBe(true);
    expect(reachableUrl('http://127.0.0.1:4000')).toBe(true);
    expect(reachableUrl('http://localhost:4000/realms/x')).toBe(true);
    expect(reachableUrl('http://login.example.edu')).toBe(false);
    expect(reachableUrl('https://user:pw@login.example.edu')).toBe(false);
    expect(reachableUrl('https://login.example.edu/#x')).toBe(false);
    expect(reachableUrl('ftp://login.example.edu')).toBe(false);
    expect(reachableUrl('login.example.edu')).toBe(false);
  });
});

describe('the binding body', () => {
  const oidc = { protocol: 'oidc', issuer: 'https://id.example.edu', clientId: 'c', clientSecret: 's', claim: 'aff', values: ['student'] };
  it('takes an OpenID Connect binding, trimming its texts and defaulting scopes', () => {
    const parsed = BindingInput.parse({ ...oidc, claim: ' aff ' });
    expect(parsed).toMatchObject({ protocol: 'oidc', claim: 'aff', scopes: [] });
  });
  it('names what is wrong', () => {
    const finding = (body: unknown) => BindingInput.safeParse(body).error?.issues[0].message;
    expect(finding({ ...oidc, protocol: 'cas' })).toMatch(/protocol must be 'oidc' or 'saml'/);
    expect(finding({ ...oidc, values: [] })).toMatch(/at least one value/);
    expect(finding({ ...oidc, scopes: ['two words'] })).toMatch(/one word/);
    expect(finding({ ...oidc, attribute: 'x' })).toMatch(/Unexpected property 'attribute'/);
    expect(finding('text')).toMatch(/JSON object|protocol/);
  });
});

describe('identity provider metadata', () => {
  const metadata = (inner: string) =>
    `<md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" entityID="https://idp.example.edu"><md:IDPSSODescriptor protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol">${inner}</md:IDPSSODescriptor></md:EntityDescriptor>`;
  const redirect =
    '<md:SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect" Location="https://idp.example.edu/sso"/>';
  const key = (use: string, cert: string) =>
    `<md:KeyDescriptor${use}><ds:KeyInfo xmlns:ds="http://www.w3.org/2000/09/xmldsig#"><ds:X509Data><ds:X509Certificate>${cert}</ds:X509Certificate></ds:X509Data></ds:KeyInfo></md:KeyDescriptor>`;

  it('refuses what Vouch cannot sign in with, saying what is missing', () => {
    expect(() => readIdpMetadata('<x')).toThrow(/well-formed/);
    expect(() => readIdpMetadata('<!DOCTYPE x [<!ENTITY a "b">]><x/>')).toThrow(/DOCTYPE/);
    expect(() => readIdpMetadata('<root/>')).toThrow(/EntityDescriptor/);
    expect(() => readIdpMetadata(metadata(''))).toThrow(/HTTP-Redirect/);
    expect(() => readIdpMetadata(metadata(redirect))).toThrow(/signing certificate/);
    expect(() => readIdpMetadata(metadata(redirect + key(' use="encryption"', 'QUJD')))).toThrow(/signing certificate/);
    expect(() => readIdpMetadata(metadata(redirect + key('', 'bm90IGEgY2VydA==')))).toThrow(/not a valid X.509/);
    expect(() => readIdpMetadata(metadata(redirect.replace('https:', 'http:')))).toThrow(/https/);
  });
});
