import { generateKeyPairSync, randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import zlib from 'node:zlib';
import { SignedXml } from 'xml-crypto';

/**
 * A SAML 2.0 identity provider on loopback for the single sign-on tests. It answers an AuthnRequest
 * (HTTP-Redirect binding) for the person named by `login` (what a person would type at its sign-in page)
 * with the HTTP-POST binding's page: a form holding a signed Response and the RelayState, bound for the
 * request's AssertionConsumerServiceURL. The assertion carries `eduPersonAffiliation` and is signed with
 * the key below, whose certificate its metadata publishes.
 *
 * The key and its self-signed certificate are test fixtures made for these tests only (RSA 2048, valid
 * for a hundred years).
 */
const KEY = `-----BEGIN PRIVATE KEY-----
MIIEvwIBADANBgkqhkiG9w0BAQEFAASCBKkwggSlAgEAAoIBAQDAwKKK7KHbcDQQ
sK0ZMyN2kds85YTi/FQb2ziOOMfxWY3c/HCmfHZ8MnERhiKlAZNCbAKs5qaCplGC
zrG6wQ6vabBQqe0J3bEogRMTZXaCpvuXH6yFNKGirQ0dXrujucnFdt0+Kn0/vh9/
DAPSM+35Az1qS8JOA+/OlT7gcaiYwwz9e9AklIx4J7l10T/rZp2P6jtdR/C6U7gr
z7OAF7JGj3nu2zgfPYsZkqjGs1c4kgjWqmf53PzoB9pfuUWqTDW5ttc5VaIFa9kC
xHMJgS6egtaydAnqJuSEIIjf4Ykz5pzH0VqQ3Q2voV2+OH93SFrW7D+YFmaAHMNz
MISstxaNAgMBAAECggEAKRwMrreIT85u9E5SJMlA24WBLkw/Ws/5OlW3irG2hxWU
CZk3h3KNLLDvZ47lra6X0zdJHMo2oi/Ju63Mvyl0sdnHNnT/bra/FYXt5RmjPHtT
tmgVefV/MbxZyzVMrL8vtvNCfYM/Ykxw2D5eREM6En1r6FNPFieFylgPaHwlOqsj
YznEqxsdJuBKKAfm1JqCXtt5mttfK8RnmbSpECtcZnQYwxmrQg3CLgSxop+VlDAf
vuB7oIYkzVogFQHbAQu8satneqt4Ge0Zto3wHS9xfvwKtKuVK51cRRCUOUA3eWgL
X5EVWjlsrETgyeBuvoCoR/UTHAbB48KAnlsV36JyuwKBgQD+npDHqX5KG9w6q1zi
Tl74oib0LwkLhHZNtg7jHsQf5vb96hWN87lWD2CyJOlDi1TQWQIv6Y51/qGSazE3
jxhrU5hjkHU0xDT2uDqmCRcoK5CMo5HAp7c7QW/dvoLPx2JJGPR8IW9mOp0SFEBJ
U0JwOv0NwuH03qt+sDX3AxkJSwKBgQDBzDFNF3c3A7Sh/u+AP0u9jlD0oNEICxRP
DKDsIXjZ2ghQE7Wa3RTdeFOT+xSyv3oxaXqRg8dfoDRRjMb8Wf3LDQE6LRztCETW
aTRIxex2XXPyqdyHauJ2b/VyG/fYEBkrQm3AmnkYBLnFKXdoccgpZoevdGAGu+Q5
0iiC0zuQhwKBgQDX7Wzmhgy9mGbpsk1w9fmAbTMPvZu0Er+pI434eizkySAJMSza
VyiDnULpkHfpeg2RKwq5yx2vXyNyYkk4zrdsvVXsiaN7/jDUUmQaTnc+78MEIesH
MLQpIlNV/6w7vODTEMC1TD2GuopdvKLQDDW5q6zSsMSivvs80v7Q3eWrhQKBgQC4
1zU+vl7qjhI/YJS20ahAB/mXGbvF3Ctmqjjif5pwztCW7/WK28sG4bl1r0kypAa8
Ekrhd7s1reu4zHkOQBcdEC5XeqfYPMbLalSABKdgzgnFLdY1IvEU3fxQ9fQSlGgt
JpLf3XYaPoehUceeSsgLFMvdwTXFtngb3iLdhPOPCQKBgQDe3wTTGMaw8uLHYCv8
Hgm070qhc9+3V6aZzOmZ1TgGhxq1YBh3JR4awF6qEZczZvPLMo555E8TgTgdM8YR
sz3ejx9ZEN+Zjsu+AD5BO+OoJn7bbCURQZLWNS04FMprqBi0wnL0f4C1F9e8JgIL
iZumQSFojZxeoBLm+D+R9TVUVw==
-----END PRIVATE KEY-----`;
const CERT = `-----BEGIN CERTIFICATE-----
MIIDMTCCAhmgAwIBAgIUOpfxSRFkDPtUsag6XB7rtLx2H1kwDQYJKoZIhvcNAQEL
BQAwJzElMCMGA1UEAwwcVm91Y2ggdGVzdCBpZGVudGl0eSBwcm92aWRlcjAgFw0y
NjEyMDcxNjEzNTRaGA8yMTI2MTExMzE2MTM1NFowJzElMCMGA1UEAwwcVm91Y2gg
dGVzdCBpZGVudGl0eSBwcm92aWRlcjCCASIwDQYJKoZIhvcNAQEBBQADggEPADCC
AQoCggEBAMDAoorsodtwNBCwrRkzI3aR2zzlhOL8VBvbOI44x/FZjdz8cKZ8dnwy
cRGGIqUBk0JsAqzmpoKmUYLOsbrBDq9psFCp7QndsSiBExNldoKm+5cfrIU0oaKt
DR1eu6O5ycV23T4qfT++H38MA9Iz7fkDPWpLwk4D786VPuBxqJjDDP170CSUjHgn
uXXRP+tmnY/qO11H8LpTuCvPs4AXskaPee7bOB89ixmSqMazVziSCNaqZ/nc/OgH
2l+5RapMNbm21zlVogVr2QLEcwmBLp6C1rJ0Ceom5IQgiN/hiTPmnMfRWpDdDa+h
Xb44f3dIWtbsP5gWZoAcw3MwhKy3Fo0CAwEAAaNTMFEwHQYDVR0OBBYEFJK4I+tn
dCI+hZ4V9LCSlugkFqUuMB8GA1UdIwQYMBaAFJK4I+tndCI+hZ4V9LCSlugkFqUu
MA8GA1UdEwEB/wQFMAMBAf8wDQYJKoZIhvcNAQELBQADggEBAHSbiZHyzp2SgvJp
sKIxTlwCfRjwOU+/qYGuPLepotdnlS9Ol99bhSJgtcLzWojzrW/p6/kM5w4xOc/n
098162MSDCdFb8ebUGg8/Jg/6/x+vkfiC3YV5DbpDPi5QzzQcy5E7/cj+Mnvi0aC
rkZ/UCvIiBMJqYvaBsGWno49plESEVMDRPpGZ6t18UOyXKQKWQ9a2X19nzaZgckd
If2/1VByBE4l7v2Bw0uij6HGdU0+Ub1aXvYlbiNDSk0KkdtlEWu3ZyELPCKqICCr
f33hkYMx6v+B0Bm5EVi57V7yZuFzJ1/6IfeB9e5nMNFYCbq5MdwivftoTPaESY4j
TL5CJ+c=
-----END CERTIFICATE-----`;

const SAMLP = 'urn:oasis:names:tc:SAML:2.0:protocol';
const SAML = 'urn:oasis:names:tc:SAML:2.0:assertion';

/** How a test spoils the answer: signed by another key, for another audience, or already expired. */
export interface Spoil {
  otherKey?: boolean;
  audience?: string;
  expired?: boolean;
}

export interface TestSamlIdp {
  entityId: string;
  metadataXml: string;
  /** The IdP's answer to the browser at `authorizationUrl` (with `login` appended): the form's action and fields. */
  signIn(authorizationUrl: string, login: string, spoil?: Spoil): Promise<{ action: string; SAMLResponse: string; RelayState: string }>;
  close(): Promise<void>;
}

const attr = (s: string) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

export async function startSamlIdp(spEntityId: string, people: Record<string, string[]>): Promise<TestSamlIdp> {
  const otherKey = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs8', format: 'pem' }) as string;
  const spoils = new Map<string, Spoil>();
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', entityId);
    if (url.pathname !== '/sso') return void res.writeHead(404).end();
    const request = zlib.inflateRawSync(Buffer.from(url.searchParams.get('SAMLRequest') ?? '', 'base64')).toString('utf8');
    const login = url.searchParams.get('login') ?? '';
    const id = /\sID="([^"]+)"/.exec(request)?.[1] ?? '';
    const acs = /AssertionConsumerServiceURL="([^"]+)"/.exec(request)?.[1] ?? '';
    const xml = response({ requestId: id, acs, login, spoil: spoils.get(login) ?? {} });
    const fields = { SAMLResponse: Buffer.from(xml).toString('base64'), RelayState: url.searchParams.get('RelayState') ?? '' };
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(
      `<form method="post" action="${attr(acs)}">${Object.entries(fields)
        .map(([k, v]) => `<input type="hidden" name="${k}" value="${attr(v)}">`)
        .join('')}</form>`,
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const entityId = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  function response(r: { requestId: string; acs: string; login: string; spoil: Spoil }): string {
    const now = Date.now() - (r.spoil.expired ? 3_600_000 : 0);
    const at = (ms: number) => new Date(now + ms).toISOString();
    const values = (people[r.login] ?? []).map((v) => `<saml:AttributeValue>${v}</saml:AttributeValue>`).join('');
    const assertionId = `_a${randomBytes(16).toString('hex')}`;
    const xml =
      `<samlp:Response xmlns:samlp="${SAMLP}" xmlns:saml="${SAML}" ID="_r${randomBytes(16).toString('hex')}" Version="2.0" IssueInstant="${at(0)}" Destination="${attr(r.acs)}" InResponseTo="${attr(r.requestId)}">` +
      `<saml:Issuer>${entityId}</saml:Issuer>` +
      `<samlp:Status><samlp:StatusCode Value="urn:oasis:names:tc:SAML:2.0:status:Success"/></samlp:Status>` +
      `<saml:Assertion xmlns:saml="${SAML}" ID="${assertionId}" Version="2.0" IssueInstant="${at(0)}">` +
      `<saml:Issuer>${entityId}</saml:Issuer>` +
      `<saml:Subject><saml:NameID Format="urn:oasis:names:tc:SAML:1.1:nameid-format:unspecified">${attr(r.login)}</saml:NameID>` +
      `<saml:SubjectConfirmation Method="urn:oasis:names:tc:SAML:2.0:cm:bearer"><saml:SubjectConfirmationData NotOnOrAfter="${at(300_000)}" Recipient="${attr(r.acs)}" InResponseTo="${attr(r.requestId)}"/></saml:SubjectConfirmation></saml:Subject>` +
      `<saml:Conditions NotBefore="${at(-60_000)}" NotOnOrAfter="${at(300_000)}"><saml:AudienceRestriction><saml:Audience>${attr(r.spoil.audience ?? spEntityId)}</saml:Audience></saml:AudienceRestriction></saml:Conditions>` +
      `<saml:AuthnStatement AuthnInstant="${at(0)}" SessionIndex="_s${randomBytes(8).toString('hex')}"><saml:AuthnContext><saml:AuthnContextClassRef>urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport</saml:AuthnContextClassRef></saml:AuthnContext></saml:AuthnStatement>` +
      (values
        ? `<saml:AttributeStatement><saml:Attribute Name="eduPersonAffiliation">${values}</saml:Attribute></saml:AttributeStatement>`
        : '') +
      `</saml:Assertion></samlp:Response>`;
    const sig = new SignedXml({
      privateKey: r.spoil.otherKey ? otherKey : KEY,
      publicCert: CERT,
      signatureAlgorithm: 'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256',
      canonicalizationAlgorithm: 'http://www.w3.org/2001/10/xml-exc-c14n#',
    });
    sig.addReference({
      xpath: `//*[@ID='${assertionId}']`,
      digestAlgorithm: 'http://www.w3.org/2001/04/xmlenc#sha256',
      transforms: ['http://www.w3.org/2000/09/xmldsig#enveloped-signature', 'http://www.w3.org/2001/10/xml-exc-c14n#'],
    });
    sig.computeSignature(xml, { location: { reference: `//*[@ID='${assertionId}']/*[local-name(.)='Issuer']`, action: 'after' } });
    return sig.getSignedXml();
  }

  const certBody = CERT.replace(/-----[^-]+-----/g, '').replace(/\s+/g, '');
  const metadataXml =
    `<?xml version="1.0"?>\n<md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" entityID="${entityId}">` +
    `<md:IDPSSODescriptor protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol">` +
    `<md:KeyDescriptor use="signing"><ds:KeyInfo xmlns:ds="http://www.w3.org/2000/09/xmldsig#"><ds:X509Data><ds:X509Certificate>${certBody}</ds:X509Certificate></ds:X509Data></ds:KeyInfo></md:KeyDescriptor>` +
    `<md:SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST" Location="${entityId}/sso-post"/>` +
    `<md:SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect" Location="${entityId}/sso"/>` +
    `</md:IDPSSODescriptor></md:EntityDescriptor>`;

  return {
    entityId,
    metadataXml,
    async signIn(authorizationUrl, login, spoil = {}) {
      spoils.set(login, spoil);
      const res = await fetch(`${authorizationUrl}&login=${encodeURIComponent(login)}`);
      const page = await res.text();
      const field = (name: string) => new RegExp(`name="${name}" value="([^"]*)"`).exec(page)?.[1] ?? '';
      const fromHtml = (s: string) =>
        s
          .replace(/&quot;/g, '"')
          .replace(/&lt;/g, '<')
          .replace(/&amp;/g, '&');
      return {
        action: fromHtml(/action="([^"]*)"/.exec(page)?.[1] ?? ''),
        SAMLResponse: fromHtml(field('SAMLResponse')),
        RelayState: fromHtml(field('RelayState')),
      };
    },
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
