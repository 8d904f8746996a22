import type { Program } from '../../programs/index.ts';
import { TableWrap } from '../../review-desk/index.ts';
import { ModeTag } from './views.tsx';

export interface ListedProgram {
  program: Program;
  /** Codes left in a reward pool; null for another offer. */
  remaining: number | null;
}

/** The account's programs, with a way to make one and to import organizations and rosters. */
export function ListPage({ programs }: { programs: ListedProgram[] }) {
  return (
    <>
      <h1>Programs</h1>
      <div class="actions">
        <a class="button" href="/console/programs/new">
          New program
        </a>
        <a class="button secondary" href="/console/programs/imports">
          Import organizations and rosters
        </a>
      </div>
      <h2>The account's programs</h2>
      {programs.length === 0 ? (
        <p class="muted">No program yet.</p>
      ) : (
        <TableWrap label="Programs">
          <table>
            <caption class="skip">The account's programs, oldest first</caption>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Segment</th>
                <th scope="col">Mode</th>
                <th scope="col">Offer</th>
                <th scope="col">Reward codes left</th>
              </tr>
            </thead>
            <tbody>
              {programs.map(({ program: p, remaining }) => (
                <tr key={p.id}>
                  <td>
                    <a href={`/console/programs/${p.id}`}>{p.name}</a>
                    {p.config.archived ? <span class="muted"> (archived)</span> : null}
                  </td>
                  <td>{p.segment}</td>
                  <td>
                    <ModeTag testMode={p.testMode} />
                  </td>
                  <td>{p.config.offerType}</td>
                  <td>
                    {remaining === null ? (
                      <span class="muted">no pool</span>
                    ) : (
                      <a href={`/console/programs/${p.id}/reward-codes`}>{remaining.toLocaleString('en')}</a>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
    </>
  );
}
