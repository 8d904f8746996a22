import createClient, { type Client } from 'openapi-fetch';
import type { paths } from './schema.d.ts';

export type { components, operations, paths } from './schema.d.ts';
export type VouchClient = Client<paths>;

/**
 * A client of the Vouch server at `baseUrl` (`https://vouch.example.com`), sending `token` (an API token or
 * an OAuth2 access token) as a bearer token when given. Paths, methods, path and query parameters, and the
 * bodies the server's document describes are checked by TypeScript; calls answer `{ data, error, response }`.
 */
export function createVouchClient(baseUrl: string, token?: string): VouchClient {
  return createClient<paths>({
    baseUrl: baseUrl.replace(/\/+$/, ''),
    headers: token ? { authorization: `Bearer ${token}` } : {},
  });
}
