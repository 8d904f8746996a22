import { z } from 'zod';
import { ROLES } from '../../../shared/principal.ts';
import { ALLOWED_ADDRESSES_MAX } from '../domain/allowed-addresses.ts';

// The accounts module's bodies and answers.

/**
 * The OAuth2 token request (RFC 6749 section 4.4), form-encoded or JSON; the client's credentials may
 * come in HTTP Basic instead. Any value is taken for each parameter, as before: a grant type other than
 * `client_credentials` is `unsupported_grant_type`, credentials that are not a known client's (of any
 * type) `invalid_client` (401). A parameter the endpoint does not know is ignored, as section 3.2 asks.
 */
const parameter = (description: string, examples?: string[]) =>
  z
    .unknown()
    .optional()
    .meta({ type: 'string', description, ...(examples ? { examples } : {}) });
export const TokenRequest = z
  .looseObject({
    grant_type: parameter('Only `client_credentials`', ['client_credentials']),
    client_id: parameter("The OAuth client's id (or in HTTP Basic)"),
    client_secret: parameter("The OAuth client's secret (or in HTTP Basic)"),
  })
  .nullish()
  .meta({ examples: [{ grant_type: 'client_credentials', client_id: '5f1c45b451cc4d30b7a132c2', client_secret: 'vcs_…' }] });

/** The token issued for a client. */
export const AccessToken = z
  .object({
    access_token: z.string(),
    token_type: z.string().meta({ const: 'Bearer' }),
    expires_in: z.int().meta({ description: 'Seconds until the token stops being honoured' }),
  })
  .meta({ description: 'A bearer token', examples: [{ access_token: 'vat_…', token_type: 'Bearer', expires_in: 3600 }] });

const roles = z.array(z.string().meta({ enum: [...ROLES] }));

/** A token's allow-list of client addresses, as answers show it. */
const allowedIpAddresses = z
  .array(z.string())
  .nullable()
  .meta({ description: 'The client addresses (IP addresses, CIDR ranges) the token is honoured from; null for any address' });

/**
 * The allow-list a new token may be given. Each entry's form (an IPv4 or IPv6 address, or a CIDR range) is
 * checked by the use case, so that a refusal names the entry itself.
 */
export const AllowedIpAddressesInput = z
  .array(z.string().max(64))
  .min(1)
  .max(ALLOWED_ADDRESSES_MAX)
  .optional()
  .meta({
    description:
      'Honour the token only from these client addresses (IPv4 or IPv6 addresses, CIDR ranges; an IPv4-mapped IPv6 address counts as its IPv4 address). The client address is the one after trusted proxies (TRUST_PROXY). Omit for any address',
    examples: [['203.0.113.0/24', '2001:db8::/32']],
  });

/** A new API token: its secret is in this answer only. */
export const IssuedToken = z
  .object({
    id: z.string(),
    name: z.string(),
    token: z.string().meta({ description: 'The secret, shown once: only its SHA-256 is stored' }),
    prefix: z.string().meta({ description: 'The start of the token, by which lists show it' }),
    roles,
    allowedIpAddresses,
  })
  .meta({ description: 'The token, with its secret' });

/** An API token as lists show it: never its secret. */
export const TokenListing = z
  .array(
    z.object({
      id: z.string(),
      name: z.string(),
      prefix: z.string(),
      roles,
      allowedIpAddresses,
      created: z.number().meta({ description: 'Milliseconds since 1970-01-01 UTC' }),
      revoked: z.number().nullable(),
    }),
  )
  .meta({ description: "The account's API tokens" });

/** A new OAuth2 client: its secret is in this answer only, under both names the token endpoints read. */
export const RegisteredClient = z
  .object({
    clientId: z.string(),
    clientSecret: z.string().meta({ description: 'Sent as `client_secret` to /rest/v2/oauth/token; shown once' }),
    secret: z.string().meta({ description: 'The same secret, under the name /api/auth/token reads' }),
    name: z.string(),
    roles,
  })
  .meta({ description: 'The client, with its secret' });

/** An answer with no body. */
export const NoContent = z.null().meta({ description: 'Done; no body' });
