import { z } from 'zod';

const common = {
  organizationId: z.int().meta({ description: 'The organization (the account’s own, or the directory’s)' }),
  organizationName: z.string().nullable(),
};
const times = {
  created: z.string().meta({ description: 'ISO 8601' }),
  updated: z.string().meta({ description: 'ISO 8601' }),
};

const OidcView = z
  .object({
    ...common,
    protocol: z.literal('oidc'),
    issuer: z.string(),
    clientId: z.string(),
    clientSecretSet: z.boolean().meta({ description: 'The client secret is stored (encrypted); it is never shown' }),
    scopes: z.array(z.string()).meta({ description: 'Scopes asked for besides openid' }),
    claim: z.string(),
    values: z.array(z.string()),
    ...times,
  })
  .meta({ title: 'OidcBinding' });

const SamlView = z
  .object({
    ...common,
    protocol: z.literal('saml'),
    idpEntityId: z.string().meta({ description: "The identity provider's entityID, from its metadata" }),
    idpSignInUrl: z.string().meta({ description: 'Its SingleSignOnService for the HTTP-Redirect binding' }),
    idpCertificates: z.array(z.string()).meta({ description: 'SHA-256 fingerprints of its signing certificates' }),
    attribute: z.string(),
    values: z.array(z.string()),
    ...times,
  })
  .meta({ title: 'SamlBinding' });

export const BindingView = z.union([OidcView, SamlView]).meta({ description: "An organization's single sign-on binding" });

export const OrganizationParams = z.object({
  organizationId: z
    .string()
    .regex(/^[1-9][0-9]{0,15}$/, { error: "Path parameter 'organizationId' must be a positive integer" })
    .meta({ description: 'The organization id (as the organization search gives it)' }),
});

export const CallbackQuery = z.looseObject({
  state: z.string().max(200).optional(),
  code: z.string().max(4000).optional(),
  error: z.string().max(500).optional(),
});

export const AcsBody = z.object({
  SAMLResponse: z.string({ error: 'SAMLResponse is required' }).min(1).max(1_000_000),
  RelayState: z.string().max(200).optional(),
});
