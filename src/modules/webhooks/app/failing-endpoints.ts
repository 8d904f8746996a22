import type { EndpointHealth } from '../infra/endpoint-health.ts';

/** A day: a delivery given up on longer ago than that no longer makes its endpoint "failing". */
const RECENT_MS = 24 * 3_600_000;

/** The account's endpoints whose deliveries fail now (retrying, turned off, or given up on in the last day). */
export const failingEndpoints = (health: EndpointHealth, accountId: string, now: Date) =>
  health.failing(accountId, new Date(now.getTime() - RECENT_MS));
