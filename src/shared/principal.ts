/** Roles a token or user can hold. ADMIN manages the account; the others open one area each. */
export const ROLES = ['ADMIN', 'VERIFIER', 'REVIEWER', 'BULK_VERIFIER', 'REPORTER'] as const;
export type Role = (typeof ROLES)[number];

/** Who is calling: resolved from a bearer token, scoped to exactly one account. */
export interface Principal {
  accountId: string;
  tokenId: string;
  /** The OAuth client an access token was issued to (null for a plain API token). */
  clientId: string | null;
  roles: readonly Role[];
}

export const isRole = (value: unknown): value is Role => typeof value === 'string' && (ROLES as readonly string[]).includes(value);
export const hasRole = (p: Principal, role: Role): boolean => p.roles.includes(role) || p.roles.includes('ADMIN');
