import { z } from 'zod';

/**
 * An organization's single sign-on: the provider its people sign in at, and the rule that proves the
 * segment (the claim or attribute holds one of `values`). One binding per account and organization.
 */
export type Binding = OidcBinding | SamlBinding;

export interface OidcBinding {
  protocol: 'oidc';
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** Scopes asked for besides `openid` (a provider may release the claim only for one of them). */
  scopes: string[];
  claim: string;
  values: string[];
}

export interface SamlBinding {
  protocol: 'saml';
  metadataXml: string;
  attribute: string;
  values: string[];
}

/** What Vouch reads from an identity provider's SAML metadata. */
export interface SamlIdp {
  entityId: string;
  /** The single sign-on service for the HTTP-Redirect binding. */
  signInUrl: string;
  /** Signing certificates, base64 DER, as the metadata gives them. */
  certificates: string[];
}

const text = (what: string, max: number) =>
  z
    .string({ error: `${what} must be a string` })
    .trim()
    .min(1, { error: `${what} must not be empty` })
    .max(max, { error: `${what} must be at most ${max} characters` });

const values = z
  .array(text('Each value', 200), { error: 'values must be an array of strings' })
  .min(1, { error: 'values must hold at least one value' })
  .max(50, { error: 'values must hold at most 50 values' });

const SCOPE = /^[\x21\x23-\x5B\x5D-\x7E]+$/;

/** A URL that a provider can be reached at: https, or http on the loopback interface (local development). */
export function reachableUrl(value: string): boolean {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return false;
  }
  if (url.username || url.password || url.hash) return false;
  if (url.protocol === 'https:') return true;
  return url.protocol === 'http:' && isLoopback(url.hostname);
}

export const isLoopback = (host: string) => host === 'localhost' || host === '[::1]' || /^127(\.\d{1,3}){3}$/.test(host);

const unknownKey = (known: string) => (issue: { code: string; keys?: string[] }) =>
  issue.code === 'unrecognized_keys' ? `Unexpected property '${issue.keys?.[0]}', expected one of: ${known}` : undefined;

export const OidcBindingInput = z.strictObject(
  {
    protocol: z.literal('oidc'),
    issuer: text('issuer', 2000).refine(reachableUrl, {
      error: 'issuer must be an https URL (http only on localhost or 127.0.0.1) without credentials or fragment',
    }),
    clientId: text('clientId', 500),
    clientSecret: text('clientSecret', 2000),
    scopes: z
      .array(z.string().regex(SCOPE, { error: 'Each scope must be one word of printable characters' }).max(100), {
        error: 'scopes must be an array of strings',
      })
      .max(20, { error: 'scopes must hold at most 20 scopes' })
      .default([]),
    claim: text('claim', 200),
    values,
  },
  { error: unknownKey('protocol, issuer, clientId, clientSecret, scopes, claim, values') },
);

export const SamlBindingInput = z.strictObject(
  {
    protocol: z.literal('saml'),
    metadataXml: text('metadataXml', 200_000),
    attribute: text('attribute', 500),
    values,
  },
  { error: unknownKey('protocol, metadataXml, attribute, values') },
);

/** The body of a binding (management API, `vouch sso set --file`). */
export const BindingInput = z.discriminatedUnion('protocol', [OidcBindingInput, SamlBindingInput], {
  error: (issue) =>
    issue.code === 'invalid_union'
      ? "protocol must be 'oidc' or 'saml'"
      : issue.code === 'invalid_type'
        ? 'A binding must be a JSON object'
        : undefined,
});
export type BindingInput = z.infer<typeof BindingInput>;

/**
 * The rule: the claim or attribute holds one of the binding's values. A provider may give one value or a
 * list; values compare without regard to case or surrounding spaces (`Student` is `student`). Anything
 * but strings (a number, an object) proves nothing.
 */
export function provesSegment(given: unknown, accepted: readonly string[]): boolean {
  const wanted = new Set(accepted.map(fold));
  const found = Array.isArray(given) ? given : [given];
  return found.some((v) => typeof v === 'string' && wanted.has(fold(v)));
}

const fold = (v: string) => v.trim().toLowerCase();
