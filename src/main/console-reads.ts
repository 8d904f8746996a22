import type { ConsoleReads, SearchHit } from '../modules/console/index.ts';
import { type FileQueries, filesNeedingAction, findFilesAndRequests } from '../modules/client-requests/index.ts';
import { hasRole } from '../shared/principal.ts';

/** What the console's overview and search read from the other modules. */
export interface ConsoleReadParts {
  files: FileQueries;
}

/**
 * The console's overview figures and search, from each module's own reads: a part is shown only to the
 * roles that work on it (client files to VERIFIER and REVIEWER, reviews to REVIEWER).
 */
export function consoleReads(parts: ConsoleReadParts): ConsoleReads {
  return {
    async overview(p) {
      const files =
        hasRole(p, 'VERIFIER') || hasRole(p, 'REVIEWER') ? { needingAction: await filesNeedingAction(parts.files, p.accountId) } : null;
      return { reviews: null, files, reports: null, webhooks: null };
    },
    async search(p, q) {
      const hits: SearchHit[] = [];
      if (hasRole(p, 'VERIFIER') || hasRole(p, 'REVIEWER'))
        for (const h of await findFilesAndRequests(parts.files, p.accountId, q))
          hits.push({ kind: h.kind, label: `${h.label} (${h.status})`, href: null });
      return hits;
    },
  };
}
