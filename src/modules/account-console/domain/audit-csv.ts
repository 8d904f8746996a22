import { csvCell } from '../../../shared/csv.ts';
import type { AuditEntry } from '../app/deps.ts';

const HEADER = ['at', 'action', 'actor_type', 'actor', 'subject_type', 'subject_id', 'outcome', 'method', 'route', 'request_id'];

/** Who did it, in words: a person by email when known, else the actor's id (a token, a link digest...). */
export const actorText = (e: AuditEntry, names: ReadonlyMap<string, string>) =>
  e.actor.type === 'user' && e.actor.id ? (names.get(e.actor.id) ?? e.actor.id) : (e.actor.id ?? '');

/**
 * The entries as CSV (CRLF records, a header row). Every value goes through the project's cell writer, which
 * quotes it and defuses text a spreadsheet would read as a formula: actions, routes and user agents
 * come from requests, so may hold anything.
 */
export function auditCsv(entries: readonly AuditEntry[], names: ReadonlyMap<string, string>): string {
  const lines = [HEADER.join(',')];
  for (const e of entries) {
    lines.push(
      [
        e.at,
        e.action,
        e.actor.type,
        actorText(e, names),
        e.subject?.type ?? '',
        e.subject?.id ?? '',
        String(e.outcome),
        e.method,
        e.route,
        e.requestId ?? '',
      ]
        .map(csvCell)
        .join(','),
    );
  }
  return `${lines.join('\r\n')}\r\n`;
}
