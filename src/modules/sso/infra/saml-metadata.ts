import { X509Certificate } from 'node:crypto';
import { DOMParser } from '@xmldom/xmldom';
import { reachableUrl, type SamlIdp } from '../domain/binding.ts';

const MD = 'urn:oasis:names:tc:SAML:2.0:metadata';
const DS = 'http://www.w3.org/2000/09/xmldsig#';
const REDIRECT = 'urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect';

/**
 * Reads an identity provider's SAML 2.0 metadata: its entity id, its single sign-on service for the
 * HTTP-Redirect binding, and its signing certificates (those marked `use="signing"` or unmarked). Throws
 * an Error with a sentence for the administrator when any of them is missing or unusable.
 */
export function readIdpMetadata(xml: string): SamlIdp {
  if (/<!DOCTYPE/i.test(xml)) throw new Error('metadataXml must not contain a DOCTYPE');
  const problems: string[] = [];
  const doc = new DOMParser({
    locator: {},
    errorHandler: { warning: () => {}, error: (m: string) => problems.push(m), fatalError: (m: string) => problems.push(m) },
  }).parseFromString(xml, 'text/xml');
  if (problems.length || !doc?.documentElement) throw new Error(`metadataXml is not well-formed XML: ${problems[0] ?? 'empty document'}`);

  const root = doc.documentElement;
  const entity =
    root.namespaceURI === MD && root.localName === 'EntityDescriptor'
      ? root
      : root.namespaceURI === MD && root.localName === 'EntitiesDescriptor'
        ? firstChild(root, MD, 'EntityDescriptor')
        : null;
  if (!entity) throw new Error('metadataXml must be SAML 2.0 metadata with an EntityDescriptor');
  const entityId = entity.getAttribute('entityID')?.trim();
  if (!entityId) throw new Error('The EntityDescriptor has no entityID');
  const idp = firstChild(entity, MD, 'IDPSSODescriptor');
  if (!idp) throw new Error('The metadata describes no identity provider (IDPSSODescriptor)');

  const sso = children(idp, MD, 'SingleSignOnService').find((e) => e.getAttribute('Binding') === REDIRECT);
  const signInUrl = sso?.getAttribute('Location')?.trim() ?? '';
  if (!signInUrl) throw new Error('The identity provider has no SingleSignOnService for the HTTP-Redirect binding');
  if (!reachableUrl(signInUrl))
    throw new Error('The SingleSignOnService Location must be an https URL (http only on localhost or 127.0.0.1)');

  const certificates = children(idp, MD, 'KeyDescriptor')
    .filter((k) => (k.getAttribute('use') || 'signing') === 'signing')
    .flatMap((k) => Array.from(k.getElementsByTagNameNS(DS, 'X509Certificate')) as Element[])
    .map((c) => (c.textContent ?? '').replace(/\s+/g, ''))
    .filter(Boolean);
  if (!certificates.length) throw new Error('The identity provider has no signing certificate (KeyDescriptor with an X509Certificate)');
  for (const c of certificates) {
    try {
      new X509Certificate(Buffer.from(c, 'base64'));
    } catch {
      throw new Error('A signing certificate of the metadata is not a valid X.509 certificate');
    }
  }
  return { entityId, signInUrl, certificates };
}

/** A certificate as PEM, as the SAML library takes it. */
export const pem = (base64Der: string) =>
  `-----BEGIN CERTIFICATE-----\n${base64Der.match(/.{1,64}/g)!.join('\n')}\n-----END CERTIFICATE-----`;

/** The SHA-256 fingerprint of a certificate, as administrators compare them (`AB:CD:...`). */
export const fingerprint = (base64Der: string) => new X509Certificate(Buffer.from(base64Der, 'base64')).fingerprint256;

const children = (parent: Element, ns: string, name: string): Element[] =>
  (Array.from(parent.childNodes) as Node[]).filter(
    (n): n is Element => n.nodeType === 1 && (n as Element).namespaceURI === ns && (n as Element).localName === name,
  );

const firstChild = (parent: Element, ns: string, name: string): Element | null => children(parent, ns, name)[0] ?? null;
