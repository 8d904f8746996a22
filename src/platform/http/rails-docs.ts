import type { DeclaredRoute, Rails } from './rails.ts';

const START = "<!-- rails:start (generated from the routes' declarations: `npm run docs:rails`; do not edit by hand) -->";
const END = '<!-- rails:end -->';

const access = (r: Rails) => (Array.isArray(r.access) ? r.access.join(', ') : r.access === 'link' ? 'the link in the path' : 'anyone');
const audit = (r: Rails) => (r.audit === 'none' ? '' : `\`${r.audit.action}\`${r.audit.subjectType ? ` (${r.audit.subjectType})` : ''}`);
const IDEMPOTENCY: Record<string, string> = {
  change: 'honoured',
  read: 'ignored (a read)',
  secret: 'refused (a secret)',
  exchange: 'ignored (an exchange)',
};

/** One row per route, in path order, of what its rails declare. */
export function railsTableMarkdown(routes: readonly DeclaredRoute[]): string {
  const rows = [...routes]
    .sort((a, b) => a.url.localeCompare(b.url) || a.method.localeCompare(b.method))
    .map(
      ({ method, url, rails: r }) =>
        `| \`${method} ${url}\` | ${access(r)} | ${r.limit === 'none' ? '' : `\`${r.limit}\``} | ${r.idempotency ? IDEMPOTENCY[r.idempotency] : ''} | ${audit(r)} |`,
    );
  return ['| Route | Who may call | Rate limit | Idempotency-Key | Audit action (subject) |', '|---|---|---|---|---|', ...rows].join('\n');
}

/** `doc` with the table between its markers replaced by the current one; throws when the markers are missing. */
export function withRailsTable(doc: string, routes: readonly DeclaredRoute[]): string {
  const start = doc.indexOf(START);
  const end = doc.indexOf(END);
  if (start < 0 || end < start) throw new Error(`the rails table markers are missing: ${START} ... ${END}`);
  return `${doc.slice(0, start + START.length)}\n${railsTableMarkdown(routes)}\n${doc.slice(end)}`;
}
