import type { EndpointAdminDeps } from './endpoint-admin-deps.ts';

/** A day, as on the overview: a delivery given up on longer ago no longer makes its endpoint "failing". */
const RECENT_MS = 24 * 3_600_000;

/** The ids of the account's endpoints whose deliveries fail now (retrying, turned off, or given up on in the last day). */
export const failingEndpointIds = (deps: EndpointAdminDeps, accountId: string) =>
  deps.admin.failingIds(accountId, new Date(deps.clock.now().getTime() - RECENT_MS));
