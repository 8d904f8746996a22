/**
 * Roles a token or user can hold. ADMIN manages the account; the others open one area each; VIEWER only
 * reads (the console's pages without personal data), and holds no right the others lack.
 */
export const ROLES = ['ADMIN', 'VERIFIER', 'REVIEWER', 'BULK_VERIFIER', 'REPORTER', 'VIEWER'] as const;
export type Role = (typeof ROLES)[number];
/** Any role at all: what a console page open to every signed-in person requires. */
export const ANY_ROLE: readonly [Role, ...Role[]] = ROLES;

/** Who is calling: resolved from a bearer token, scoped to exactly one account. */
export interface Principal {
  accountId: string;
  tokenId: string;
  /** The OAuth client an access token was issued to (null for a plain API token). */
  clientId: string | null;
  roles: readonly Role[];
  /** The person behind a console session (null or absent for API tokens that name no user). */
  userId?: string | null;
  /** The console session the request came with; absent for bearer tokens. */
  sessionId?: string | null;
}

export const isRole = (value: unknown): value is Role => typeof value === 'string' && (ROLES as readonly string[]).includes(value);
export const hasRole = (p: Principal, role: Role): boolean => p.roles.includes(role) || p.roles.includes('ADMIN');
