import type { ListedReport } from '../../eligibility-reports/index.ts';
import type { ListedBatch } from '../../reverification/index.ts';
import { unfinished } from './views.tsx';

/** The section's first page: its two parts, with what is going on in each (re-verification only for those who may). */
export function LandingPage({ batches, reports }: { batches: ListedBatch[] | null; reports: ListedReport[] }) {
  const running = batches?.filter((b) => unfinished(b.status)).length ?? 0;
  const preparing = reports.filter((r) => r.status === 'PENDING').length;
  return (
    <>
      <h1>Re-verify and reports</h1>
      <div class="cards">
        {batches && (
          <section class="card" aria-labelledby="landing-batches">
            <h2 id="landing-batches">
              <a href="/console/bulk/batches">Re-verification</a>
            </h2>
            <p>Check earlier verifications again, from a CSV of their ids, and download what each batch found.</p>
            <p class="muted">
              {batches.length === 0 ? 'No batch yet.' : `${running} running, ${batches.length - running} ended (latest ${batches.length}).`}
            </p>
          </section>
        )}
        <section class="card" aria-labelledby="landing-reports">
          <h2 id="landing-reports">
            <a href="/console/bulk/reports">Verification reports</a>
          </h2>
          <p>The account's verifications over a range of days, as CSV.</p>
          <p class="muted">
            {reports.length === 0 ? 'No report yet.' : `${preparing} being prepared, ${reports.length - preparing} ended.`}
          </p>
        </section>
      </div>
    </>
  );
}
