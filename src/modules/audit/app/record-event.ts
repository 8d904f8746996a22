import type { AuditDeps } from './deps.ts';

/** An entry another module records itself, for a decision no route's audit rule describes (e.g. `abuse.refused`). */
export interface AuditEvent {
  accountId: string;
  action: string;
  /** Who decided: for Vouch's own decisions `{ type: 'system', id: <what decided> }`. */
  actor: { type: string; id: string | null };
  subject: { type: string; id: string } | null;
  /** The HTTP status the request that led to it was answered with. */
  outcome: number;
  method: string;
  route: string;
  /** The client address: recorded only as the keyed digest request entries carry, so the two can be matched. */
  ip: string | null;
}

/** Writes one entry through the audit writer (resolved once it is stored). Ids and digests only. */
export function recordEvent(deps: Pick<AuditDeps, 'writer' | 'box' | 'clock'>, e: AuditEvent): Promise<void> {
  return deps.writer.add({
    row: {
      account_id: e.accountId,
      actor_type: e.actor.type,
      actor_id: e.actor.id,
      action: e.action,
      subject_type: e.subject?.type ?? null,
      subject_id: e.subject?.id ?? null,
      outcome: e.outcome,
      method: e.method,
      route: e.route,
      ip_hash: e.ip ? deps.box.digest(`ip:${e.ip}`).slice(0, 32) : null,
      user_agent: null,
      request_id: null,
      at: deps.clock.now(),
    },
    lookups: [],
  });
}
