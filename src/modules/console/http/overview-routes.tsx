import type { FastifyInstance } from 'fastify';
import { sendConsolePage } from '../../../platform/html/console-page.tsx';
import { rails } from '../../../platform/http/rails.ts';
import { ANY_ROLE, hasRole, type Principal } from '../../../shared/principal.ts';

/** What the overview shows, each part only to the roles that work on it (null: not theirs, or nothing to show). */
export interface OverviewFigures {
  reviews: { waiting: number; late: number; oldestSince: Date | null } | null;
  files: { needingAction: number } | null;
  reports: { expiringSoon: number; soonest: Date | null } | null;
  webhooks: { failing: { url: string; failingSince: Date | null; lastError: string | null }[] } | null;
}

/** A result of the console's search: what it is, and the page that shows it. */
export interface SearchHit {
  kind: 'verification' | 'client request' | 'file';
  label: string;
  /** The console page that shows it; null where the console has no page for it yet. */
  href: string | null;
}

/** The reads of other modules the overview and the search need, wired in src/main. */
export interface ConsoleReads {
  overview(principal: Principal): Promise<OverviewFigures>;
  search(principal: Principal, query: string): Promise<SearchHit[]>;
}

const when = (d: Date | null) =>
  d ? <time dateTime={d.toISOString()}>{d.toISOString().slice(0, 16).replace('T', ' ')} UTC</time> : <span class="muted">none</span>;

const Figure = ({ title, value, children }: { title: string; value: number; children?: preact.ComponentChildren }) => (
  <section class="card" aria-label={title}>
    <h2>{title}</h2>
    <p class="figure">{value}</p>
    {children}
  </section>
);

/** The overview (the console's home page) and the search across verifications, client requests and files. */
export function registerOverviewRoutes(app: FastifyInstance, reads: ConsoleReads) {
  const page = rails({ access: ANY_ROLE, limit: 'none', audit: 'none' });
  app.get('/console', { schema: { hide: true }, config: page }, async (req, reply) => {
    const p = req.principal!;
    const f = await reads.overview(p);
    return sendConsolePage(req, reply, {
      title: 'Overview',
      current: 'overview',
      body: () => (
        <>
          <h1>Overview</h1>
          <div class="cards">
            {f.reviews && (
              <Figure title="Documents waiting for review" value={f.reviews.waiting}>
                <p>
                  {f.reviews.late > 0 ? (
                    <span class="late">{f.reviews.late} past the program's review time.</span>
                  ) : (
                    'None past the review time.'
                  )}
                </p>
                <p>Oldest since {when(f.reviews.oldestSince)}</p>
                {hasRole(p, 'REVIEWER') && <a href="/console/review">Open the review queue</a>}
              </Figure>
            )}
            {f.files && (
              <Figure title="Client files needing action" value={f.files.needingAction}>
                <p class="muted">Reports to review, links that expired or whose mail failed.</p>
                <a href="/console/files?status=action">Open the files with a report to review</a>
              </Figure>
            )}
            {f.reports && (
              <Figure title="Reports expiring within 2 days" value={f.reports.expiringSoon}>
                <p>Soonest {when(f.reports.soonest)}</p>
              </Figure>
            )}
            {f.webhooks && (
              <Figure title="Webhook endpoints failing" value={f.webhooks.failing.length}>
                {f.webhooks.failing.length > 0 && (
                  <ul>
                    {f.webhooks.failing.map((w) => (
                      <li key={w.url}>
                        <span class="mono">{w.url}</span>
                        {w.lastError && <span class="muted"> ({w.lastError})</span>}
                      </li>
                    ))}
                  </ul>
                )}
              </Figure>
            )}
          </div>
        </>
      ),
    });
  });

  app.get(
    '/console/search',
    // The query may be an email: the search is recorded, never what was searched for.
    { schema: { hide: true }, config: rails({ access: ANY_ROLE, limit: 'none', audit: { action: 'console.search' } }) },
    async (req, reply) => {
      const raw = (req.query as Record<string, unknown>).q;
      const q = typeof raw === 'string' ? raw.trim().slice(0, 320) : '';
      const hits = q ? await reads.search(req.principal!, q) : [];
      // One match: straight to it.
      if (hits.length === 1 && hits[0].href) return reply.redirect(hits[0].href, 303);
      return sendConsolePage(req, reply, {
        title: 'Search',
        body: () => (
          <>
            <h1>Search</h1>
            <search>
              <form method="get" action="/console/search" class="card">
                <label for="q">Verification id, email, client request id or file number</label>
                <input id="q" name="q" type="search" value={q} />
                <div class="actions">
                  <button type="submit">Search</button>
                </div>
              </form>
            </search>
            {q && (
              <section aria-live="polite">
                <h2>{hits.length === 0 ? 'Nothing found' : `${hits.length} found`}</h2>
                <ul>
                  {hits.map((h) => (
                    <li key={`${h.kind} ${h.label}`}>
                      {h.kind}: {h.href ? <a href={h.href}>{h.label}</a> : h.label}
                    </li>
                  ))}
                </ul>
              </section>
            )}
          </>
        ),
      });
    },
  );
}
