import { type AuditFilter, instants } from '../domain/audit-filter.ts';
import type { AccountConsoleDeps, AuditEntry } from './deps.ts';

export const PAGE_SIZE = 50;
/** The most entries one export holds; a narrower filter gets the rest. */
export const EXPORT_MAX = 20_000;

/**
 * The actor filter as the audit module takes it: an email names one of the account's people (their user
 * id); anything else is taken as an actor id. An email nobody here has matches nothing.
 */
async function actorId(deps: AccountConsoleDeps, accountId: string, actor: string | undefined) {
  if (!actor) return { id: undefined, unknown: false };
  if (!actor.includes('@')) return { id: actor, unknown: false };
  const id = await deps.personByEmail(accountId, actor);
  return id ? { id, unknown: false } : { id: undefined, unknown: true };
}

const namesOf = (deps: AccountConsoleDeps, accountId: string, entries: readonly AuditEntry[]) =>
  deps.people(
    accountId,
    entries.filter((e) => e.actor.type === 'user' && e.actor.id).map((e) => e.actor.id!),
  );

/** One page of the account's audit log, newest first, with the people who acted named by email. */
export async function auditLogPage(deps: AccountConsoleDeps, accountId: string, filter: AuditFilter) {
  const actor = await actorId(deps, accountId, filter.actor);
  if (actor.unknown) return { entries: [], next: null, names: new Map<string, string>(), unknownActor: true };
  const page = await deps.audit(accountId, {
    ...instants(filter),
    action: filter.action,
    subjectId: filter.subject,
    actorId: actor.id,
    cursor: filter.before,
    limit: PAGE_SIZE,
  });
  return { entries: page.entries, next: page.nextCursor, names: await namesOf(deps, accountId, page.entries), unknownActor: false };
}

/** Every entry the filter matches (from the newest, up to EXPORT_MAX), for the export. */
export async function auditLogAll(deps: AccountConsoleDeps, accountId: string, filter: AuditFilter) {
  const actor = await actorId(deps, accountId, filter.actor);
  const entries: AuditEntry[] = [];
  if (actor.unknown) return { entries, names: new Map<string, string>() };
  let cursor = filter.before;
  while (entries.length < EXPORT_MAX) {
    const page = await deps.audit(accountId, {
      ...instants(filter),
      action: filter.action,
      subjectId: filter.subject,
      actorId: actor.id,
      cursor,
      limit: Math.min(500, EXPORT_MAX - entries.length),
    });
    entries.push(...page.entries);
    if (!page.nextCursor) break;
    cursor = page.nextCursor;
  }
  return { entries, names: await namesOf(deps, accountId, entries) };
}
