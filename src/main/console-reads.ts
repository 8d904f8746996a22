import type { ConsoleReads, OverviewFigures, SearchHit } from '../modules/console/index.ts';
import { type FileQueries, filesNeedingAction, findFilesAndRequests } from '../modules/client-requests/index.ts';
import { type ReviewQueueRepository, reportsExpiringSoon } from '../modules/id-reports/index.ts';
import { type ReviewDeskDeps, reviewSummary } from '../modules/review-desk/index.ts';
import { searchVerifications, type VerificationsDeps } from '../modules/verifications/index.ts';
import { type EndpointHealth, failingEndpoints } from '../modules/webhooks/index.ts';
import type { Clock } from '../shared/clock.ts';
import { HEX24 } from '../shared/ids.ts';
import { hasRole, type Principal } from '../shared/principal.ts';

/** What the console's overview and search read from the other modules. */
export interface ConsoleReadParts {
  clock: Clock;
  desk: ReviewDeskDeps;
  files: FileQueries;
  reports: ReviewQueueRepository;
  endpoints: EndpointHealth;
  verifications: VerificationsDeps;
}

/** Who sees what on the overview and may search by what: each part goes to the roles that work on it. */
const works = {
  reviews: (p: Principal) => hasRole(p, 'REVIEWER'),
  files: (p: Principal) => hasRole(p, 'VERIFIER') || hasRole(p, 'REVIEWER'),
  webhooks: (p: Principal) => hasRole(p, 'ADMIN'),
  /** Finding a verification by a person's email shows who verified: for the roles that see personal data. */
  personalData: (p: Principal) => hasRole(p, 'REVIEWER') || hasRole(p, 'VERIFIER'),
  verifications: (p: Principal) => hasRole(p, 'REVIEWER') || hasRole(p, 'VERIFIER') || hasRole(p, 'VIEWER'),
};

/** The console's overview figures and search, from each module's own reads. */
export function consoleReads(parts: ConsoleReadParts): ConsoleReads {
  return {
    async overview(p): Promise<OverviewFigures> {
      const now = parts.clock.now();
      const a = p.accountId;
      return {
        reviews: works.reviews(p) ? await reviewSummary(parts.desk, a) : null,
        files: works.files(p) ? { needingAction: await filesNeedingAction(parts.files, a) } : null,
        reports: works.files(p)
          ? await reportsExpiringSoon(parts.reports, a, now).then((r) => ({ expiringSoon: r.count, soonest: r.soonest }))
          : null,
        webhooks: works.webhooks(p) ? { failing: await failingEndpoints(parts.endpoints, a, now) } : null,
      };
    },
    async search(p, q) {
      const hits: SearchHit[] = [];
      const search = HEX24.test(q) ? { verificationId: q } : q.includes('@') && works.personalData(p) ? { email: q } : null;
      if (search && works.verifications(p)) {
        const { results } = await searchVerifications(parts.verifications, p, { search }, { offset: 0, limit: 20 });
        for (const v of results)
          hits.push({
            kind: 'verification',
            label: `${v.verificationId} (${v.currentStep})`,
            href: `/console/verifications/${v.verificationId}`,
          });
      }
      if (works.files(p))
        for (const h of await findFilesAndRequests(parts.files, p.accountId, q))
          hits.push({
            kind: h.kind,
            label: `${h.label} (${h.status})`,
            // A request whose report waits for review opens in the workbench (for reviewers); else its page.
            href:
              h.kind === 'file'
                ? `/console/files/${h.id}`
                : h.status === 'Review Report' && works.reviews(p)
                  ? `/console/review/id-report/${h.id}`
                  : `/console/files/requests/${h.id}`,
          });
      return hits;
    },
  };
}
