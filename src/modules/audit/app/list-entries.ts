import type { AuditRow } from '../infra/audit-repository.ts';
import type { AuditDeps } from './deps.ts';

export interface ListInput {
  from?: string;
  to?: string;
  action?: string;
  subjectId?: string;
  actorId?: string;
  cursor?: string;
  limit: number;
}

const present = (r: AuditRow) => ({
  id: String(r.id),
  at: new Date(r.at).toISOString(),
  action: r.action,
  actor: { type: r.actor_type, id: r.actor_id },
  subject: r.subject_id ? { type: r.subject_type, id: r.subject_id } : null,
  outcome: r.outcome,
  method: r.method,
  route: r.route,
  ipHash: r.ip_hash,
  userAgent: r.user_agent,
  requestId: r.request_id,
});

/** One page of an account's audit log, newest first; `nextCursor` fetches the page after it. */
export async function listEntries(deps: AuditDeps, accountId: string, input: ListInput) {
  const rows = await deps.repo.list({
    accountId,
    from: input.from ? new Date(input.from) : undefined,
    to: input.to ? new Date(input.to) : undefined,
    action: input.action,
    subjectId: input.subjectId,
    actorId: input.actorId,
    before: input.cursor ? Number(input.cursor) : undefined,
    limit: input.limit + 1,
  });
  const page = rows.slice(0, input.limit);
  return { entries: page.map(present), nextCursor: rows.length > input.limit ? String(page[page.length - 1].id) : null };
}
