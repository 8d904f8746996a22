import type { SourceRow, VerificationFilter } from '../infra/reports-repository.ts';
import type { ReportsDeps } from './deps.ts';

const PAGE = 1000;

/** The filter of a verification report, from its stored parameters. */
export const verificationFilter = (accountId: string, p: Record<string, unknown>): VerificationFilter => ({
  accountId,
  programIds: (p.programIds as string[] | null) ?? null,
  start: new Date(p.start as string),
  end: new Date(p.end as string),
  testModes: p.mode === 'ALL' ? [true, false] : p.mode === 'TEST' ? [true] : [false],
});

/** Pages through a report's source rows in their fixed order, a page at a time: never the whole set in memory. */
export async function* sourceRows(
  deps: ReportsDeps,
  report: { account_id: string; kind: string; batch_id: string | null; params: Record<string, unknown> },
): AsyncGenerator<SourceRow> {
  if (report.kind === 'reverify') {
    let after = -1;
    for (;;) {
      const page = await deps.repo.reverifyPage(report.batch_id!, report.params.programId as string, after, PAGE);
      yield* page;
      if (page.length < PAGE) return;
      after = page[page.length - 1].cursor_position!;
    }
  }
  const filter = verificationFilter(report.account_id, report.params);
  let after: { created: Date; id: string } | null = null;
  for (;;) {
    const page = await deps.repo.verificationPage(filter, after, PAGE);
    yield* page;
    if (page.length < PAGE) return;
    const last = page[page.length - 1];
    after = { created: last.created_at!, id: last.cursor_id! };
  }
}
