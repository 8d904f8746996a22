import { TableWrap, When } from '../../review-desk/index.ts';
import type { listVerifications } from '../app/list-verifications.ts';
import { type ExplorerFilter, filterQuery } from '../domain/filters.ts';

type Listed = Awaited<ReturnType<typeof listVerifications>>;

/** The explorer's list: filters, then the verifications newest first, 50 a page. */
export function ListPage({ listed, filter }: { listed: Listed; filter: ExplorerFilter }) {
  const kept = filterQuery(filter);
  return (
    <>
      <h1>Verifications</h1>
      <form class="filters" method="get" action="/console/verifications">
        <div>
          <label for="f-program">Program</label>
          <select id="f-program" name="program">
            <option value="">All programs</option>
            {listed.programs.map((p) => (
              <option key={p.id} value={p.id} selected={p.id === filter.programId}>
                {p.name}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label for="f-step">Current step</label>
          <select id="f-step" name="step">
            <option value="">Any step</option>
            {listed.steps.map((s) => (
              <option key={s} value={s} selected={s === filter.step}>
                {s}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label for="f-from">Started from</label>
          <input id="f-from" name="from" type="date" value={filter.fromDay ?? ''} />
        </div>
        <div>
          <label for="f-to">Started until</label>
          <input id="f-to" name="to" type="date" value={filter.toDay ?? ''} />
        </div>
        <div>
          <label for="f-test">Test mode</label>
          <select id="f-test" name="test">
            <option value="">Test and live</option>
            <option value="yes" selected={filter.testMode === true}>
              Test only
            </option>
            <option value="no" selected={filter.testMode === false}>
              Live only
            </option>
          </select>
        </div>
        <div>
          <button type="submit">Show</button>
        </div>
      </form>
      {listed.rows.length === 0 ? (
        <p class="notice">No verification matches these filters.</p>
      ) : (
        <TableWrap label="Verifications, newest first">
          <table>
            <caption class="skip">Verifications, newest first</caption>
            <thead>
              <tr>
                <th scope="col">Verification</th>
                <th scope="col">Program</th>
                <th scope="col">Current step</th>
                <th scope="col">Started</th>
                <th scope="col">Last change</th>
                <th scope="col">Document attempts</th>
              </tr>
            </thead>
            <tbody>
              {listed.rows.map((r) => (
                <tr key={r.id}>
                  <td>
                    <a class="mono" href={`/console/verifications/${r.id}`}>
                      {r.id}
                    </a>
                    {r.test_mode && <span class="muted"> (test)</span>}
                  </td>
                  <td>{r.programName ?? <span class="mono">{r.program_id}</span>}</td>
                  <td>
                    <code>{r.current_step}</code>
                  </td>
                  <td>
                    <When at={r.created_at} />
                  </td>
                  <td>
                    <When at={r.updated_at} />
                  </td>
                  <td>{r.doc_attempts}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
      <nav class="pager" aria-label="Pages">
        {filter.before && <a href={`/console/verifications${kept ? `?${kept}` : ''}`}>First page</a>}
        {listed.next && <a href={`/console/verifications?${kept ? `${kept}&` : ''}before=${encodeURIComponent(listed.next)}`}>Next page</a>}
      </nav>
    </>
  );
}
